// Outputs that must not cost the user data, through the chronik command:
// a batch survives a job that crashes (each job runs in a worker process),
// no output replaces a file the run reads (compared by file identity), and
// the temporary file never limits an output's name. README, "Hardening";
// docs/jobs.md, "Running" and "Output paths".
#include "cli/atomic_file.hpp"
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;

namespace {

const fs::path sample = test::source_dir / "data/lecos-chronik.xml";

// chronik with environment assignments (shell words) in front, in `cwd`.
Run run_env(const std::string& env, const std::vector<std::string>& args, const fs::path& cwd) {
    auto r = test::run_command(env + " SOURCE_DATE_EPOCH=1700000000 timeout -k 5 300", args, cwd);
    return {r.status, std::move(r.out), std::move(r.err), 0};
}

std::string job_file(const std::string& attributes, const std::vector<std::string>& jobs) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobs version=\"1\"" +
                    (attributes.empty() ? "" : " " + attributes) + ">\n";
    for (const auto& j : jobs)
        s += j + "\n";
    return s + "</jobs>\n";
}

// Every file below `dir`, hidden ones too, relative and sorted.
std::vector<std::string> files_below(const fs::path& dir) {
    std::vector<std::string> out;
    if (!fs::exists(dir))
        return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (!e.is_directory())
            out.push_back(e.path().lexically_relative(dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

// The manifest without the modification times (they differ from run to run).
std::string manifest_without_times(const fs::path& file) {
    std::istringstream in(test::read_file(file));
    std::string line, out;
    while (std::getline(in, line)) {
        if (line.rfind("output\t", 0) == 0) {
            std::vector<std::string> f;
            std::string field;
            std::istringstream l(line);
            while (std::getline(l, field, '\t'))
                f.push_back(field);
            REQUIRE(f.size() == 7);
            f[5] = "-";
            line.clear();
            for (const auto& x : f)
                line += x + "\t";
        }
        out += line + "\n";
    }
    return out;
}

// The "[k/N] name: ..." line of job `name`, without its number and time.
std::string job_line(const std::string& out, const std::string& name) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        const auto at = line.find("] " + name + ": ");
        if (line.rfind("[", 0) == 0 && at != std::string::npos) {
            auto s = line.substr(at + 2);
            if (const auto comma = s.find(", "); comma != std::string::npos)
                s = s.substr(0, comma); // "j3: written (2 outputs"
            return s;
        }
    }
    return "";
}

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

bool no_temporaries(const fs::path& dir) {
    for (const auto& f : files_below(dir))
        if (fs::path(f).filename().string().rfind(".chronik-", 0) == 0 &&
            fs::path(f).filename() != ".chronik-manifest")
            return false;
    return true;
}

} // namespace

TEST_CASE("output safety: a batch survives a job that crashes, every other output is as without "
          "it") {
    test::TempDir t;
    fs::copy_file(sample, t / "c.xml");
    fs::copy_file(sample, t / "crash.xml");
    std::vector<std::string> good, with_crash;
    for (int i = 0; i < 16; ++i) {
        const std::string formats = i % 3 == 0 ? "pdf md" : i % 3 == 1 ? "docx" : "md pdf docx";
        good.push_back("<job name=\"j" + std::to_string(i) + "\" input=\"c.xml\" formats=\"" +
                       formats + "\"" + (i % 2 ? " style=\"booklet\"" : "") + "/>");
    }
    with_crash = good;
    with_crash.insert(with_crash.begin() + 7,
                      "<job name=\"crashes\" input=\"crash.xml\" formats=\"pdf docx\"/>");
    test::write_file(t / "crash-jobs.xml", job_file("output=\"out\"", with_crash));
    test::write_file(t / "good-jobs.xml", job_file("output=\"out\"", good));

    const auto crashed = run_env("CHRONIK_TEST_CRASH_ON=crash.xml",
                                 {"batch", "crash-jobs.xml", "-j", "2"}, t.path());
    // The same output folder (it is part of each job's hash), moved aside.
    fs::rename(t / "out", t / "crashed");
    const auto normal = run_env("", {"batch", "good-jobs.xml", "-j", "2"}, t.path());
    fs::rename(t / "out", t / "good");
    REQUIRE(normal.status == 0);
    CHECK(crashed.status == 1);
    CHECK_MESSAGE(crashed.err.find("crash.xml: error: job 'crashes' (out/crashes.pdf, "
                                   "out/crashes.docx): chronik crashed (signal 6, SIGABRT) "
                                   "while rendering crash.xml; nothing of it was written") !=
                      std::string::npos,
                  crashed.err);
    CHECK(job_line(crashed.out, "crashes") == "crashes: failed");
    CHECK(crashed.out.find("17 jobs: 16 written, 1 failed; 32 files written") != std::string::npos);
    // Every other job: the same line, the same files, byte for byte, the same manifest.
    for (int i = 0; i < 16; ++i) {
        const std::string name = "j" + std::to_string(i);
        CAPTURE(name);
        CHECK(job_line(crashed.out, name) == job_line(normal.out, name));
    }
    const auto files = files_below(t / "good");
    CHECK(files.size() == 33); // 32 outputs and the manifest
    CHECK(files_below(t / "crashed") == files);
    for (const auto& f : files)
        if (f != ".chronik-manifest") {
            CAPTURE(f);
            CHECK(test::read_file(t / "crashed" / f) == test::read_file(t / "good" / f));
        }
    CHECK(manifest_without_times(t / "crashed/.chronik-manifest") ==
          manifest_without_times(t / "good/.chronik-manifest"));
    CHECK(no_temporaries(t / "crashed"));
    CHECK(sanitizers_quiet(crashed.err));

    // Without the test variable the same job is an ordinary job.
    const auto again = run_env("", {"batch", "crash-jobs.xml", "-j", "2"}, t.path());
    CHECK(again.status == 0);
    CHECK(job_line(again.out, "crashes") == "crashes: written (2 outputs");
}

