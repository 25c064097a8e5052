// Incremental runs: what is skipped, what runs again and why, --force,
// --dry-run, the manifest, and Ctrl-C.
#include "batch/content_hash.hpp"
#include "batch/manifest.hpp"
#include "batch_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <regex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace chronik;
using test::job_file;
using test::run_batch;
namespace fs = std::filesystem;

namespace {

// Two chronicles, a style sheet of our own, four jobs:
//   one     a.xml, md docx       two    a.xml, md, own style
//   three   b.xml, md            four   b.xml, pdf (booklet)
struct Project {
    test::TempDir t;

    Project() {
        fs::copy_file(test::sample_chronicle, t / "a.xml");
        fs::copy_file(test::sample_chronicle, t / "b.xml");
        test::write_file(t / "mine.xml", "<style name=\"mine\" version=\"1\">\n"
                                         "  <role name=\"body\" size=\"12pt\" leading=\"16pt\"/>\n"
                                         "</style>\n");
        write_jobs("");
    }

    void write_jobs(const std::string& extra_on_two) {
        test::write_file(
            t / "jobs.xml",
            job_file(R"(output="out")",
                     {R"(<job name="one" input="a.xml" formats="md docx"/>)",
                      R"(<job name="two" input="a.xml" formats="md" style="mine.xml" )" +
                          extra_on_two + "/>",
                      R"(<job name="three" input="b.xml" formats="md"/>)",
                      R"(<job name="four" input="b.xml" formats="pdf" style="booklet"/>)"}));
    }

    test::RunResult run(std::vector<std::string> args = {},
                        const std::string& env = test::fixed_epoch) {
        args.insert(args.begin(), "jobs.xml");
        return run_batch(args, t.path(), env);
    }

    // job name -> status word, from the plain progress lines.
    static std::map<std::string, std::string> statuses(const std::string& out) {
        std::map<std::string, std::string> m;
        const std::regex line(R"(^\[\d+/\d+\] ([^:]+): ([a-z ]+?)( \(.*\))?$)");
        for (const auto& l : test::lines_with(out, "] ")) {
            std::smatch sm;
            if (std::regex_match(l, sm, line))
                m[sm[1]] = sm[2];
        }
        return m;
    }

    std::map<std::string, long long> times() const {
        std::map<std::string, long long> m;
        for (const auto& f : test::files_below(t / "out"))
            m[f] = test::mtime_of(t / "out" / f);
        return m;
    }
};

using Statuses = std::map<std::string, std::string>;
const Statuses all_written = {
    {"one", "written"}, {"two", "written"}, {"three", "written"}, {"four", "written"}};
const Statuses all_up_to_date = {
    {"one", "up to date"}, {"two", "up to date"}, {"three", "up to date"}, {"four", "up to date"}};

} // namespace

TEST_CASE("batch: a second run skips every job and touches no file") {
    Project p;
    auto r = p.run();
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(Project::statuses(r.out) == all_written);
    CHECK(test::files_below(p.t / "out") ==
          std::vector<std::string>{".chronik-manifest", "four.pdf", "one.docx", "one.md",
                                   "three.md", "two.md"});
    const auto before = p.times();
    const auto manifest = test::read_file(p.t / "out/.chronik-manifest");

    r = p.run();
    CHECK(r.status == 0);
    CHECK(Project::statuses(r.out) == all_up_to_date);
    CHECK(r.out.find("4 jobs: 4 up to date; 0 files written (0 bytes)") != std::string::npos);
    CHECK(p.times() == before); // not even the manifest is written again
    CHECK(test::read_file(p.t / "out/.chronik-manifest") == manifest);
    // The summary still knows what is there.
    CHECK(std::regex_search(r.out,
                            std::regex(R"(four +four\.pdf +[1-9][0-9]* +[0-9]+ +- +up to date)")));
}

