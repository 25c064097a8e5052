// The job file reader: what a good file means, and every error with its
// line and column.
#include "batch/job_file.hpp"
#include "batch_support.hpp"
#include "render/renderer.hpp"
#include "support/strings.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using test::job_file;
namespace fs = std::filesystem;

namespace {

struct Read {
    std::optional<batch::JobFile> file;
    std::vector<std::string> lines;
};

Read read(const std::string& text) {
    const auto formats = render::builtin_registry();
    Diagnostics d;
    auto f = batch::read_job_file_text(text, "jobs.xml", "/work/press", formats, d);
    return {std::move(f), test::lines(d)};
}

// "jobs.xml:LINE:COL: error: " where COL is where `needle` starts in `line`
// (1-based), or 1 for an empty needle.
std::string at(int line, const std::string& text, const std::string& needle) {
    const auto col = needle.empty() ? 1 : static_cast<int>(text.find(needle)) + 1;
    return "jobs.xml:" + std::to_string(line) + ":" + std::to_string(col) + ": error: ";
}

} // namespace

TEST_CASE("job file: defaults, overrides and output paths") {
    const auto r = read(job_file(
        R"(version="1" output="../out")",
        {R"(  <defaults input="chronik.xml" style="booklet" lang="en" formats="pdf docx"/>)",
         R"(  <job name="all"/>)",
         R"(  <job name="md" formats="md" input="other.xml" output="web/./x/../chronik"/>)",
         R"(  <job name="excerpt" from="2019" to="2021" category="software  events")",
         R"(       order="oldest" title="Drei Jahre" style="brochure" lang="de"/>)"}));
    REQUIRE_MESSAGE(r.file, test::joined(r.lines));
    CHECK(r.lines.empty());
    const auto& f = *r.file;
    CHECK(f.display == "jobs.xml");
    CHECK(f.folder == fs::path("/work/press"));
    CHECK(f.output == fs::path("/work/out"));
    REQUIRE(f.jobs.size() == 3);

    const auto& all = f.jobs[0];
    CHECK(all.name == "all");
    CHECK(all.at.line == 4);
    CHECK(all.input == "chronik.xml");
    CHECK(all.input_at.line == 3); // where it was written: in <defaults>
    CHECK(all.style == "booklet");
    CHECK(all.formats == std::vector<std::string>{"pdf", "docx"});
    CHECK(all.options.language == "en");
    CHECK(all.output == "all"); // the name, when no output is given
    CHECK(!all.options.title);
    CHECK(all.options.order == compose::Order::AsWritten);

    const auto& md = f.jobs[1];
    CHECK(md.formats == std::vector<std::string>{"md"});
    CHECK(md.input == "other.xml");
    CHECK(md.input_at.line == 5);
    CHECK(md.output == "web/chronik"); // normalised

    const auto& ex = f.jobs[2];
    CHECK(ex.options.from_year == 2019);
    CHECK(ex.options.to_year == 2021);
    CHECK(ex.options.categories == std::vector<std::string>{"software", "events"});
    CHECK(ex.options.order == compose::Order::OldestFirst);
    CHECK(ex.options.title == std::optional<std::string>("Drei Jahre"));
    CHECK(ex.options.language == "de");
    CHECK(ex.style == "brochure");
}

TEST_CASE("job file: no formats named means every format, no output folder its own") {
    const auto r = read(job_file("", {R"(<job name="j" input="c.xml"/>)"}));
    REQUIRE(r.file);
    CHECK(r.file->output == fs::path("/work/press"));
    CHECK(r.file->jobs.at(0).formats == render::builtin_registry().names());
}

