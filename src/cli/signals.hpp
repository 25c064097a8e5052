// Ctrl-C for a command that runs threads. A signal is delivered to any
// thread that does not block it, so holding it back in the thread that
// writes (as write_atomically does) is not enough once there are several.
// SignalBlock blocks the terminating signals in the calling thread and in
// every thread started after it, so none of them ends the process in the
// middle of a write; the command asks for them with poll() and stops in
// good order.
#pragma once

#include <csignal>

namespace chronik::cli {

class SignalBlock {
public:
    SignalBlock();  // blocks SIGINT, SIGTERM, SIGHUP and SIGQUIT
    ~SignalBlock(); // restores the previous mask
    SignalBlock(const SignalBlock&) = delete;
    SignalBlock& operator=(const SignalBlock&) = delete;

    // A signal that arrived since the last call (taken, so it is not
    // delivered later), or 0.
    int poll();

private:
    sigset_t set_;
    sigset_t old_;
};

} // namespace chronik::cli