TEST_CASE("output safety: each crash costs one job, a new worker takes the next one") {
    test::TempDir t;
    fs::copy_file(sample, t / "c.xml");
    fs::copy_file(sample, t / "crash.xml");
    std::vector<std::string> jobs;
    for (int i = 0; i < 9; ++i)
        jobs.push_back("<job name=\"j" + std::to_string(i) + "\" input=\"" +
                       (i % 3 == 1 ? "crash.xml" : "c.xml") + "\" formats=\"md\"/>");
    test::write_file(t / "jobs.xml", job_file("output=\"out\"", jobs));
    for (const char* threads : {"1", "3"}) {
        CAPTURE(threads);
        fs::remove_all(t / "out");
        const auto r = run_env("CHRONIK_TEST_CRASH_ON=crash.xml",
                               {"batch", "jobs.xml", "-j", threads}, t.path());
        CHECK(r.status == 1);
        CHECK(count_of(r.err, "chronik crashed (signal 6, SIGABRT)") == 3);
        CHECK(r.out.find("9 jobs: 6 written, 3 failed; 6 files written") != std::string::npos);
        CHECK(files_below(t / "out") == std::vector<std::string>{".chronik-manifest", "j0.md",
                                                                 "j2.md", "j3.md", "j5.md", "j6.md",
                                                                 "j8.md"});
        // The failed jobs are not in the manifest: the next run renders them.
        const auto manifest = test::read_file(t / "out/.chronik-manifest");
        CHECK(manifest.find("job\tj1\t") == std::string::npos);
        CHECK(manifest.find("job\tj0\t") != std::string::npos);
    }
}

TEST_CASE("output safety: render refuses an output that is its chronicle, image or style sheet") {
    test::TempDir t;
    const auto text = test::read_file(sample);
    test::write_file(t / "c.md", text); // a chronicle named like its Markdown
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"render", "c.md", "-f", "md"}, "the chronicle 'c.md'"},
        {{"render", "./c.md", "-f", "pdf,md"}, "the chronicle './c.md'"},
        {{"render", "c.md", "-f", "md", "-o", "."}, "the chronicle 'c.md'"},
        {{"render", "c.md", "-f", "md", "-o", t.path().string()}, "the chronicle 'c.md'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.args);
        const auto r = run(c.args, t.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(r.err.find("error: this output would replace " + c.message +
                                 " (the same file), which the run reads; nothing was written") !=
                          std::string::npos,
                      r.err);
        CHECK(test::read_file(t / "c.md") == text);
        CHECK(test::files_in(t.path()) == std::vector<std::string>{"c.md"}); // no c.pdf either
    }

    // A picture named like the output.
    test::TempDir p;
    fs::copy_file(images / "small.png", p / "pic.pdf");
    test::write_file(p / "pic.xml", with_image("pic.pdf"));
    const auto png = test::read_file(p / "pic.pdf");
    auto r = run({"render", "pic.xml", "-f", "pdf"}, p.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("pic.pdf: error: this output would replace the image 'pic.pdf'") !=
          std::string::npos);
    CHECK(test::read_file(p / "pic.pdf") == png);

    // The style sheet.
    test::write_file(p / "s.xml", with_image("pic.pdf"));
    fs::copy_file(test::source_dir / "styles/booklet.xml", p / "s.docx");
    const auto sheet = test::read_file(p / "s.docx");
    r = run({"render", "s.xml", "-s", "s.docx", "-f", "docx"}, p.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("s.docx: error: this output would replace the style sheet 's.docx'") !=
          std::string::npos);
    CHECK(test::read_file(p / "s.docx") == sheet);
    CHECK(sanitizers_quiet(r.err));
}