TEST_CASE("job file: each error in a job, with the line and column of its attribute") {
    struct Case {
        std::string job;    // on line 3
        std::string needle; // where the error points ("" = the element)
        std::string message;
    };
    const std::vector<Case> cases = {
        {R"(<job name="a" input="c.xml" bogus="1"/>)", "bogus",
         "unknown attribute 'bogus' on <job> (allowed: name, output, input, style, formats"},
        {R"(<job input="c.xml"/>)", "", "<job> needs a name attribute"},
        {R"(<job name="a b" input="c.xml"/>)", "name",
         "job name 'a b' may hold only letters, digits, '_', '.' and '-'"},
        {R"(<job name="a" input="c.xml" formats="pdf,docx"/>)", "formats",
         "formats are separated by spaces, not commas ('pdf docx')"},
        {R"(<job name="a" input="c.xml" formats="pdf odt"/>)", "formats",
         // the registry's names, in its order: a new format changes no test here
         "unknown format 'odt' (available: " + join(render::builtin_registry().names()) + ")"},
        {R"(<job name="a" input="c.xml" formats="pdf pdf"/>)", "formats",
         "format 'pdf' is named twice"},
        {R"(<job name="a" input="c.xml" formats=""/>)", "formats", "formats is empty"},
        {R"(<job name="a" input="c.xml" from="20x"/>)", "from",
         "from needs a year (1 to 9999), not '20x'"},
        {R"(<job name="a" input="c.xml" to="0"/>)", "to", "to needs a year (1 to 9999), not '0'"},
        {R"(<job name="a" input="c.xml" from="2021" to="2019"/>)", "from",
         "from 2021 lies after to 2019"},
        {R"(<job name="a" input="c.xml" lang="fr"/>)", "lang",
         "lang 'fr': no built-in words for it (de, en)"},
        {R"(<job name="a" input="c.xml" lang="x!"/>)", "lang",
         "lang 'x!' is not a BCP 47 language tag"},
        {R"(<job name="a" input="c.xml" options="md.x=y"/>)", "options",
         "option 'md.x=y' md has no option 'x' (it has none)"},
        {R"(<job name="a" input="c.xml" options="odt.x=y"/>)", "options",
         "option 'odt.x=y' names the format 'odt', which chronik does not have (available: "},
        {R"(<job name="a" input="c.xml" options="md"/>)", "options",
         "option 'md' is not FORMAT.NAME=VALUE (for example html.images=embed)"},
        {R"(<job name="a" input="c.xml" order="random"/>)", "order",
         "order 'random' is not one of: written, oldest, newest"},
        {R"(<job name="a" input="c.xml" title=" "/>)", "title", "title is empty"},
        {R"(<job name="a" input=""/>)", "input", "input is empty"},
        {R"(<job name="a"/>)", "",
         "job 'a' names no input chronicle (give input= here or in <defaults>)"},
        {R"(<job name="a" input="c.xml" output="../a"/>)", "output",
         "output '../a' leads outside the output folder"},
        {R"(<job name="a" input="c.xml" output="x/../../a"/>)", "output",
         "output 'x/../../a' leads outside the output folder"},
        {R"(<job name="a" input="c.xml" output="/tmp/a"/>)", "output",
         "output '/tmp/a' is absolute; output paths are relative to the output folder"},
        {R"(<job name="a" input="c.xml" output="x/"/>)", "output", "output 'x/' names a folder"},
        {R"(<job name="a" input="c.xml" output="x/.."/>)", "output",
         "output 'x/..' names a folder, not a file in the output folder"},
        {R"(<job name="a" input="c.xml" output="a.pdf"/>)", "output",
         "output 'a.pdf' ends with the extension '.pdf'; give the name without it"},
        {R"(<job name="a" input="c.xml" output="a&#9;b"/>)", "output",
         "output 'a\\tb' contains a control character"},
        {R"(<job name="a" input="c.xml"><p/></job>)", "", "<job> must be empty"},
        {R"(<jobb name="a"/>)", "", "unknown element <jobb> in <jobs> (allowed: defaults, job)"},
        {R"(<defaults name="a"/>)", "name", "unknown attribute 'name' on <defaults>"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.job);
        const auto r = read(job_file("", {c.job}));
        CHECK(!r.file);
        REQUIRE(!r.lines.empty());
        const std::string expected = at(3, c.job, c.needle) + c.message;
        CHECK_MESSAGE(r.lines.front().rfind(expected, 0) == 0,
                      "expected: " << expected << "\n     got: " << test::joined(r.lines));
    }
}