TEST_CASE("batch: a change renders exactly the jobs it concerns") {
    Project p;
    REQUIRE(p.run().status == 0);

    SUBCASE("the chronicle's bytes") {
        test::write_file(p.t / "b.xml", test::read_file(p.t / "b.xml") + "<!-- edited -->\n");
        CHECK(Project::statuses(p.run().out) == Statuses{{"one", "up to date"},
                                                         {"two", "up to date"},
                                                         {"three", "written"},
                                                         {"four", "written"}});
    }
    SUBCASE("the style sheet") {
        test::write_file(p.t / "mine.xml", "<style name=\"mine\" version=\"1\">\n"
                                           "  <role name=\"body\" size=\"11pt\"/>\n"
                                           "</style>\n");
        CHECK(Project::statuses(p.run().out) == Statuses{{"one", "up to date"},
                                                         {"two", "written"},
                                                         {"three", "up to date"},
                                                         {"four", "up to date"}});
    }
    SUBCASE("a job's options") {
        p.write_jobs(R"(from="2019")");
        const auto r = p.run({"--dry-run"});
        CHECK(std::regex_search(
            r.out, std::regex(R"(\ntwo +two\.md .* would render \(inputs changed\)\n)")));
        CHECK(Project::statuses(p.run().out) == Statuses{{"one", "up to date"},
                                                         {"two", "written"},
                                                         {"three", "up to date"},
                                                         {"four", "up to date"}});
    }
    SUBCASE("the document date (SOURCE_DATE_EPOCH)") {
        CHECK(Project::statuses(p.run({}, "SOURCE_DATE_EPOCH=1700000001").out) == all_written);
    }
    SUBCASE("no SOURCE_DATE_EPOCH: the date of the render is no input") {
        // Unset after a fixed date: the dates in the files change.
        CHECK(Project::statuses(p.run({}, "SOURCE_DATE_EPOCH=").out) == all_written);
        // Then the date is the moment of each render: outputs stay valid.
        CHECK(Project::statuses(p.run({}, "SOURCE_DATE_EPOCH=").out) == all_up_to_date);
    }
}

TEST_CASE("batch: missing or changed outputs are rendered again, touched ones are not") {
    Project p;
    REQUIRE(p.run().status == 0);
    const auto good_md = test::read_file(p.t / "out/three.md");
    fs::remove(p.t / "out/one.docx");
    test::write_file(p.t / "out/three.md", "edited by hand\n");
    // Same bytes, new time: checked by content, not rendered again.
    fs::last_write_time(p.t / "out/two.md",
                        fs::last_write_time(p.t / "out/two.md") + std::chrono::seconds(5));

    const auto dry = p.run({"-n"});
    CHECK(dry.status == 0);
    CHECK(test::lines_with(dry.out, "would render (output missing)").size() == 1);
    CHECK(test::lines_with(dry.out, "would render (output changed)").size() == 1);
    CHECK(!fs::exists(p.t / "out/one.docx"));

    const auto r = p.run();
    CHECK(Project::statuses(r.out) == Statuses{{"one", "written"},
                                               {"two", "up to date"},
                                               {"three", "written"},
                                               {"four", "up to date"}});
    CHECK(test::read_file(p.t / "out/three.md") == good_md);
    // The manifest now has the touched file's new time: the next run does
    // not even hash it.
    const auto m = batch::parse_manifest(test::read_file(p.t / "out/.chronik-manifest"));
    REQUIRE(m);
    CHECK(m->jobs.at("two").outputs.at(0).mtime_ns == test::mtime_of(p.t / "out/two.md"));
    CHECK(Project::statuses(p.run().out) == all_up_to_date);
}

TEST_CASE("batch: --force renders everything, with the same bytes") {
    Project p;
    REQUIRE(p.run().status == 0);
    std::map<std::string, std::string> bytes;
    for (const auto& f : test::files_below(p.t / "out"))
        if (f != ".chronik-manifest") // it holds the files' times
            bytes[f] = test::read_file(p.t / "out" / f);
    CHECK(bytes.size() == 5);
    const auto r = p.run({"--force", "-j", "2"});
    CHECK(r.status == 0);
    CHECK(Project::statuses(r.out) == all_written);
    for (const auto& [f, b] : bytes) {
        CAPTURE(f);
        CHECK(test::read_file(p.t / "out" / f) == b);
    }
    const auto dry = p.run({"--force", "--dry-run"});
    CHECK(test::lines_with(dry.out, "would render (forced)").size() == 4);
}

TEST_CASE("batch: --dry-run says what would be rendered and writes nothing") {
    Project p;
    auto r = p.run({"--dry-run"});
    CHECK(r.status == 0);
    CHECK(!fs::exists(p.t / "out")); // not even the folder
    CHECK(test::lines_with(r.out, "would render (new)").size() == 4);
    CHECK(r.out.find("4 jobs: 4 would render (dry run: nothing written)") != std::string::npos);
    REQUIRE(p.run().status == 0);
    r = p.run({"-n"});
    std::size_t rows = 0;
    for (const auto& line : test::lines_with(r.out, "up to date"))
        rows += line.ends_with("  up to date");
    CHECK(rows == 4);
    CHECK(r.out.find("(dry run: nothing written)") != std::string::npos);
    // A failing input is an error in a dry run too.
    fs::remove(p.t / "b.xml");
    r = p.run({"-n"});
    CHECK(r.status == 1);
    CHECK(r.err.find("input 'b.xml' does not exist") != std::string::npos);
    CHECK(test::lines_with(r.out, "failed (its chronicle did not load)").size() == 2);
}

