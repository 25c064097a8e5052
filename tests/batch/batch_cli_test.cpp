// `chronik batch` as a user runs it: the same bytes as `chronik render`,
// failing jobs that do not stop the others, job file errors with their
// lines, paths kept inside the output folder, exit codes, --quiet, and
// `chronik check` on job files.
#include "batch_support.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace chronik;
using test::job_file;
using test::run_batch;
using test::run_chronik;
namespace fs = std::filesystem;

namespace {

const std::string sample = test::sample_chronicle.string();

// Pages of a PDF as its page objects say (content streams are compressed,
// so "/Type /Page" appears only in object dictionaries).
int pdf_pages(const std::string& pdf) {
    int n = 0;
    for (auto at = pdf.find("/Type /Page"); at != std::string::npos;
         at = pdf.find("/Type /Page", at + 1))
        n += pdf.compare(at, 12, "/Type /Pages") != 0;
    return n;
}

} // namespace

TEST_CASE("batch: outputs are byte-identical to chronik render with the same options") {
    test::TempDir t;
    // A chronicle with images (relative links in Markdown depend on where
    // the output lies: both runs write at the same depth).
    fs::copy(test::source_dir / "tests/cases/rich", t / "case", fs::copy_options::recursive);
    test::write_file(t / "large.xml", "<style name=\"large\" version=\"1\">\n"
                                      "  <role name=\"body\" size=\"13pt\" leading=\"18pt\"/>\n"
                                      "</style>\n");
    struct Variant {
        std::string name, input, formats;
        std::vector<std::string> render_args; // besides -f and -o
        std::string job_attributes;
    };
    const std::string rich = (t / "case/input.xml").string();
    const std::vector<Variant> variants = {
        {"plain", sample, "pdf docx md", {}, ""},
        {"booklet", sample, "pdf", {"-s", "booklet"}, R"(style="booklet")"},
        {"excerpt",
         sample,
         "pdf docx",
         {"--from", "2019", "--to", "2021", "--title", "Drei Jahre"},
         R"(from="2019" to="2021" title="Drei Jahre")"},
        {"topic",
         sample,
         "pdf md",
         {"--category", "software,events", "--order", "oldest"},
         R"(category="software events" order="oldest")"},
        {"english",
         sample,
         "docx md",
         {"--lang", "en", "--order", "newest"},
         R"(lang="en" order="newest")"},
        {"own-style",
         sample,
         "pdf docx",
         {"-s", (t / "large.xml").string()},
         R"(style="large.xml")"},
        {"rich", rich, "pdf docx md", {}, ""},
    };
    std::vector<std::string> jobs;
    for (const auto& v : variants) {
        std::string formats = v.formats;
        std::replace(formats.begin(), formats.end(), ' ', ',');
        std::vector<std::string> args = {
            "render", v.input, "-f", formats, "-o", (t / "render" / v.name).string(), "-q"};
        args.insert(args.end(), v.render_args.begin(), v.render_args.end());
        const auto r = run_chronik(args, t.path(), test::fixed_epoch);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        jobs.push_back("  <job name=\"" + v.name + "\" input=\"" + v.input + "\" formats=\"" +
                       v.formats + "\" output=\"" + v.name + "/" +
                       fs::path(v.input).stem().string() + "\" " + v.job_attributes + "/>");
    }
    test::write_file(t / "jobs.xml", job_file(R"(output="batch")", jobs));
    auto r = run_batch({"jobs.xml", "-j", "2"}, t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    r = run_batch({"jobs.xml", "-j", "1", "-o", "sequential"}, t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);

    std::size_t compared = 0;
    for (const auto& file : test::files_below(t / "render")) {
        CAPTURE(file);
        const auto rendered = test::read_file(t / "render" / file);
        CHECK(rendered.size() > 100);
        CHECK(test::read_file(t / "batch" / file) == rendered);
        CHECK(test::read_file(t / "sequential" / file) == rendered);
        ++compared;
    }
    CHECK(compared == 15);
    // The Markdown of the rich case links its images from where it lies.
    CHECK(test::read_file(t / "batch/rich/input.md").find("](../../case/images/small.png)") !=
          std::string::npos);
}

TEST_CASE("batch: the press kit renders every variant, with pages in the summary") {
    test::TempDir t;
    const auto r = run_batch(
        {(test::source_dir / "data/press-kit.xml").string(), "-o", (t / "kit").string()}, t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(test::files_below(t / "kit") ==
          std::vector<std::string>{".chronik-manifest", "editors/lecos-chronik-en.docx",
                                   "editors/lecos-chronik.docx", "excerpt/lecos-2019-2021.docx",
                                   "excerpt/lecos-2019-2021.pdf", "print/lecos-chronik-a4.pdf",
                                   "print/lecos-chronik-a5.pdf", "topics/lecos-software.pdf",
                                   "web/lecos-chronik-en.md", "web/lecos-chronik.md"});
    // The summary's page counts are the PDFs' own.
    for (const auto& [job, file] : std::vector<std::pair<std::string, std::string>>{
             {"brochure-a4", "print/lecos-chronik-a4.pdf"},
             {"booklet-a5", "print/lecos-chronik-a5.pdf"},
             {"software", "topics/lecos-software.pdf"}}) {
        CAPTURE(job);
        const int pages = pdf_pages(test::read_file(t / "kit" / file));
        CHECK(pages > 1);
        const auto rows = test::lines_with(r.out, file);
        REQUIRE(rows.size() == 1);
        CHECK(std::regex_search(rows[0],
                                std::regex("^" + job + " +" + file + " +" + std::to_string(pages) +
                                           " +[0-9]+ +[0-9.]+ s +written$")));
    }
    // DOCX and Markdown have no pages.
    const auto md = test::lines_with(r.out, "web/lecos-chronik.md");
    REQUIRE(md.size() == 1);
    CHECK(std::regex_search(md[0], std::regex(R"(\.md +- +[0-9]+ )")));
    CHECK(r.out.find("job                output                         pages   bytes") !=
          std::string::npos);
    CHECK(test::lines_with(r.out, "8 jobs: 8 written; 9 files written (").size() == 1);
    // The 2019-2021 excerpt holds those years only.
    const auto excerpt = test::read_file(t / "kit/excerpt/lecos-2019-2021.docx");
    CHECK(excerpt.size() < test::read_file(t / "kit/editors/lecos-chronik.docx").size());
}

TEST_CASE("batch: a failing job is reported and does not stop the others (exit 1)") {
    test::TempDir t;
    test::write_file(t / "broken.xml", "<chronicle lang=\"de\" version=\"1\">\n"
                                       "  <title>Kaputt</title>\n"
                                       "  <milestone date=\"2021-02-30\"><p>Text</p></milestone>\n"
                                       "</chronicle>\n");
    fs::create_directories(t / "out/blocked.md"); // a folder where a file is to go
    const std::vector<std::string> jobs = {
        R"(  <job name="first" input=")" + sample + R"(" formats="md"/>)",
        R"(  <job name="broken" input="broken.xml" formats="md pdf"/>)",
        R"(  <job name="missing" input="missing.xml" formats="md"/>)",
        R"(  <job name="badstyle" input=")" + sample + R"(" style="nostyle.xml" formats="md"/>)",
        R"(  <job name="blocked" input=")" + sample + R"(" formats="docx md"/>)",
        R"(  <job name="last" input=")" + sample + R"(" formats="docx"/>)",
    };
    test::write_file(t / "jobs.xml", job_file(R"(output="out")", jobs));
    const auto r = run_batch({"jobs.xml", "-j", "2"}, t.path());
    CHECK(r.status == 1);
    // Each problem once, with its place.
    CHECK(test::lines_with(r.err, "broken.xml:3:").size() == 1);
    CHECK(test::lines_with(r.err, "jobs.xml:5:" + std::to_string(jobs[2].find("input=") + 1) +
                                      ": error: input 'missing.xml' does not exist")
              .size() == 1);
    CHECK(test::lines_with(r.err, "jobs.xml:6:" + std::to_string(jobs[3].find("style=") + 1) +
                                      ": error: style 'nostyle.xml' is neither a style sheet "
                                      "file (nostyle.xml does not exist) nor a built-in style "
                                      "(booklet, brochure, factsheet)")
              .size() == 1);
    CHECK(test::lines_with(r.err, "out/blocked.md: error: cannot replace").size() == 1);
    CHECK(r.out.find("[1/6] first: written (1 output, ") != std::string::npos);
    CHECK(r.out.find("[2/6] broken: failed (its chronicle did not load)\n") != std::string::npos);
    CHECK(r.out.find("[3/6] missing: failed (its chronicle did not load)\n") != std::string::npos);
    CHECK(r.out.find("[4/6] badstyle: failed (its style did not load)\n") != std::string::npos);
    CHECK(r.out.find("[5/6] blocked: failed\n") != std::string::npos);
    CHECK(r.out.find("[6/6] last: written (1 output, ") != std::string::npos);
    CHECK(r.out.find("6 jobs: 2 written, 4 failed; 3 files written") != std::string::npos);
    // No temporary files, nothing of the failed jobs but what a write failure
    // left (blocked.docx is complete, and not in the manifest).
    CHECK(test::files_below(t / "out") ==
          std::vector<std::string>{".chronik-manifest", "blocked.docx", "first.md", "last.docx"});
    const auto manifest = test::read_file(t / "out/.chronik-manifest");
    CHECK(manifest.find("job\tfirst\t") != std::string::npos);
    CHECK(manifest.find("job\tlast\t") != std::string::npos);
    CHECK(manifest.find("blocked") == std::string::npos);
    CHECK(manifest.find("broken") == std::string::npos);
}

TEST_CASE("batch: job file errors are reported with their lines, and nothing runs (exit 1)") {
    test::TempDir t;
    const std::string bad =
        R"(  <job name="b" input=")" + sample + R"(" formats="md" from="20x"/>)";
    const std::string colour = R"(  <job name="c" input=")" + sample + R"(" colour="red"/>)";
    test::write_file(
        t / "jobs.xml",
        job_file(R"(output="out")",
                 {R"(  <job name="a" input=")" + sample + R"(" formats="md"/>)", bad, colour}));
    const auto r = run_batch({"jobs.xml"}, t.path());
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "jobs.xml:4:" + std::to_string(bad.find("from") + 1) +
              ": error: from needs a year (1 to 9999), not '20x'\n"
              "jobs.xml:5:" +
              std::to_string(colour.find("colour") + 1) +
              ": error: unknown attribute 'colour' on <job> (allowed: name, output, "
              "input, style, formats, from, to, category, lang, order, title, pdf-standard, "
              "options)\n");
    CHECK(!fs::exists(t / "out"));
    // A file that is not there, or not a job file.
    auto missing = run_batch({"nope.xml"}, t.path());
    CHECK(missing.status == 1);
    CHECK(missing.err.rfind("nope.xml: error: cannot open file", 0) == 0);
    auto chronicle = run_batch({sample}, t.path());
    CHECK(chronicle.status == 1);
    CHECK(chronicle.err.find(":7:1: error: the root element of a job file must be <jobs>, not "
                             "<chronicle>") != std::string::npos);
}

TEST_CASE("batch: output paths that lead outside the output folder are refused") {
    test::TempDir t;
    const std::string up =
        R"(  <job name="up" input=")" + sample + R"(" formats="md" output="../escape"/>)";
    const std::string abs = R"(  <job name="abs" input=")" + sample + R"(" formats="md" output=")" +
                            (t / "abs").string() + R"("/>)";
    const std::string sneaky = R"(  <job name="sneaky" input=")" + sample +
                               R"(" formats="md" output="a/b/../../../escape"/>)";
    test::write_file(t / "jobs.xml", job_file(R"(output="out")", {up, abs, sneaky}));
    const auto r = run_batch({"jobs.xml"}, t.path());
    CHECK(r.status == 1);
    const auto col = [](const std::string& line) {
        return std::to_string(line.find("output=") + 1);
    };
    CHECK(r.err == "jobs.xml:3:" + col(up) +
                       ": error: output '../escape' leads outside the output folder\n"
                       "jobs.xml:4:" +
                       col(abs) + ": error: output '" + (t / "abs").string() +
                       "' is absolute; output paths are relative to the output folder\n"
                       "jobs.xml:5:" +
                       col(sneaky) +
                       ": error: output 'a/b/../../../escape' leads outside the output folder\n");
    CHECK(test::files_below(t.path()) == std::vector<std::string>{"jobs.xml"});

    // Nor through a symbolic link inside it.
    fs::create_directories(t / "out");
    fs::create_directories(t / "outside");
    fs::create_directory_symlink(t / "outside", t / "out/link");
    test::write_file(t / "jobs.xml",
                     job_file(R"(output="out")",
                              {R"(  <job name="linked" input=")" + sample +
                                   R"(" formats="md" output="link/x"/>)",
                               R"(  <job name="fine" input=")" + sample + R"(" formats="md"/>)"}));
    const auto l = run_batch({"jobs.xml"}, t.path());
    CHECK(l.status == 1);
    CHECK(l.err.find("out/link/x.md: error: the output's folder leads outside the output folder "
                     "out (through a symbolic link)") != std::string::npos);
    CHECK(test::files_below(t / "outside").empty());
    CHECK(fs::exists(t / "out/fine.md"));
}

