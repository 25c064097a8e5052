// Runs a plan's jobs in worker processes, N at a time.
//
// Each job composes its document, renders every format into memory, and
// only when all of them succeeded writes the files (through WriteFile,
// which the command line makes atomic): a job's outputs always come from
// the same inputs. A failing job is reported and the others go on.
//
// Isolation: the runner forks N workers once the plan is loaded (and the
// fonts its styles use, so the workers share those pages with it); each
// takes one job at a time over a socket and sends back what it wrote and
// its result (job_wire.hpp). A worker that dies (a C library that aborts,
// the kernel's OOM killer) fails the job it was running, with the signal
// named; its temporary files are removed and a new worker takes its place.
// The runner and the observer run on the calling thread, in wait_for().
// The calling process must have no other threads when start() is called:
// a fork copies only the calling thread, and the locks the others held.
#pragma once

#include "manifest.hpp"
#include "plan.hpp"
#include "support/diagnostics.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace chronik::batch {

// Writes a whole file or throws std::system_error, leaving the target as it was.
using WriteFile = std::function<void(const std::filesystem::path&, std::string_view)>;
// Removes, in a folder, the temporary files a writer process (by id) may
// have left when it died in the middle of a WriteFile.
using RemoveLeftovers = std::function<void(const std::filesystem::path&, long)>;

// The test-only way to make a job crash its worker, so that isolation can be
// tested without a real crash: when the environment variable
// CHRONIK_TEST_CRASH_ON names a job's chronicle (its file name, "c.xml"),
// the worker aborts (SIGABRT) while rendering that job. Read in this one
// place; never set it in production.
inline constexpr const char* test_crash_variable = "CHRONIK_TEST_CRASH_ON";

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
    Runner(const Plan& plan, unsigned threads, WriteFile write, RemoveLeftovers remove,
           Observer& observer);
    ~Runner(); // cancels what has not started, waits for the rest
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Reports skipped and failed jobs at once, then starts the workers.
    void start();
    // Runs the jobs for at most `timeout`: true once every job has finished.
    bool wait_for(std::chrono::milliseconds timeout);
    // Jobs not yet started are not started (they end as Cancelled).
    void cancel() { cancelled_ = true; }
    bool cancelled() const { return cancelled_; }
    // Stops at once: kills the workers and removes their temporary files.
    // Outputs are whole or not there; the results are not complete.
    void stop_now();
    // After wait_for returned true: one result per planned job.
    const std::vector<JobResult>& results() const { return results_; }

private:
    struct Worker;
    bool spawn(Worker& w);
    [[noreturn]] void serve(int socket);
    void dispatch();
    void receive(Worker& w);
    void died(Worker& w);
    void finish(std::size_t job, JobResult result);
    JobResult run(const PlannedJob& job,
                  const std::function<void(const OutputResult&)>& written = {});

    const Plan& plan_;
    unsigned threads_;
    WriteFile write_;
    RemoveLeftovers remove_;
    Observer& observer_;
    std::filesystem::path root_;     // the output folder with links resolved
    std::vector<std::size_t> queue_; // indices of the jobs to render
    std::size_t next_ = 0;           // the next of queue_ to hand out
    std::atomic<bool> cancelled_{false};
    std::size_t spawned_ = 0; // workers started
    bool in_process_ = false; // no worker could be started: jobs run here
    std::vector<JobResult> results_;
    std::vector<Worker> workers_;
};

// The manifest after a run: `before` with each job's record set, kept or
// dropped as its result says.
Manifest updated_manifest(const Plan& plan, const std::vector<JobResult>& results);

} // namespace chronik::batch
