#include "runner.hpp"

#include "content_hash.hpp"
#include "job_wire.hpp"
#include "pipeline/pipeline.hpp"
#include "support/file_content.hpp"
#include "text/font_set.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <set>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

namespace chronik::batch {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// The path as the user may want to read it: relative to the current
// folder when it lies below it.
std::string shown(const fs::path& file) {
    std::error_code ec;
    const auto here = fs::current_path(ec);
    if (ec)
        return file.string();
    const auto rel = file.lexically_relative(here);
    return rel.empty() || *rel.begin() == ".." ? file.string() : rel.string();
}

} // namespace

std::vector<JobResult> preview(const Plan& plan) {
    std::vector<JobResult> out(plan.jobs.size());
    for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
        const auto& p = plan.jobs[i];
        auto& r = out[i];
        switch (p.action) {
        case Action::Render:
            r.status = Status::WouldRender;
            break;
        case Action::Fail:
            r.status = Status::Failed;
            break;
        case Action::Skip:
            r.status = Status::UpToDate;
            for (const auto& o : p.record.outputs)
                r.outputs.push_back({o.path, o.format, o.bytes, o.pages});
            r.record = p.record;
            break;
        }
    }
    return out;
}

struct Runner::Worker {
    pid_t pid = -1;  // -1: not running
    int socket = -1; // the runner's end
    std::optional<std::size_t> job;
    Clock::time_point began;
    std::string received;              // bytes not yet a whole frame
    std::vector<OutputResult> written; // the job's outputs on disk so far
    // When the job began, each output's modification time (none: absent): a
    // worker killed between renaming an output into place and reporting it
    // leaves a whole file that it never told of.
    std::vector<std::optional<std::int64_t>> before;
};