TEST_CASE("batch: usage errors exit with 2 and say what is wrong") {
    test::TempDir t;
    test::write_file(t / "jobs.xml",
                     job_file("", {R"(<job name="a" input=")" + sample + R"(" formats="md"/>)"}));
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{}, "'batch' needs a job file"},
        {{"jobs.xml", "other.xml"}, "'batch' takes one job file, not 2"},
        {{"jobs.xml", "-j", "0"}, "-j needs a number of jobs to run at a time (1 to 256), not '0'"},
        {{"jobs.xml", "-j", "many"}, "not 'many'"},
        {{"jobs.xml", "-j"}, "needs a value"},
        {{"jobs.xml", "--bogus"}, "unknown option '--bogus'"},
        {{"jobs.xml", "-f", "pdf"}, "unknown option '-f'"},
    };
    for (const auto& c : cases) {
        std::string joined;
        for (const auto& a : c.args)
            joined += a + " ";
        CAPTURE(joined);
        const auto r = run_batch(c.args, t.path());
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
    }
    const auto r = run_batch({"jobs.xml"}, t.path(), "SOURCE_DATE_EPOCH=yesterday");
    CHECK(r.status == 2);
    CHECK(r.err.find("SOURCE_DATE_EPOCH must be a whole number") != std::string::npos);
    CHECK(!fs::exists(t / "a.md"));

    const auto help = run_chronik({"batch", "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.rfind("usage: chronik batch JOBS.xml [-j N] [--dry-run] [--force] [--quiet]",
                         0) == 0);
    CHECK(run_chronik({"--help"}).out.find("batch JOBS.xml") != std::string::npos);
}

