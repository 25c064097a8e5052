// --pdf-standard and the job file's pdf-standard through the binary (issue
// #12; README, "Accessible and archival PDF"): every combination the
// standards forbid or chronik cannot make is a usage error (exit 2, both
// names in the message, nothing written); under PDF/UA-1 an image without
// alt text is an error at its line, from render, check and batch alike
// (exit 1, no PDF left); the claims reach the file as asked and no others.
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;
using test::files_in;

namespace {

const std::string no_alt_message =
    "error: image has no alt text; PDF/UA requires one, or alt=\"\" for a decorative image";

// Two images without alt (lines 4 and 6), a decorative one (line 5).
std::string chronicle_without_alt() {
    return "<chronicle lang=\"de\"><title>T</title>\n"
           "<milestone date=\"2000\">\n"
           "<p>Text</p>\n"
           "<image src=\"small.png\"/>\n"
           "<image src=\"small.png\" alt=\"\"/>\n"
           "<image src=\"small.png\"><caption>Ohne Beschreibung</caption></image>\n"
           "</milestone></chronicle>\n";
}

// chronik at a fixed SOURCE_DATE_EPOCH, so outputs of two runs can be
// compared byte for byte; stopped after two minutes like hostile::run.
Run fixed_run(const std::vector<std::string>& args, const fs::path& cwd) {
    auto r = test::run_command("env SOURCE_DATE_EPOCH=1700000000 timeout -k 5 120", args, cwd);
    return {r.status, std::move(r.out), std::move(r.err), 0};
}

void write_chronicle(const fs::path& dir, const std::string& name, const std::string& text) {
    test::write_file(dir / name, text);
    fs::copy_file(images / "small.png", dir / "small.png", fs::copy_options::overwrite_existing);
}

// `args` are a usage error: exit 2, `message` on stderr, nothing written.
void expect_usage_error(const fs::path& dir, std::vector<std::string> args,
                        const std::string& message) {
    CAPTURE(args);
    const fs::path out = dir / "usage-out";
    fs::remove_all(out);
    fs::create_directories(out);
    if (args.front() != "check") { // check writes nothing and has no -o
        args.push_back("-o");
        args.push_back(out.string());
    }
    const auto r = fixed_run(args, dir);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find(message) != std::string::npos, r.err);
    CHECK(files_in(out).empty());
    CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
}

