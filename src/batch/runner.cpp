#include "runner.hpp"

#include "content_hash.hpp"
#include "pipeline/pipeline.hpp"

#include <Poco/Runnable.h>
#include <Poco/ThreadPool.h>

#include <system_error>

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

class Runner::Worker final : public Poco::Runnable {
public:
    explicit Worker(Runner& r) : runner_(r) {}
    void run() override { runner_.work(); }

private:
    Runner& runner_;
};

Runner::Runner(const Plan& plan, unsigned threads, WriteFile write, Observer& observer)
    : plan_(plan), threads_(std::max(1u, threads)), write_(std::move(write)), observer_(observer),
      results_(plan.jobs.size()) {
    std::error_code ec;
    root_ = fs::weakly_canonical(plan.output, ec);
    if (ec)
        root_ = plan.output;
}

Runner::~Runner() {
    cancel();
    if (pool_)
        pool_->joinAll();
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
    {
        const std::lock_guard lock(mutex_);
        active_ = n;
    }
    pool_ = std::make_unique<Poco::ThreadPool>(static_cast<int>(n), static_cast<int>(n));
    for (unsigned k = 0; k < n; ++k) {
        workers_.push_back(std::make_unique<Worker>(*this));
        pool_->start(*workers_.back());
    }
}

bool Runner::wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return done_.wait_for(lock, timeout, [this] { return active_ == 0; });
}

void Runner::work() {
    // Jobs are taken in the job file's order; each result slot is written
    // by the one worker that took the job, and read only after all joined.
    while (true) {
        const std::size_t k = next_.fetch_add(1);
        if (k >= queue_.size())
            break;
        const std::size_t i = queue_[k];
        if (cancelled_) {
            results_[i].status = Status::Cancelled;
        } else {
            observer_.started(i);
            results_[i] = run(plan_.jobs[i]);
        }
        observer_.finished(i, results_[i]);
    }
    const std::lock_guard lock(mutex_);
    if (--active_ == 0)
        done_.notify_all();
}

JobResult Runner::run(const PlannedJob& p) {
    const auto t0 = Clock::now();
    JobResult r;
    r.status = Status::Failed;
    std::string current; // the output being written, for messages
    try {
        const auto doc = pipeline::document(*p.chronicle, *p.style, p.options, r.diags);
        std::vector<pipeline::Rendered> rendered;
        for (const auto& out : p.outputs)
            rendered.push_back(
                pipeline::render(doc, *p.style, *out.renderer, out.file.parent_path(), r.diags));
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