TEST_CASE("batch: --quiet prints nothing but errors") {
    test::TempDir t;
    // The sample has a warning (a milestone outside its period's years).
    test::write_file(t / "jobs.xml", job_file(R"(output="out")", {R"(<job name="a" input=")" +
                                                                  sample + R"(" formats="md"/>)"}));
    auto r = run_batch({"jobs.xml", "-q"}, t.path());
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    CHECK(fs::exists(t / "out/a.md"));
    // Without --quiet: the warning, a line per job and the summary.
    r = run_batch({"jobs.xml", "--force"}, t.path());
    CHECK(r.err.find("warning: milestone dated 1991-07-01") != std::string::npos);
    CHECK(r.out.find("[1/1] a: written") != std::string::npos);

    const std::string missing = R"(<job name="b" input="missing.xml" formats="md"/>)";
    test::write_file(
        t / "jobs.xml",
        job_file(R"(output="out")",
                 {R"(<job name="a" input=")" + sample + R"(" formats="md"/>)", missing}));
    r = run_batch({"jobs.xml", "--quiet", "--force"}, t.path());
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "jobs.xml:4:" + std::to_string(missing.find("input") + 1) +
                       ": error: input 'missing.xml' does not exist (looked for missing.xml)\n");
}

TEST_CASE("batch: chronik check reads job files and what their jobs name") {
    const auto kit = (test::source_dir / "data/press-kit.xml").string();
    auto r = run_chronik({"check", kit});
    CHECK(r.status == 0);
    CHECK(r.out == kit + ": ok (job file: 8 jobs, 9 outputs)\n");

    test::TempDir t;
    test::write_file(t / "broken.xml",
                     "<chronicle><title>T</title><milestone date=\"x\"/></chronicle>\n");
    test::write_file(t / "jobs.xml",
                     job_file("", {R"(<job name="a" input="broken.xml" formats="md"/>)"}));
    r = run_chronik({"check", "jobs.xml"}, t.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("broken.xml:1:") != std::string::npos);
    CHECK(r.out.empty());

    const std::string order = R"(<job name="a" input="broken.xml" order="up"/>)";
    test::write_file(t / "jobs.xml", job_file("", {order}));
    r = run_chronik({"check", "jobs.xml"}, t.path());
    CHECK(r.status == 1);
    CHECK(r.err == "jobs.xml:3:" + std::to_string(order.find("order") + 1) +
                       ": error: order 'up' is not one of: written, oldest, newest\n");
}