// The PDF chronik writes for `input` with `extra` arguments, as bytes (the
// XMP packet is never compressed, so its claims can be read in them).
std::string pdf_of(const fs::path& dir, const std::string& input,
                   const std::vector<std::string>& extra = {}) {
    const fs::path out = dir / "pdf-out";
    fs::remove_all(out);
    std::vector<std::string> args = {"render", input, "-q", "-f", "pdf", "-o", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = fixed_run(args, dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto written = files_in(out);
    REQUIRE(written.size() == 1);
    return test::read_file(out / written[0]);
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("pdf standards: combinations the standards forbid are usage errors naming both") {
    test::TempDir dir;
    write_chronicle(dir.path(), "c.xml", with_image("small.png"));
    const std::string known = "(known: ua-1, a-2b, a-2u, a-2a, x-4, 1.7, none)";
    for (const std::string command : {"render", "check"}) {
        CAPTURE(command);
        auto args = [&](const std::string& list) {
            return std::vector<std::string>{command, "c.xml", "--pdf-standard", list};
        };
        expect_usage_error(dir.path(), args("a-2a,a-2b"),
                           "--pdf-standard 'a-2a,a-2b' names two PDF/A levels, 'a-2a' and 'a-2b'; "
                           "a PDF conforms to one level of PDF/A");
        expect_usage_error(dir.path(), args("ua-1,a-2u,a-2b"),
                           "names two PDF/A levels, 'a-2u' and 'a-2b'");
        expect_usage_error(dir.path(), args("none,ua-1"),
                           "--pdf-standard 'none,ua-1' names 'none' and 'ua-1'; 'none' claims no "
                           "standard and goes alone");
        expect_usage_error(dir.path(), args("a-2b,none"), "names 'none' and 'a-2b'");
        expect_usage_error(dir.path(), args("1.7,x-4"),
                           "--pdf-standard '1.7,x-4' names '1.7' and 'x-4'; a PDF/X-4 file is "
                           "PDF 1.6");
        expect_usage_error(dir.path(), args("ua-1,pdf/a"),
                           "--pdf-standard 'ua-1,pdf/a' names 'pdf/a', which is not a standard "
                           "chronik knows " +
                               known);
        expect_usage_error(dir.path(), args("UA-1"), "names 'UA-1', which is not a standard");
        expect_usage_error(dir.path(), args(""), "--pdf-standard is empty");
        expect_usage_error(dir.path(), args("ua-1,,a-2a"), "has an empty item");
    }
    // batch takes the standards from the job file, not the command line.
    test::write_file(dir / "jobs.xml", "<jobs><job name=\"a\" input=\"c.xml\"/></jobs>\n");
    expect_usage_error(dir.path(), {"batch", "jobs.xml", "--pdf-standard", "a-2b"},
                       "unknown option '--pdf-standard");
}

TEST_CASE("pdf standards: under PDF/UA an image without alt text is an error at its line") {
    test::TempDir dir;
    write_chronicle(dir.path(), "c.xml", chronicle_without_alt());
    const fs::path out = dir / "out";
    fs::create_directories(out);
    for (const auto& standard : {std::vector<std::string>{},
                                 {"--pdf-standard", "ua-1"},
                                 {"--pdf-standard", "a-2a,ua-1"}}) {
        CAPTURE(standard);
        std::vector<std::string> render = {"render", "c.xml", "-f", "pdf", "-o", out.string()};
        render.insert(render.end(), standard.begin(), standard.end());
        auto r = fixed_run(render, dir.path());
        CHECK(r.status == 1);
        // Both images, each with its line; the decorative one (line 5) is fine.
        CHECK_MESSAGE(has(r.err, "c.xml:4: " + no_alt_message), r.err);
        CHECK_MESSAGE(has(r.err, "c.xml:6: " + no_alt_message), r.err);
        CHECK(!has(r.err, "c.xml:5:"));
        CHECK(files_in(out).empty());
        CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));

        std::vector<std::string> check = {"check", "c.xml"};
        check.insert(check.end(), standard.begin(), standard.end());
        r = fixed_run(check, dir.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(has(r.err, "c.xml:4: " + no_alt_message), r.err);
        CHECK_MESSAGE(has(r.err, "c.xml:6: " + no_alt_message), r.err);
        CHECK(!has(r.out, ": ok"));
    }
    CHECK(files_in(dir.path()) == std::vector<std::string>{"c.xml", "out", "small.png"});

    // Without PDF/UA nothing asks for alt text: the PDF is written.
    for (const std::string list : {"a-2b", "a-2a", "none", "1.7"}) {
        CAPTURE(list);
        CHECK(!pdf_of(dir.path(), "c.xml", {"--pdf-standard", list}).empty());
        const auto r = fixed_run({"check", "c.xml", "--pdf-standard", list}, dir.path());
        CHECK_MESSAGE(r.status == 0, r.err);
    }
    // Markdown and DOCX claim no standard: they are written under the default too.
    const auto r = fixed_run({"render", "c.xml", "-f", "md,docx", "-o", out.string()}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(files_in(out) == std::vector<std::string>{"c.docx", "c.md"});
}

TEST_CASE("pdf standards: a decorative image (alt=\"\") passes under PDF/UA") {
    test::TempDir dir;
    write_chronicle(dir.path(), "c.xml",
                    chronicle(milestone("<image src=\"small.png\" alt=\"\"/>")));
    CHECK(!pdf_of(dir.path(), "c.xml").empty());
    const auto r = fixed_run({"check", "c.xml"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
}

TEST_CASE("pdf standards: the file claims what was asked and nothing else") {
    test::TempDir dir;
    write_chronicle(dir.path(), "c.xml", with_image("small.png"));
    struct Case {
        std::string list;
        std::string conformance; // "" = no pdfaid
        bool ua;
    };
    for (const auto& c : std::vector<Case>{{"", "A", true},
                                           {"ua-1,a-2a", "A", true},
                                           {"a-2b", "B", false},
                                           {"a-2u,ua-1", "U", true},
                                           {"ua-1", "", true},
                                           {"1.7", "", false},
                                           {"none", "", false}}) {
        CAPTURE(c.list);
        const auto pdf =
            pdf_of(dir.path(), "c.xml",
                   c.list.empty() ? std::vector<std::string>{}
                                  : std::vector<std::string>{"--pdf-standard", c.list});
        CHECK(pdf.rfind("%PDF-1.7\n", 0) == 0);
        CHECK(has(pdf, "<dc:title><rdf:Alt>"));
        CHECK(has(pdf, "/DisplayDocTitle true"));
        CHECK(has(pdf, "/Marked true"));
        CHECK(has(pdf, "<pdfaid:part>2</pdfaid:part>") == !c.conformance.empty());
        CHECK(has(pdf, "<pdfaid:conformance>" + c.conformance + "</pdfaid:conformance>") ==
              !c.conformance.empty());
        CHECK(has(pdf, "/GTS_PDFA1") == !c.conformance.empty());
        CHECK(has(pdf, "<pdfuaid:part>1</pdfuaid:part>") == c.ua);
        CHECK(has(pdf, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>") == c.ua);
    }
}

TEST_CASE("pdf standards: the job file's pdf-standard, refused as the option is") {
    test::TempDir dir;
    write_chronicle(dir.path(), "c.xml", with_image("small.png"));
    write_chronicle(dir.path(), "no-alt.xml", chronicle_without_alt());
    test::write_file(dir / "bad.xml", "<jobs>\n"
                                      "<defaults input=\"c.xml\" pdf-standard=\"a-2a a-2b\"/>\n"
                                      "<job name=\"a\" pdf-standard=\"none ua-1\"/>\n"
                                      "<job name=\"b\" pdf-standard=\"x-4 1.7\"/>\n"
                                      "<job name=\"c\" pdf-standard=\"ua-1,a-2a\"/>\n"
                                      "<job name=\"d\" pdf-standard=\"pdf-ua\"/>\n"
                                      "</jobs>\n");
    for (const std::string command : {"batch", "check"}) {
        CAPTURE(command);
        const auto r = fixed_run({command, "bad.xml"}, dir.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(has(r.err, "bad.xml:2:25: error: pdf-standard 'a-2a a-2b' names two PDF/A "
                                 "levels, 'a-2a' and 'a-2b'"),
                      r.err);
        CHECK_MESSAGE(has(r.err, "bad.xml:3:15: error: pdf-standard 'none ua-1' names 'none' and "
                                 "'ua-1'"),
                      r.err);
        CHECK_MESSAGE(has(r.err, "bad.xml:4:15: error: pdf-standard 'x-4 1.7' names '1.7' and "
                                 "'x-4'; a PDF/X-4 file is PDF 1.6"),
                      r.err);
        CHECK_MESSAGE(has(r.err, "bad.xml:5:15: error: pdf-standard names are separated by "
                                 "spaces, not commas"),
                      r.err);
        CHECK_MESSAGE(has(r.err, "bad.xml:6:15: error: pdf-standard 'pdf-ua' names 'pdf-ua', "
                                 "which is not a standard chronik knows"),
                      r.err);
        CHECK(files_in(dir.path()).size() == 4); // nothing written
    }

    // A job's own value replaces the default; each claims what it names.
    test::write_file(dir / "jobs.xml",
                     "<jobs output=\"out\">\n"
                     "<defaults input=\"c.xml\" formats=\"pdf\" pdf-standard=\"a-2b\"/>\n"
                     "<job name=\"archive\"/>\n"
                     "<job name=\"plain\" pdf-standard=\"none\"/>\n"
                     "<job name=\"default\" pdf-standard=\"ua-1 a-2a\"/>\n"
                     "<job name=\"web\" input=\"no-alt.xml\" pdf-standard=\"ua-1\"/>\n"
                     "</jobs>\n");
    const auto r = fixed_run({"batch", "jobs.xml", "-q"}, dir.path());
    CHECK(r.status == 1); // the job "web" fails
    CHECK_MESSAGE(has(r.err, "no-alt.xml:4: " + no_alt_message), r.err);
    CHECK_MESSAGE(has(r.err, "no-alt.xml:6: " + no_alt_message), r.err);
    CHECK(!fs::exists(dir / "out/web.pdf"));
    const auto archive = test::read_file(dir / "out/archive.pdf");
    CHECK(has(archive, "<pdfaid:conformance>B</pdfaid:conformance>"));
    CHECK(!has(archive, "pdfuaid:part"));
    const auto plain = test::read_file(dir / "out/plain.pdf");
    CHECK(!has(plain, "pdfaid:"));
    CHECK(!has(plain, "pdfuaid:part"));
    const auto both = test::read_file(dir / "out/default.pdf");
    CHECK(has(both, "<pdfaid:conformance>A</pdfaid:conformance>"));
    CHECK(has(both, "<pdfuaid:part>1</pdfuaid:part>"));
    // The same options give the bytes `render` writes.
    CHECK(pdf_of(dir.path(), "c.xml", {"--pdf-standard", "a-2b"}) == archive);
    CHECK(pdf_of(dir.path(), "c.xml", {"--pdf-standard", "none"}) == plain);
    CHECK(pdf_of(dir.path(), "c.xml") == both);

    // Another pdf-standard is another output: the job runs again.
    test::write_file(dir / "jobs.xml", "<jobs output=\"out\">\n"
                                       "<job name=\"archive\" input=\"c.xml\" formats=\"pdf\" "
                                       "pdf-standard=\"a-2u\"/>\n"
                                       "</jobs>\n");
    const auto again = fixed_run({"batch", "jobs.xml", "-q"}, dir.path());
    CHECK_MESSAGE(again.status == 0, again.err);
    CHECK(has(test::read_file(dir / "out/archive.pdf"),
              "<pdfaid:conformance>U</pdfaid:conformance>"));
}

TEST_CASE("pdf standards: under PDF/A a CMYK JPEG is an error at its line (the intent is sRGB)") {
    test::TempDir dir;
    fs::copy_file(images / "cmyk.jpg", dir / "cmyk.jpg");
    test::write_file(dir / "c.xml", "<chronicle lang=\"de\"><title>T</title>\n"
                                    "<milestone date=\"2000\"><p>Text</p>\n"
                                    "<image src=\"cmyk.jpg\" alt=\"Druckbild\"/>\n"
                                    "</milestone></chronicle>\n");
    const std::string message = "c.xml:3: error: image 'cmyk.jpg' is a CMYK JPEG; PDF/A needs it "
                                "in RGB or grey, as its output intent is sRGB";
    for (const std::string list : {"ua-1,a-2a", "a-2b", "a-2u"}) {
        CAPTURE(list);
        const fs::path out = dir / "out";
        fs::create_directories(out);
        auto r =
            fixed_run({"render", "c.xml", "-f", "pdf", "-o", out.string(), "--pdf-standard", list},
                      dir.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(has(r.err, message), r.err);
        CHECK(files_in(out).empty());
        r = fixed_run({"check", "c.xml", "--pdf-standard", list}, dir.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(has(r.err, message), r.err);
    }
    // Without PDF/A it is embedded as it is (DeviceCMYK).
    CHECK(has(pdf_of(dir.path(), "c.xml", {"--pdf-standard", "ua-1"}), "/DeviceCMYK"));
    CHECK(has(pdf_of(dir.path(), "c.xml", {"--pdf-standard", "none"}), "/DeviceCMYK"));
}