TEST_CASE("batch: a manifest chronik cannot read means every job runs, and is rewritten") {
    Project p;
    REQUIRE(p.run().status == 0);
    test::write_file(p.t / "out/.chronik-manifest", "something else\n");
    const auto r = p.run();
    CHECK(r.status == 0);
    CHECK(r.err.find("out/.chronik-manifest: warning: not a manifest chronik can read; every "
                     "job runs and it is rewritten") != std::string::npos);
    CHECK(Project::statuses(r.out) == all_written);
    CHECK(Project::statuses(p.run().out) == all_up_to_date);
}

TEST_CASE("batch: the manifest records what is on disk") {
    Project p;
    REQUIRE(p.run().status == 0);
    const auto m = batch::parse_manifest(test::read_file(p.t / "out/.chronik-manifest"));
    REQUIRE(m);
    CHECK(m->jobs.size() == 4);
    for (const auto& [name, job] : m->jobs) {
        CAPTURE(name);
        for (const auto& o : job.outputs) {
            CAPTURE(o.path);
            const auto bytes = test::read_file(p.t / "out" / o.path);
            CHECK(o.bytes == bytes.size());
            CHECK(o.sha256 == batch::sha256_hex(bytes));
            CHECK(o.mtime_ns == test::mtime_of(p.t / "out" / o.path));
            CHECK(o.pages.has_value() == (o.format == "pdf"));
        }
    }
    CHECK(m->jobs.at("one").outputs.size() == 2);
    CHECK(m->jobs.at("one").outputs[0].path == "one.md"); // in the job's format order
    CHECK(m->jobs.at("one").outputs[1].path == "one.docx");
}

