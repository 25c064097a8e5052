#include "atomic_file.hpp"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <pthread.h>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace chronik::cli {

namespace {

// Blocks the usual terminating signals for its lifetime; a signal that
// arrives meanwhile is delivered when it ends.
class SignalHold {
public:
    SignalHold() {
        sigset_t set;
        sigemptyset(&set);
        for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            sigaddset(&set, s);
        pthread_sigmask(SIG_BLOCK, &set, &old_);
    }
    ~SignalHold() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    SignalHold(const SignalHold&) = delete;
    SignalHold& operator=(const SignalHold&) = delete;

private:
    sigset_t old_;
};

[[noreturn]] void fail(int err, const std::string& what) {
    throw std::system_error(err, std::generic_category(), what);
}

std::shared_mutex& writes() {
    static std::shared_mutex m;
    return m;
}

// The process's umask, read once. umask() can only be read by setting it,
// and setting it races with other threads creating files (they would get
// mode 0666, or the old mask would not come back); /proc/self/status shows
// it without changing it (Linux 4.7 and later).
mode_t process_umask() {
    static const mode_t mask = [] {
        std::ifstream status("/proc/self/status");
        std::string line;
        while (std::getline(status, line)) {
            if (line.rfind("Umask:", 0) != 0)
                continue;
            unsigned v = 0;
            const auto digits = line.find_first_not_of(" \t", 6);
            const char* b = line.data() + (digits == std::string::npos ? line.size() : digits);
            const auto [p, ec] = std::from_chars(b, line.data() + line.size(), v, 8);
            if (ec == std::errc() && p != b)
                return static_cast<mode_t>(v);
        }
        const mode_t m = umask(0);
        umask(m);
        return m;
    }();
    return mask;
}

} // namespace

std::string temporary_pattern(long pid) {
    return ".chronik-" + std::to_string(pid) + ".XXXXXX";
}

void remove_temporaries(const std::filesystem::path& folder, long pid) {
    const std::string prefix = temporary_pattern(pid).substr(0, temporary_pattern(pid).size() - 6);
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.size() == prefix.size() + 6 && name.rfind(prefix, 0) == 0) {
            std::error_code ignored;
            std::filesystem::remove(it->path(), ignored);
        }
    }
}

std::unique_lock<std::shared_mutex> hold_writes() {
    return std::unique_lock(writes());
}

void write_atomically(const std::filesystem::path& target, std::string_view bytes) {
    const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string tmp = (dir / temporary_pattern(getpid())).string();
    const mode_t mask = process_umask();
    const std::shared_lock writing(writes());
    SignalHold hold;
    const int fd = mkstemp(tmp.data());
    if (fd < 0)
        fail(errno, "cannot create a file in " + dir.string());
    auto abandon = [&](const std::string& what) {
        const int err = errno;
        close(fd);
        unlink(tmp.c_str());
        fail(err, what);
    };
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            abandon("cannot write " + target.string());
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // mkstemp creates 0600; outputs are ordinary documents.
    if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0)
        abandon("cannot write " + target.string());
    if (close(fd) != 0) {
        const int err = errno;
        unlink(tmp.c_str());
        fail(err, "cannot write " + target.string());
    }
    if (rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        unlink(tmp.c_str());
        std::error_code ec;
        const bool existed = std::filesystem::symlink_status(target, ec).type() !=
                             std::filesystem::file_type::not_found;
        fail(err, (existed && !ec ? "cannot replace " : "cannot write ") + target.string());
    }
}

} // namespace chronik::cli