namespace {

// Sends all of `bytes`; false when the other end is gone (no SIGPIPE).
bool send_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Reads exactly `n` bytes; false at the end or on an error.
bool read_all(int fd, char* into, std::size_t n) {
    while (n > 0) {
        const ssize_t got = ::read(fd, into, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        into += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

// "signal 6, SIGABRT" or "exit status 3" (`status` as waitpid gives it, -1 unknown).
std::string how_it_ended(int status) {
    if (status == -1)
        return "its worker process ended";
    if (WIFSIGNALED(status)) {
        const int s = WTERMSIG(status);
        const char* name = sigabbrev_np(s);
        return "signal " + std::to_string(s) + (name ? ", SIG" + std::string(name) : "");
    }
    return "exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

// The test-only crash (runner.hpp): compared with the chronicle's file name.
void crash_if_asked_to(const PlannedJob& p) {
    const char* name = std::getenv(test_crash_variable);
    if (name && *name && fs::path(p.chronicle->source).filename() == name)
        std::abort();
}

// Loads the faces the plan's styles name, so that the workers forked next
// share them with this process instead of each loading its own copy.
void load_fonts_ahead(const Plan& plan) {
    std::set<const style::Style*> styles;
    for (const auto& j : plan.jobs)
        if (j.action == Action::Render)
            styles.insert(j.style);
    for (const auto* s : styles) {
        try {
            text::FontSet fonts;
            for (const auto& role : s->roles)
                for (const bool bold : {false, true})
                    for (const bool italic : {false, true}) {
                        auto font = role.font;
                        font.bold = bold;
                        font.italic = italic;
                        fonts.face(font);
                    }
        } catch (const std::exception&) {
            // The job that needs the font says so.
        }
    }
}

} // namespace

Runner::Runner(const Plan& plan, unsigned threads, WriteFile write, RemoveLeftovers remove,
               Observer& observer)
    : plan_(plan), threads_(std::max(1u, threads)), write_(std::move(write)),
      remove_(std::move(remove)), observer_(observer), results_(plan.jobs.size()) {
    std::error_code ec;
    root_ = fs::weakly_canonical(plan.output, ec);
    if (ec)
        root_ = plan.output;
}

Runner::~Runner() {
    // The workers end once their socket closes, after the job they run.
    for (auto& w : workers_)
        if (w.socket >= 0)
            ::close(w.socket);
    for (auto& w : workers_)
        if (w.pid > 0) {
            int status = 0;
            while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
}

void Runner::start() {
    auto planned = preview(plan_);
    for (std::size_t i = 0; i < plan_.jobs.size(); ++i) {
        if (plan_.jobs[i].action == Action::Render) {
            queue_.push_back(i);
            continue;
        }
        results_[i] = std::move(planned[i]);
        observer_.finished(i, results_[i]);
    }
    const auto n = static_cast<unsigned>(std::min<std::size_t>(threads_, queue_.size()));
    if (n == 0)
        return;
    load_fonts_ahead(plan_);
    // Inherited as ignored, the workers would be reaped unseen: how one
    // ended would be lost.
    std::signal(SIGCHLD, SIG_DFL);
    workers_.resize(n);
    for (auto& w : workers_)
        spawn(w);
    in_process_ =
        std::none_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.pid > 0; });
}

bool Runner::spawn(Worker& w) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(sv[0]);
        ::close(sv[1]);
        return false;
    }
    if (pid == 0) {
        ::close(sv[0]);
        for (const auto& other : workers_)
            if (other.socket >= 0)
                ::close(other.socket);
        // Dies with the runner, whatever kills it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
        serve(sv[1]);
    }
    ::close(sv[1]);
    ++spawned_;
    w = Worker{};
    w.pid = pid;
    w.socket = sv[0];
    return true;
}

// The worker: a job index in, its outputs and result out, until the runner
// closes the socket. Never returns, never runs exit handlers or flushes the
// runner's buffered output it inherited.
void Runner::serve(int socket) {
    while (true) {
        std::uint32_t job = 0;
        char bytes[4];
        if (!read_all(socket, bytes, 4))
            ::_exit(0);
        for (int i = 0; i < 4; ++i)
            job |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
        if (job >= plan_.jobs.size())
            ::_exit(2);
        const auto r = run(plan_.jobs[job], [&](const OutputResult& o) {
            if (!send_all(socket, wire::output_frame(o)))
                ::_exit(1);
        });
        if (!send_all(socket, wire::result_frame(r)))
            ::_exit(1);
    }
}

void Runner::finish(std::size_t job, JobResult result) {
    results_[job] = std::move(result);
    observer_.finished(job, results_[job]);
}

void Runner::dispatch() {
    if (cancelled_) {
        // Jobs file order: the ones not handed out end now.
        for (; next_ < queue_.size(); ++next_) {
            JobResult r;
            r.status = Status::Cancelled;
            finish(queue_[next_], std::move(r));
        }
        return;
    }
    if (in_process_) {
        if (next_ < queue_.size()) {
            const std::size_t i = queue_[next_++];
            observer_.started(i);
            finish(i, run(plan_.jobs[i]));
        }
        return;
    }
    for (auto& w : workers_) {
        if (w.job || next_ >= queue_.size())
            continue;
        // A worker per job at most (and the first ones): beyond that,
        // something keeps them from running at all.
        if (w.pid < 0 && (spawned_ > queue_.size() + threads_ || !spawn(w)))
            continue;
        const std::size_t i = queue_[next_];
        std::string message(4, '\0');
        for (int b = 0; b < 4; ++b)
            message[b] = static_cast<char>((i >> (8 * b)) & 0xFF);
        if (!send_all(w.socket, message)) {
            // Died while idle: reap it, and give the job to the next one.
            died(w);
            continue;
        }
        ++next_;
        w.job = i;
        w.began = Clock::now();
        w.before.clear();
        for (const auto& out : plan_.jobs[i].outputs)
            w.before.push_back(modified_ns(out.file));
        observer_.started(i);
    }
    // None could be started again: the rest run here.
    if (next_ < queue_.size() &&
        std::none_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.pid > 0; }))
        in_process_ = true;
}