namespace {

// Starts `chronik batch ARGS` in `cwd` (output to files there) and returns
// its process id. SIGINT is set to its default action in the child, as it
// is for a command typed at a shell (a background test runner may have
// it ignored, and an ignored signal is never seen).
pid_t spawn_batch(const std::vector<std::string>& args, const fs::path& cwd) {
    const pid_t pid = fork();
    if (pid != 0)
        return pid;
    signal(SIGINT, SIG_DFL);
    if (chdir(cwd.c_str()) != 0)
        _exit(126);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    const int out = open("stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<std::string> all = {test::binary, "batch"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(test::binary.c_str(), argv.data());
    _exit(127);
}

int wait_status(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits (at most a few seconds) until the first output is written.
bool wait_for_output(const fs::path& dir) {
    for (int i = 0; i < 500; ++i) {
        for (const auto& f : test::files_below(dir))
            if (f.ends_with(".pdf") && f[0] != '.')
                return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// Many PDF jobs: a run of a few seconds, long enough to interrupt.
void write_long_job_file(const fs::path& dir, int jobs) {
    std::vector<std::string> lines;
    for (int i = 0; i < jobs; ++i)
        lines.push_back("<job name=\"j" + std::to_string(i) + "\" input=\"" +
                        test::sample_chronicle.string() + "\" formats=\"pdf\"" +
                        (i % 2 ? " style=\"booklet\"" : "") + "/>");
    test::write_file(dir / "jobs.xml", job_file(R"(output="out")", lines));
}

std::vector<std::string> temporaries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& f : test::files_below(dir))
        if (std::regex_search(f, std::regex(R"((^|/)\.[^/]+\.[A-Za-z0-9]{6}$)")))
            out.push_back(f);
    return out;
}

} // namespace

TEST_CASE("batch: Ctrl-C finishes the running jobs, keeps the manifest true, exits 130") {
    test::TempDir t;
    write_long_job_file(t.path(), 40);
    const pid_t pid = spawn_batch({"jobs.xml", "-j", "1"}, t.path());
    REQUIRE(wait_for_output(t / "out"));
    kill(pid, SIGINT);
    const int status = wait_status(pid);
    const auto out = test::read_file(t / "stdout.txt");
    const auto err = test::read_file(t / "stderr.txt");
    if (status == 0) {
        MESSAGE("the run ended before the interrupt arrived; nothing to check");
        return;
    }
    CHECK(status == 130);
    CHECK(err.find("chronik: interrupted: finishing the jobs that are running") !=
          std::string::npos);
    CHECK(temporaries(t / "out").empty());
    const auto cancelled = test::lines_with(out, ": cancelled").size();
    CHECK(cancelled > 0);
    CHECK(out.find("cancelled\n40 jobs: ") != std::string::npos); // the summary is printed
    // Every output in the manifest is there, whole, as recorded; every
    // job not cancelled is in it.
    const auto m = batch::parse_manifest(test::read_file(t / "out/.chronik-manifest"));
    REQUIRE(m);
    CHECK(m->jobs.size() == 40 - cancelled);
    for (const auto& [name, job] : m->jobs)
        for (const auto& o : job.outputs)
            CHECK(batch::sha256_of_file(t / "out" / o.path) == o.sha256);
    // The next run renders what was cancelled, and nothing else.
    const auto again = run_batch({"jobs.xml"}, t.path());
    CHECK(again.status == 0);
    CHECK(test::lines_with(again.out, ": written").size() == cancelled);
}

TEST_CASE("batch: a second Ctrl-C stops at once, leaving no partial or temporary file") {
    test::TempDir t;
    write_long_job_file(t.path(), 40);
    const pid_t pid = spawn_batch({"jobs.xml", "-j", "2"}, t.path());
    REQUIRE(wait_for_output(t / "out"));
    kill(pid, SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    kill(pid, SIGINT);
    const int status = wait_status(pid);
    if (status == 0) {
        MESSAGE("the run ended before the interrupts arrived; nothing to check");
        return;
    }
    CHECK(status == 130);
    CHECK(temporaries(t / "out").empty());
    for (const auto& f : test::files_below(t / "out")) {
        if (!f.ends_with(".pdf"))
            continue;
        CAPTURE(f);
        const auto pdf = test::read_file(t / "out" / f);
        CHECK(pdf.find("%%EOF") != std::string::npos); // whole
    }
}

namespace {

// The processes whose parent is `pid` (the batch's workers).
std::vector<pid_t> children_of(pid_t pid) {
    std::vector<pid_t> out;
    for (const auto& e : fs::directory_iterator("/proc")) {
        const auto name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const auto stat = test::read_file(e.path() / "stat");
        // "pid (comm) state ppid ...": comm may hold spaces, so from the last ')'.
        const auto close = stat.rfind(')');
        if (close == std::string::npos)
            continue;
        int ppid = 0;
        char state = 0;
        if (std::sscanf(stat.c_str() + close + 1, " %c %d", &state, &ppid) == 2 && ppid == pid)
            out.push_back(static_cast<pid_t>(std::stoi(name)));
    }
    return out;
}

} // namespace

TEST_CASE("batch: a worker that is killed fails its job alone, and leaves no temporary file") {
    test::TempDir t;
    write_long_job_file(t.path(), 40);
    const pid_t pid = spawn_batch({"jobs.xml", "-j", "2"}, t.path());
    REQUIRE(wait_for_output(t / "out"));
    const auto workers = children_of(pid);
    REQUIRE(workers.size() == 2);
    kill(workers.front(), SIGKILL);
    const int status = wait_status(pid);
    const auto out = test::read_file(t / "stdout.txt");
    const auto err = test::read_file(t / "stderr.txt");
    CHECK(temporaries(t / "out").empty());
    if (status == 0) {
        // Killed between two jobs: none was lost, a new worker went on.
        CHECK(out.find("40 jobs: 40 written") != std::string::npos);
        return;
    }
    INFO("stdout:\n" << out << "stderr:\n" << err);
    CHECK(status == 1);
    CHECK(test::lines_with(err, "chronik crashed (signal 9, SIGKILL) while rendering").size() == 1);
    // Killed while rendering: nothing of the job is on disk, 39 PDFs and the
    // manifest are. Killed after renaming its whole output into place but
    // before reporting it: the message names that output, and it is there too
    // (the job failed all the same, is not in the manifest, renders again).
    if (err.find("; nothing of it was written") != std::string::npos) {
        CHECK(out.find("40 jobs: 39 written, 1 failed; 39 files written") != std::string::npos);
        CHECK(test::files_below(t / "out").size() == 40);
    } else {
        CHECK(test::lines_with(err, "; of its outputs only j").size() == 1);
        CHECK(out.find("40 jobs: 39 written, 1 failed; 40 files written") != std::string::npos);
        CHECK(test::files_below(t / "out").size() == 41);
    }
}
