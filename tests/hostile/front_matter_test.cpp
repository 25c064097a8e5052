// The chronicle's front matter (<cover>, <logo>, issue #13) and image
// widths through the binary, in every registered format: a cover or logo
// that is missing, not an image, given twice or out of place, and a width
// that is none of auto, column, text, are refused with file:line:col and
// nothing is written; under PDF/UA a cover without alt is an error at its
// line, as a figure's is; a chronicle with both renders everywhere.
// docs/format.md, "The front matter".
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;
using test::files_in;

namespace {

// A chronicle whose head, after the title on line 2, is `head` (from
// line 3), with one milestone after it.
std::string with_head(const std::string& head) {
    return "<chronicle lang=\"de\">\n<title>T</title>\n" + head +
           "\n<milestone date=\"2000\"><p>Text</p></milestone>\n</chronicle>\n";
}

// A folder with the chronicle `text` as c.xml and the test pictures.
void write_chronicle(const fs::path& dir, const std::string& text) {
    test::write_file(dir / "c.xml", text);
    for (const char* name : {"small.png", "small.jpg", "fake.png"})
        fs::copy_file(images / name, dir / name, fs::copy_options::overwrite_existing);
}

void expect_refused_at(const std::string& text, const std::string& message) {
    CAPTURE(text);
    test::TempDir dir;
    write_chronicle(dir.path(), text);
    expect_refused(dir.path(), "c.xml", message);
    // check reports the same and writes nothing.
    const auto r = run({"check", "c.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find(message) != std::string::npos, r.err.substr(0, 2000));
}

} // namespace

TEST_CASE("front matter: a cover file that does not exist is refused at its line") {
    expect_refused_at(with_head("<cover src=\"missing.jpg\" alt=\"Wiese\"/>"),
                      "c.xml:3:8: error: image 'missing.jpg' cannot be opened");
    expect_refused_at(with_head("<logo src=\"missing.png\" alt=\"Logo\"/>"),
                      "c.xml:3:7: error: image 'missing.png' cannot be opened");
}

TEST_CASE("front matter: a cover that is not an image is refused at its line") {
    expect_refused_at(with_head("<cover src=\"fake.png\" alt=\"Wiese\"/>"),
                      "c.xml:3:8: error: image 'fake.png' is neither a PNG nor a JPEG image");
    // By content, not by name: the chronicle itself is no picture.
    expect_refused_at(with_head("<logo src=\"c.xml\" alt=\"Logo\"/>"),
                      "c.xml:3:7: error: image 'c.xml' is neither a PNG nor a JPEG image");
    // ... nor is a folder.
    expect_refused_at(with_head("<cover src=\".\" alt=\"Wiese\"/>"), "c.xml:3:8: error: image '.'");
}

TEST_CASE("front matter: two covers, two logos, or a cover out of place") {
    expect_refused_at(with_head("<cover src=\"small.jpg\" alt=\"a\"/>\n"
                                "<cover src=\"small.jpg\" alt=\"b\"/>"),
                      "c.xml:4:1: error: <cover> is given twice");
    expect_refused_at(with_head("<logo src=\"small.png\" alt=\"a\"/>\n"
                                "<logo src=\"small.png\" alt=\"b\"/>"),
                      "c.xml:4:1: error: <logo> is given twice");
    expect_refused_at(with_head("<intro><p>x</p></intro>\n<cover src=\"small.jpg\" alt=\"a\"/>"),
                      "c.xml:4:1: error: <cover> must come before <intro>");
    expect_refused_at(
        "<chronicle lang=\"de\">\n<title>T</title>\n<milestone date=\"2000\"><p>Text</p>\n"
        "<cover src=\"small.jpg\" alt=\"a\"/></milestone>\n</chronicle>\n",
        "c.xml:4:1: error: unknown element <cover> in <milestone>");
    expect_refused_at(with_head("<cover src=\"small.jpg\" alt=\"a\"><caption>c</caption></cover>"),
                      "c.xml:3:32: error: <cover> must be empty");
}

TEST_CASE("front matter: an image width other than auto, column, text is refused at its place") {
    for (const std::string bad : {"full", "TEXT", "", "100%", "column text"}) {
        CAPTURE(bad);
        expect_refused_at(
            "<chronicle lang=\"de\">\n<title>T</title>\n<milestone date=\"2000\"><p>Text</p>\n"
            "<image src=\"small.png\" alt=\"a\" width=\"" +
                bad + "\"/></milestone>\n</chronicle>\n",
            "c.xml:4:32: error: width '" + bad + "' is not one of auto, column, text");
    }
    // A width belongs to a milestone's picture; the design sizes the cover.
    expect_refused_at(with_head("<cover src=\"small.jpg\" alt=\"a\" width=\"text\"/>"),
                      "c.xml:3:32: error: unknown attribute 'width' on <cover>");
}

TEST_CASE("front matter: under PDF/UA a cover or logo without alt is an error at its line") {
    test::TempDir dir;
    write_chronicle(dir.path(), with_head("<cover src=\"small.jpg\"/>\n<logo src=\"small.png\"/>"));
    const fs::path out = dir / "out";
    fs::create_directories(out);
    const std::string message =
        "error: image has no alt text; PDF/UA requires one, or alt=\"\" for a decorative image";
    auto r = run({"render", "c.xml", "-f", "pdf", "-o", out.string()}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("c.xml:3: " + message) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("c.xml:4: " + message) != std::string::npos, r.err);
    CHECK(files_in(out).empty());
    CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
    // Without PDF/UA nothing asks for it; Markdown and DOCX claim no standard.
    r = run({"render", "c.xml", "-q", "-f", "pdf", "--pdf-standard", "a-2b", "-o", out.string()},
            dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    r = run({"render", "c.xml", "-q", "-f", "md,docx", "-o", out.string()}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(files_in(out) == std::vector<std::string>{"c.docx", "c.md", "c.pdf"});
}

TEST_CASE("front matter: a chronicle with a cover, a logo and wide pictures renders everywhere") {
    test::TempDir dir;
    write_chronicle(dir.path(),
                    "<chronicle lang=\"de\">\n<title>T</title>\n<organization>O</organization>\n"
                    "<cover src=\"small.jpg\" alt=\"Wiese\"/>\n<logo src=\"small.png\" alt=\"\"/>\n"
                    "<milestone date=\"2000\"><p>Text</p>\n"
                    "<image src=\"small.jpg\" alt=\"a\" width=\"text\"/>\n"
                    "<image src=\"small.png\" alt=\"b\" width=\"column\"/>\n"
                    "<image src=\"small.png\" alt=\"c\" width=\"auto\"/></milestone>\n"
                    "</chronicle>\n");
    expect_rendered(dir.path(), "c.xml");
    const auto r = run({"check", "c.xml"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
}