bool Runner::wait_for(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        dispatch();
        std::vector<pollfd> fds;
        std::vector<Worker*> busy;
        for (auto& w : workers_)
            if (w.job) {
                fds.push_back({w.socket, POLLIN, 0});
                busy.push_back(&w);
            }
        if (busy.empty() && next_ >= queue_.size())
            return true;
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        if (busy.empty())
            continue; // in-process jobs, or workers to start
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left));
        if (ready < 0 && errno != EINTR)
            return false;
        for (std::size_t k = 0; k < fds.size(); ++k)
            if (fds[k].revents != 0)
                receive(*busy[k]);
    }
}

void Runner::receive(Worker& w) {
    char buf[65536];
    const ssize_t n = ::read(w.socket, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) {
        died(w);
        return;
    }
    w.received.append(buf, static_cast<std::size_t>(n));
    while (auto f = wire::take_frame(w.received)) {
        if (f->type == 'O') {
            w.written.push_back(wire::decode_output(f->payload));
        } else if (f->type == 'R' && w.job) {
            const std::size_t i = *w.job;
            w.job.reset();
            w.written.clear();
            finish(i, wire::decode_result(f->payload));
        }
    }
}

// The worker is gone (its socket closed): the job it ran fails, saying
// how, what it left is removed, and the slot is free for a new worker.
void Runner::died(Worker& w) {
    int status = -1;
    pid_t reaped = 0;
    while ((reaped = ::waitpid(w.pid, &status, 0)) < 0 && errno == EINTR) {
    }
    if (reaped != w.pid)
        status = -1;
    ::close(w.socket);
    Worker gone = std::move(w);
    w = Worker{};
    if (!gone.job)
        return;
    const auto& p = plan_.jobs[*gone.job];
    for (const auto& out : p.outputs) {
        remove_(out.file.parent_path(), gone.pid);
        remove_(out.file.parent_path() / render::attachment_folder, gone.pid);
    }
    for (std::size_t k = 0; k < p.outputs.size() && k < gone.before.size(); ++k) {
        const auto& out = p.outputs[k];
        const auto now = modified_ns(out.file);
        if (!now || now == gone.before[k] ||
            std::any_of(gone.written.begin(), gone.written.end(),
                        [&](const OutputResult& o) { return o.path == out.path; }))
            continue;
        std::error_code ec;
        const auto size = fs::file_size(out.file, ec);
        gone.written.push_back(
            {out.path, std::string(out.renderer->name()), ec ? 0 : size, std::nullopt});
    }
    JobResult r;
    r.status = Status::Failed;
    r.seconds = seconds_since(gone.began);
    std::string outputs;
    for (const auto& out : p.outputs)
        outputs += (outputs.empty() ? "" : ", ") + shown(out.file);
    std::string what = "job '" + p.job->name + "' (" + outputs + "): chronik crashed (" +
                       how_it_ended(status) + ") while rendering " + p.chronicle->source;
    if (gone.written.empty()) {
        what += "; nothing of it was written";
    } else {
        what += "; of its outputs only";
        for (const auto& o : gone.written)
            what += " " + o.path;
        what += gone.written.size() == 1 ? " was written" : " were written";
    }
    r.diags.error(p.chronicle->source, 0, 0, std::move(what));
    r.dropped = !gone.written.empty(); // some outputs new, some old: the record goes
    r.outputs = std::move(gone.written);
    finish(*gone.job, std::move(r));
}

void Runner::stop_now() {
    cancel();
    for (auto& w : workers_) {
        if (w.pid <= 0)
            continue;
        ::kill(w.pid, SIGKILL);
        int status = 0;
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (w.job)
            for (const auto& out : plan_.jobs[*w.job].outputs) {
                remove_(out.file.parent_path(), w.pid);
                remove_(out.file.parent_path() / render::attachment_folder, w.pid);
            }
        ::close(w.socket);
        w = Worker{};
    }
}

