#include "signals.hpp"

#include <initializer_list>
#include <pthread.h>
#include <time.h>

namespace chronik::cli {

SignalBlock::SignalBlock() {
    sigemptyset(&set_);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
        sigaddset(&set_, s);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
}

SignalBlock::~SignalBlock() {
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

int SignalBlock::poll() {
    const timespec now{0, 0};
    const int s = sigtimedwait(&set_, nullptr, &now);
    return s > 0 ? s : 0;
}

} // namespace chronik::cli
