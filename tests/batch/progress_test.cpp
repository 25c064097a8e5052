// The progress display (bar, lines, quiet) and the summary table.
#include "batch/progress.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace chronik;
using namespace chronik::batch;

namespace {

// Three jobs: "one" (pdf), "two" (docx, md), "three" (md).
struct Fixture {
    render::Registry formats = render::builtin_registry();
    std::vector<Job> jobs = std::vector<Job>(3);
    Plan plan;

    Fixture() {
        const std::vector<std::vector<std::string>> fmt = {{"pdf"}, {"docx", "md"}, {"md"}};
        const char* names[] = {"one", "two", "three"};
        for (std::size_t i = 0; i < 3; ++i) {
            jobs[i].name = names[i];
            PlannedJob p;
            p.job = &jobs[i];
            for (const auto& f : fmt[i]) {
                PlannedOutput o;
                o.renderer = formats.find(f);
                o.path = std::string("out/") + names[i] + std::string(o.renderer->extension());
                p.outputs.push_back(o);
            }
            plan.jobs.push_back(p);
        }
    }

    static JobResult written(std::vector<OutputResult> outputs, double seconds) {
        JobResult r;
        r.status = Status::Written;
        r.outputs = std::move(outputs);
        r.seconds = seconds;
        return r;
    }
};

JobResult with_messages(JobResult r) {
    r.diags.warning("c.xml", 3, "a warning");
    r.diags.error("c.xml", 4, 2, "an error");
    return r;
}

} // namespace

TEST_CASE("progress: lines come in job file order, whatever order jobs finish in") {
    Fixture f;
    std::ostringstream out, err;
    Progress p(f.plan, Display::Lines, out, err);
    p.started(2);
    p.started(1);
    JobResult failed;
    failed.status = Status::Failed;
    p.finished(2, with_messages(failed));
    CHECK(out.str().empty()); // waits for jobs 1 and 2
    CHECK(err.str().empty());
    p.finished(
        1, Fixture::written({{"out/two.docx", "docx", 10, {}}, {"out/two.md", "md", 5, {}}}, 0.5));
    CHECK(out.str().empty());
    p.started(0);
    JobResult up;
    up.status = Status::UpToDate;
    p.finished(0, up);
    CHECK(out.str() == "[1/3] one: up to date\n"
                       "[2/3] two: written (2 outputs, 0.50 s)\n"
                       "[3/3] three: failed\n");
    CHECK(err.str() == "c.xml:3: warning: a warning\nc.xml:4:2: error: an error\n");
}

TEST_CASE("progress: the bar shows jobs done, elapsed time and the jobs running") {
    Fixture f;
    std::ostringstream out, err;
    Progress p(f.plan, Display::Bar, out, err, 60);
    p.started(0);
    p.started(1);
    CHECK(out.str().find("\r[------------------------] 0/3  0:00  one, two\033[K") !=
          std::string::npos);
    out.str("");
    JobResult failed;
    failed.status = Status::Failed;
    p.finished(0, with_messages(failed));
    // The bar is erased, the messages printed, the bar drawn again.
    CHECK(out.str().rfind("\r\033[K", 0) == 0);
    CHECK(out.str().find("[########----------------] 1/3  0:00  two\033[K") != std::string::npos);
    CHECK(err.str() == "c.xml:3: warning: a warning\nc.xml:4:2: error: an error\n");
    // Never wider than the terminal.
    std::ostringstream narrow_out, narrow_err;
    Progress narrow(f.plan, Display::Bar, narrow_out, narrow_err, 30);
    narrow.started(0);
    narrow.started(1);
    narrow.started(2);
    const auto line = narrow_out.str().substr(narrow_out.str().rfind('\r') + 1);
    CHECK(line == std::string("[------------------------]...") + "\033[K");
    narrow.close();
    CHECK(narrow_out.str().ends_with("\r\033[K"));
}

TEST_CASE("progress: --quiet prints errors only") {
    Fixture f;
    std::ostringstream out, err;
    Progress p(f.plan, Display::Quiet, out, err);
    JobResult failed;
    failed.status = Status::Failed;
    p.finished(0, with_messages(failed));
    p.finished(1, with_messages(Fixture::written({}, 1)));
    p.finished(2, Fixture::written({}, 1));
    p.note("something");
    CHECK(out.str().empty());
    CHECK(err.str() == "c.xml:4:2: error: an error\nc.xml:4:2: error: an error\n"
                       "chronik: something\n");
}

TEST_CASE("progress: the summary has a row per output, pages for paged formats only") {
    Fixture f;
    std::vector<JobResult> results(3);
    results[0] = Fixture::written({{"out/one.pdf", "pdf", 286301, 10}}, 0.412);
    results[1].status = Status::UpToDate;
    results[1].outputs = {{"out/two.docx", "docx", 13750, {}}, {"out/two.md", "md", 17574, {}}};
    results[2].status = Status::Failed;
    results[2].seconds = 0.01;
    std::ostringstream out;
    print_summary(f.plan, results, 1.234, false, out);
    CHECK(out.str() == "job    output        pages   bytes    time  status\n"
                       "one    out/one.pdf      10  286301  0.41 s  written\n"
                       "two    out/two.docx      -   13750       -  up to date\n"
                       "       out/two.md        -   17574\n"
                       "three  out/three.md      -       -  0.01 s  failed\n"
                       "3 jobs: 1 written, 1 up to date, 1 failed; 1 file written (286301 bytes) "
                       "in 1.23 s\n");
}

TEST_CASE("progress: the dry-run summary says why a job would run") {
    Fixture f;
    f.plan.jobs[0].action = Action::Render;
    f.plan.jobs[0].reason = "inputs changed";
    f.plan.jobs[1].action = Action::Skip;
    f.plan.jobs[1].record = {std::string(64, 'a'),
                             {{"out/two.docx", "docx", 7, std::nullopt, 0, std::string(64, 'a')},
                              {"out/two.md", "md", 8, std::nullopt, 0, std::string(64, 'a')}}};
    f.plan.jobs[2].action = Action::Fail;
    f.plan.jobs[2].reason = "its chronicle did not load";
    std::ostringstream out;
    print_summary(f.plan, preview(f.plan), 0, true, out);
    CHECK(out.str() ==
          "job    output        pages  bytes  time  status\n"
          "one    out/one.pdf       -      -     -  would render (inputs changed)\n"
          "two    out/two.docx      -      7     -  up to date\n"
          "       out/two.md        -      8\n"
          "three  out/three.md      -      -     -  failed (its chronicle did not load)\n"
          "3 jobs: 1 would render, 1 up to date, 1 failed (dry run: nothing written)\n");
}