JobResult Runner::run(const PlannedJob& p,
                      const std::function<void(const OutputResult&)>& written) {
    const auto t0 = Clock::now();
    JobResult r;
    r.status = Status::Failed;
    std::string current; // the output being written, for messages
    try {
        if (!in_process_)
            crash_if_asked_to(p);
        const auto doc = pipeline::document(*p.chronicle, *p.style, p.options, r.diags);
        std::vector<pipeline::Rendered> rendered;
        for (const auto& out : p.outputs)
            rendered.push_back(pipeline::render(doc, *p.style, *out.renderer,
                                                out.file.parent_path(), p.job->pdf_standards,
                                                p.job->format_options, r.diags));
        // All formats rendered: now write them, one atomic file each.
        ManifestJob record{p.hash, {}};
        for (std::size_t k = 0; k < p.outputs.size(); ++k) {
            const auto& out = p.outputs[k];
            current = shown(out.file);
            // The path is inside the output folder as written (the job file
            // reader made sure); a symbolic link on the way must not lead out.
            const auto folder = out.file.parent_path();
            std::error_code ec;
            const auto real = fs::weakly_canonical(folder, ec);
            const auto inside = real.lexically_relative(root_);
            if (ec || inside.empty() || *inside.begin() == "..")
                throw Failure({Severity::Error, current, 0, 0,
                               "the output's folder leads outside the output folder " +
                                   shown(plan_.output) + " (through a symbolic link)"});
            fs::create_directories(folder, ec);
            if (ec)
                throw std::system_error(ec, "cannot create the folder " + shown(folder));
            // The files beside the output first (render/attachment.hpp): named
            // for their content, so one already there with those bytes stays.
            for (const auto& at : rendered[k].attachments) {
                const auto file = folder / at.path;
                const auto path = (fs::path(out.path).parent_path() / at.path).generic_string();
                if (!file_has_content(file, *at.bytes)) {
                    fs::create_directories(file.parent_path(), ec);
                    if (ec)
                        throw std::system_error(ec, "cannot create the folder " +
                                                        shown(file.parent_path()));
                    write_(file, *at.bytes);
                    r.dropped = true;
                }
                if (std::none_of(record.files.begin(), record.files.end(),
                                 [&](const ManifestOutput& f) { return f.path == path; }))
                    record.files.push_back({path, std::string(out.renderer->name()),
                                            at.bytes->size(), std::nullopt,
                                            modified_ns(file).value_or(0), sha256_hex(*at.bytes)});
            }
            write_(out.file, rendered[k].bytes);
            r.dropped = true; // from here on, some outputs are new
            ManifestOutput m{out.path,
                             std::string(out.renderer->name()),
                             rendered[k].bytes.size(),
                             rendered[k].pages,
                             modified_ns(out.file).value_or(0),
                             sha256_hex(rendered[k].bytes)};
            r.outputs.push_back({m.path, m.format, m.bytes, m.pages});
            record.outputs.push_back(std::move(m));
            if (written)
                written(r.outputs.back());
        }
        r.status = Status::Written;
        r.record = std::move(record);
        r.dropped = false;
    } catch (const Failure& f) {
        r.diags.add(f.diagnostic());
    } catch (const std::system_error& e) {
        r.diags.error(current, 0, 0, e.what());
    } catch (const std::exception& e) {
        r.diags.error(p.chronicle->source, 0, 0,
                      "job '" + p.job->name + "' failed: " + std::string(e.what()));
    }
    // A failed job's outputs are those it wrote before failing (each whole).
    r.seconds = seconds_since(t0);
    return r;
}

Manifest updated_manifest(const Plan& plan, const std::vector<JobResult>& results) {
    Manifest m = plan.manifest;
    for (std::size_t i = 0; i < plan.jobs.size() && i < results.size(); ++i) {
        const auto& name = plan.jobs[i].job->name;
        if (results[i].status == Status::WouldRender)
            continue;
        if (results[i].record)
            m.jobs[name] = *results[i].record;
        else if (results[i].dropped)
            m.jobs.erase(name);
    }
    return m;
}

} // namespace chronik::batch
