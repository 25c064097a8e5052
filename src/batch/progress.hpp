// What `chronik batch` prints while it runs and when it is done.
//
//   Bar    (output is a terminal): one line redrawn in place, jobs done of
//          total, elapsed time, the jobs running now; errors and warnings
//          appear above it as they happen.
//   Lines  (output is a file or pipe): one line per job, in job file
//          order whatever order the jobs finish in, so logs of the same
//          run are the same: "[3/8] excerpt: written (2 outputs, 0.41 s)".
//   Quiet  (--quiet): nothing but errors.
//
// Results and the summary go to `out`, diagnostics to `err`. Thread-safe:
// the runner calls it from its workers.
#pragma once

#include "plan.hpp"
#include "runner.hpp"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <set>
#include <string_view>
#include <vector>

namespace chronik::batch {

enum class Display { Bar, Lines, Quiet };

class Progress final : public Observer {
public:
    Progress(const Plan& plan, Display display, std::ostream& out, std::ostream& err,
             int columns = 80);

    void started(std::size_t job) override;
    void finished(std::size_t job, const JobResult& result) override;
    // Bar: redraw, so the elapsed time moves (call a few times a second).
    void tick();
    // A line for the user outside the job lines ("stopping after ...").
    void note(std::string_view text);
    // Bar: remove it, before the summary is printed.
    void close();

private:
    void draw();  // the bar (mutex held)
    void erase(); // the bar (mutex held)
    void print(const Diagnostics& d);
    void print_line(std::size_t job, const JobResult& r);

    const Plan& plan_;
    Display display_;
    std::ostream& out_;
    std::ostream& err_;
    int columns_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::set<std::size_t> running_;
    std::size_t done_ = 0;
    bool drawn_ = false;
    // Lines and Quiet: results waiting for the jobs before them.
    std::vector<std::optional<JobResult>> waiting_;
    std::size_t next_line_ = 0;
};

// "written", "up to date", "failed", "cancelled", "would render".
std::string_view status_word(Status s);

// The table at the end: a row per output (job, output, pages, bytes, time,
// status), then a line of totals.
void print_summary(const Plan& plan, const std::vector<JobResult>& results, double seconds,
                   bool dry_run, std::ostream& out);

} // namespace chronik::batch
