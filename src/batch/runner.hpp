// Runs a plan's jobs on a Poco::ThreadPool, N at a time.
//
// Each job composes its document, renders every format into memory, and
// only when all of them succeeded writes the files (through WriteFile,
// which the command line makes atomic): a job's outputs always come from
// the same inputs. A failing job is reported and the others go on.
//
// Jobs share the plan's chronicles and styles read-only; everything a
// render changes (document, font set, hyphenator cache, PDF writer)
// is its own. Observers are called from the worker threads.
#pragma once

#include "manifest.hpp"
#include "plan.hpp"
#include "support/diagnostics.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace Poco {
class ThreadPool;
}

namespace chronik::batch {

// Writes a whole file or throws std::system_error, leaving the target as it was.
using WriteFile = std::function<void(const std::filesystem::path&, std::string_view)>;

enum class Status {
    Written,     // rendered and written
    UpToDate,    // skipped: the outputs are as the manifest says
    Failed,      // did not load, render or write (see its diagnostics)
    Cancelled,   // not started: the run was interrupted
    WouldRender, // --dry-run: would be rendered
};

struct OutputResult {
    std::string path; // relative to the output folder
    std::string format;
    std::uint64_t bytes = 0;
    std::optional<int> pages;
};

struct JobResult {
    Status status = Status::Cancelled;
    std::vector<OutputResult> outputs; // what is on disk (Failed: what it wrote before failing)
    double seconds = 0;                // Written, Failed: time taken
    Diagnostics diags;                 // the job's own warnings and errors
    // What the manifest keeps for the job: the new record (Written,
    // UpToDate); nothing and `dropped` when a failure left some outputs
    // new and some old; else the previous record stays.
    std::optional<ManifestJob> record;
    bool dropped = false;
};

class Observer {
public:
    virtual ~Observer() = default;
    virtual void started(std::size_t job) = 0; // index into Plan::jobs
    virtual void finished(std::size_t job, const JobResult& result) = 0;
};

// What --dry-run prints: the plan as results, nothing run.
std::vector<JobResult> preview(const Plan& plan);

class Runner {
public:
    // `threads` >= 1. The plan, writer and observer must outlive the runner.
    Runner(const Plan& plan, unsigned threads, WriteFile write, Observer& observer);
    ~Runner(); // cancels what has not started, waits for the rest
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Reports skipped and failed jobs at once, then starts the workers.
    void start();
    // True once every job has finished (waits at most `timeout`).
    bool wait_for(std::chrono::milliseconds timeout);
    // Jobs not yet started are not started (they end as Cancelled).
    void cancel() { cancelled_ = true; }
    bool cancelled() const { return cancelled_; }
    // After wait_for returned true: one result per planned job.
    const std::vector<JobResult>& results() const { return results_; }

private:
    class Worker;
    void work();
    JobResult run(const PlannedJob& job);

    const Plan& plan_;
    unsigned threads_;
    WriteFile write_;
    Observer& observer_;
    std::filesystem::path root_;     // the output folder with links resolved
    std::vector<std::size_t> queue_; // indices of the jobs to render
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> cancelled_{false};
    std::vector<JobResult> results_;
    std::mutex mutex_;
    std::condition_variable done_;
    unsigned active_ = 0; // workers still running (guarded by mutex_)
    std::vector<std::unique_ptr<Worker>> workers_;
    std::unique_ptr<Poco::ThreadPool> pool_;
};

// The manifest after a run: `before` with each job's record set, kept or
// dropped as its result says.
Manifest updated_manifest(const Plan& plan, const std::vector<JobResult>& results);

} // namespace chronik::batch