TEST_CASE("output safety: links to an input are the input (symbolic and hard links, folders)") {
    test::TempDir t;
    fs::copy_file(sample, t / "a.xml");
    fs::copy_file(sample, t / "b.xml");
    const auto text = test::read_file(sample);
    fs::create_directories(t / "out");
    struct Case {
        std::string link;
        bool hard;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{{"out/a.md", false, "the chronicle 'a.xml'"},
                                           {"out/a.md", true, "the chronicle 'a.xml'"},
                                           {"out/a.pdf", true, "the chronicle 'b.xml'"}}) {
        CAPTURE(c.link);
        CAPTURE(c.hard);
        fs::remove_all(t / "out");
        fs::create_directories(t / "out");
        const fs::path target =
            c.message.find("b.xml") != std::string::npos ? t / "b.xml" : t / "a.xml";
        if (c.hard)
            fs::create_hard_link(target, t / c.link);
        else
            fs::create_symlink(target, t / c.link);
        // Two chronicles: nothing is written for either.
        const auto r = run({"render", "a.xml", "b.xml", "-o", "out"}, t.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(r.err.find("out/" + fs::path(c.link).filename().string() +
                                 ": error: this output would replace " + c.message) !=
                          std::string::npos,
                      r.err);
        CHECK(test::files_in(t / "out") ==
              std::vector<std::string>{fs::path(c.link).filename().string()});
        CHECK(test::read_file(t / "a.xml") == text);
        CHECK(test::read_file(t / "b.xml") == text);
    }
    // The output folder a link to the chronicle's folder.
    fs::remove_all(t / "out");
    fs::create_directory_symlink(t.path(), t / "out");
    test::write_file(t / "a.md", text);
    const auto r = run({"render", "a.md", "-f", "md", "-o", "out"}, t.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("out/a.md: error: this output would replace the chronicle 'a.md'") !=
          std::string::npos);
    CHECK(test::read_file(t / "a.md") == text);
}

TEST_CASE("output safety: batch refuses a job whose output is a file the run reads, before any "
          "job runs") {
    test::TempDir t;
    const auto text = test::read_file(sample);
    test::write_file(t / "c.md", text); // a chronicle named like a Markdown output
    fs::copy_file(images / "small.png", t / "pic.pdf");
    test::write_file(t / "pic.xml", with_image("pic.pdf"));
    fs::copy_file(images / "small.png", t / "pic2.pdf");
    test::write_file(t / "pic2.xml", with_image("pic2.pdf"));
    fs::copy_file(test::source_dir / "styles/booklet.xml", t / "sheet.docx");
    const std::vector<std::string> jobs = {
        R"(<job name="first" input="c.md" formats="docx"/>)",
        R"(<job name="self" input="c.md" formats="md" output="c"/>)",
        R"(<job name="picture" input="pic.xml" formats="pdf" output="pic"/>)",
        R"(<job name="other" input="c.md" formats="pdf" output="pic2"/>)", // another job's image
        R"(<job name="sheet" input="c.md" style="sheet.docx" formats="docx" output="sheet"/>)",
        R"(<job name="jobfile" input="c.md" formats="md" output="kit"/>)",
        R"(<job name="last" input="pic2.xml" formats="md"/>)",
    };
    // The job file is named like an output too, and the output folder is its own.
    test::write_file(t / "kit.md", job_file("", jobs));
    std::map<std::string, std::string> before;
    for (const auto& f : files_below(t.path()))
        before[f] = test::read_file(t / f);

    for (const bool dry : {true, false}) {
        CAPTURE(dry);
        std::vector<std::string> args = {"batch", "kit.md"};
        if (dry)
            args.push_back("--dry-run");
        const auto r = run(args, t.path());
        CHECK(r.status == 1);
        auto at = [&](int job, const std::string& message) {
            const std::string place = "kit.md:" + std::to_string(job + 3) + ":" +
                                      std::to_string(jobs[job].find("output=") + 1) + ": error: ";
            CHECK_MESSAGE(r.err.find(place + message) != std::string::npos, r.err);
        };
        at(1, "output 'c.md' would replace the chronicle 'c.md' (the same file), which the run "
              "reads");
        at(2, "output 'pic.pdf' would replace the image 'pic.pdf'");
        at(3, "output 'pic2.pdf' would replace the image 'pic2.pdf'");
        at(4, "output 'sheet.docx' would replace the style sheet");
        at(5, "output 'kit.md' would replace the job file 'kit.md'");
        CHECK(count_of(r.out, "failed (its output would replace a file the run reads)") ==
              (dry ? 5 : 10)); // the summary, and the job lines
        if (!dry) {
            for (const char* name : {"self", "picture", "other", "sheet", "jobfile"})
                CHECK(job_line(r.out, name) ==
                      std::string(name) +
                          ": failed (its output would replace a file the run reads)");
            CHECK(job_line(r.out, "first") == "first: written (1 output");
            CHECK(job_line(r.out, "last") == "last: written (1 output");
        }
        for (const auto& [f, bytes] : before) {
            CAPTURE(f);
            CHECK(test::read_file(t / f) == bytes);
        }
        CHECK(sanitizers_quiet(r.err));
    }
}

TEST_CASE("output safety: names of 255 bytes are written, 256 refused by the file system") {
    test::TempDir t;
    // render: the output is the chronicle's stem and the format's extension.
    const std::string stem(251, 'n');
    fs::copy_file(sample, t / (stem + ".xml")); // 255 bytes
    fs::create_directories(t / "out");
    auto r = run({"render", stem + ".xml", "-f", "pdf", "-o", "out"}, t.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(test::files_in(t / "out") == std::vector<std::string>{stem + ".pdf"});
    fs::remove_all(t / "out");
    fs::create_directories(t / "out");
    r = run({"render", stem + ".xml", "-f", "docx", "-o", "out"}, t.path()); // 256 bytes
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("out/" + stem + ".docx: error: cannot write out/" + stem +
                             ".docx: File name too long") != std::string::npos,
                  r.err);
    CHECK(files_below(t / "out").empty());

    // batch: the job's output path and the format's extension.
    const std::string fits(251, 'f'), long_(252, 'l');
    test::write_file(
        t / "jobs.xml",
        job_file("output=\"kit\"", {"<job name=\"fits\" input=\"" + sample.string() +
                                        "\" formats=\"pdf\" output=\"" + fits + "\"/>",
                                    "<job name=\"long\" input=\"" + sample.string() +
                                        "\" formats=\"pdf\" output=\"" + long_ + "\"/>"}));
    r = run({"batch", "jobs.xml"}, t.path());
    CHECK(r.status == 1);
    CHECK(job_line(r.out, "fits") == "fits: written (1 output");
    CHECK(job_line(r.out, "long") == "long: failed");
    CHECK_MESSAGE(r.err.find("kit/" + long_ + ".pdf: error: cannot write " + (t / "kit").string() +
                             "/" + long_ + ".pdf: File name too long") != std::string::npos,
                  r.err);
    CHECK(files_below(t / "kit") == std::vector<std::string>{".chronik-manifest", fits + ".pdf"});
}

TEST_CASE("output safety: a writer's temporary files are found by its process id") {
    test::TempDir t;
    const std::string mine = cli::temporary_pattern(4242), other = cli::temporary_pattern(424);
    CHECK(mine == ".chronik-4242.XXXXXX");
    CHECK(mine.size() < 30); // never what limits an output's name
    for (const auto& name :
         {std::string(".chronik-4242.a1B2c3"), std::string(".chronik-424.a1B2c3"),
          std::string(".chronik-4242.a1B2c3d"), std::string("x.pdf"),
          std::string(".chronik-manifest")})
        test::write_file(t / name, "x");
    cli::remove_temporaries(t.path(), 4242);
    CHECK(test::files_in(t.path()) == std::vector<std::string>{".chronik-424.a1B2c3",
                                                               ".chronik-4242.a1B2c3d",
                                                               ".chronik-manifest", "x.pdf"});
}

TEST_CASE("output safety: batch never writes its manifest over a file the run reads") {
    test::TempDir t;
    // A job file named like the manifest, in the output folder.
    const auto text =
        job_file("", {"<job name=\"one\" input=\"" + sample.string() + "\" formats=\"md\"/>"});
    test::write_file(t / ".chronik-manifest", text);
    const auto r = run({"batch", ".chronik-manifest"}, t.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        r.err.find(".chronik-manifest: error: the manifest " + (t / ".chronik-manifest").string() +
                   " would replace the job file '.chronik-manifest'") != std::string::npos,
        r.err);
    CHECK(job_line(r.out, "one") ==
          "one: failed (the manifest would replace a file the run reads)");
    CHECK(test::read_file(t / ".chronik-manifest") == text);
    CHECK(test::files_in(t.path()) == std::vector<std::string>{".chronik-manifest"});
}