TEST_CASE("job file: errors about the file as a whole") {
    struct Case {
        std::string text;
        std::string message; // the start of the first line
    };
    const std::vector<Case> cases = {
        {"<chronicle/>", "jobs.xml:1:1: error: the root element of a job file must be <jobs>, "
                         "not <chronicle>"},
        {job_file("", {}), "jobs.xml:2:1: error: the job file has no <job>"},
        {job_file(R"(version="2")", {R"(<job name="a" input="c.xml"/>)"}),
         "jobs.xml:2:7: error: unsupported job file version '2' (this chronik reads version 1)"},
        {job_file(R"(output="")", {R"(<job name="a" input="c.xml"/>)"}),
         "jobs.xml:2:7: error: the output folder is empty"},
        {job_file("", {R"(<job name="a" input="c.xml"/>)", R"(<job name="a" input="d.xml"/>)"}),
         "jobs.xml:4:6: error: job name 'a' is used twice (first at line 3)"},
        {job_file("", {R"(<job name="a" input="c.xml"/>)", R"(<defaults input="c.xml"/>)"}),
         "jobs.xml:4:1: error: <defaults> must come before the first <job>"},
        {job_file("", {R"(<defaults/>)", R"(<defaults/>)", R"(<job name="a" input="c.xml"/>)"}),
         "jobs.xml:4:1: error: <defaults> is given twice (first at line 3)"},
        {job_file("", {"hello", R"(<job name="a" input="c.xml"/>)"}),
         "jobs.xml:3: error: text is not allowed in <jobs>"},
        {job_file("", {R"(<job name="a" input="c.xml" formats="md" output="x"/>)",
                       R"(<job name="b" input="d.xml" formats="md pdf" output="x"/>)"}),
         at(4, R"(<job name="b" input="d.xml" formats="md pdf" output="x"/>)", "output") +
             "job 'b' writes 'x.md', as job 'a' (line 3) does"},
        {job_file("", {R"(<job name="a" input="c.xml" formats="pdf" output="x"/>)",
                       R"(<job name="b" input="c.xml" formats="md" output="x.pdf/y"/>)"}),
         at(4, R"(<job name="b" input="c.xml" formats="md" output="x.pdf/y"/>)", "output") +
             "job 'b' needs a folder 'x.pdf', which job 'a' writes as a file"},
        {job_file("", {R"(<job name="a" input="c.xml">)"}),
         "jobs.xml:3: error: not well-formed XML"},
        {"<!DOCTYPE jobs>\n<jobs/>", "jobs.xml:1:1: error: DOCTYPE and ENTITY declarations are "
                                     "not allowed"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto r = read(c.text);
        CHECK(!r.file);
        REQUIRE(!r.lines.empty());
        CHECK_MESSAGE(r.lines.front().rfind(c.message, 0) == 0, test::joined(r.lines));
    }
}

TEST_CASE("job file: every error is reported, not just the first") {
    const auto r = read(job_file("", {R"(<job name="a" input="c.xml" from="x"/>)",
                                      R"(<job name="b" input="c.xml" output="../b"/>)",
                                      R"(<job name="c" formats="odt"/>)"}));
    CHECK(!r.file);
    CHECK(test::has(r.lines, "jobs.xml:3:"));
    CHECK(test::has(r.lines, "jobs.xml:4:"));
    CHECK(test::has(r.lines,
                    at(5, R"(<job name="c" formats="odt"/>)", "formats") + "unknown format 'odt'"));
    CHECK(test::has(r.lines, "jobs.xml:5:1: error: job 'c' names no input chronicle"));
    CHECK(r.lines.size() == 4);
}

TEST_CASE("job file: output paths stay inside the output folder") {
    std::string why;
    CHECK(batch::confined_output_path("a/../b", why) == std::optional<std::string>("b"));
    CHECK(batch::confined_output_path("./a//b", why) == std::optional<std::string>("a/b"));
    CHECK(batch::confined_output_path("de/lecos.a5", why) ==
          std::optional<std::string>("de/lecos.a5"));
    for (const std::string bad :
         {"", " ", "..", "../x", "a/../..", "a/../../b", "/x", "//x", ".", "a/", "a/.", "a\nb"}) {
        CAPTURE(bad);
        why.clear();
        CHECK(!batch::confined_output_path(bad, why));
        CHECK(!why.empty());
    }
}
