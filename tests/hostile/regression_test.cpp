// Findings of the fuzzers (fuzz/) and of the hardening review, each with
// its input in tests/regressions/ (see the README there) and a check that
// does not need the fuzzer. What each one did before is said at its case.
#include "compose/composer.hpp"
#include "helpers.hpp"
#include "layout/paragraph.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/pdf/image_for_pdf.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"
#include "support/png_file.hpp"
#include "xml/source.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace chronik;
using chronik::test::has;
using chronik::test::joined;
using chronik::test::lines;
namespace fs = std::filesystem;

namespace {

const fs::path regressions = test::source_dir / "tests/regressions";
const fs::path images = test::source_dir / "tests/images";

struct Read {
    std::optional<chronicle::Chronicle> chronicle;
    std::vector<std::string> diags;
};

Read read_text(const std::string& text, const std::string& base = regressions.string()) {
    Diagnostics d;
    Read r;
    r.chronicle = reader::read_chronicle_text(text, "t.xml", base, d);
    r.diags = lines(d);
    return r;
}

Read read_file(const std::string& name) {
    return read_text(test::read_file(regressions / name));
}

std::string with_image(const std::string& src) {
    return "<chronicle><title>T</title><milestone date=\"2000\"><p>x</p><image src=\"" + src +
           "\" alt=\"a\"/></milestone></chronicle>";
}

// The PDF renderer on a document that shows `path`, bypassing the reader
// (as if the file had changed after it was read). Returns the error.
std::string render_pdf_with_image(const fs::path& path, int width, int height) {
    model::Document doc;
    doc.meta.title = "T";
    doc.meta.language = "de";
    doc.meta.source = "t.xml";
    model::Image img;
    img.path = path.string();
    img.source = path.filename().string();
    img.format =
        path.extension() == ".png" ? model::Image::Format::Png : model::Image::Format::Jpeg;
    img.width_px = width;
    img.height_px = height;
    img.bytes = std::make_shared<const std::string>(test::read_file(path));
    doc.blocks.push_back(img);
    const auto registry = render::builtin_registry();
    std::ostringstream out;
    Diagnostics d;
    try {
        registry.find("pdf")->render(doc, style::default_style(), {}, out, d);
    } catch (const Failure& f) {
        return f.diagnostic().message;
    }
    return {};
}

} // namespace

TEST_CASE("regression: a file of nothing but an end tag (fuzz_chronicle: null root element)") {
    // tinyxml2 accepts "</x>" as a document without a root element; the
    // reader then called Name() on a null pointer (UBSan: member call on
    // null pointer, chronicle_reader.cpp). Found in the first seconds.
    const auto r = read_file("root-end-tag-only.xml");
    INFO(joined(r.diags));
    CHECK_FALSE(r.chronicle);
    CHECK(has(r.diags,
              "t.xml:1:1: error: not well-formed XML: end tag </imlmlestone> has no start tag"));
    // The style reader and `chronik check` (which asks whether a file is a
    // style sheet) had the same null pointer.
    Diagnostics d;
    CHECK_FALSE(
        style::read_style_text(test::read_file(regressions / "root-end-tag-only.xml"), "s.xml", d));
    CHECK(d.has_errors());
    const auto c = test::run_chronik({"check", (regressions / "root-end-tag-only.xml").string()});
    CHECK(c.status == 1);
    CHECK(c.err.find("has no start tag") != std::string::npos);
    // Without any element at all.
    CHECK(has(read_text("<!-- only a comment -->").diags, "not well-formed XML: no root element"));
}

TEST_CASE("regression: an end tag after the root no longer hides the rest of the file") {
    // tinyxml2 stops at a stray end tag at the top level and drops the rest
    // without an error, so a second milestone vanished silently.
    const auto r = read_file("end-tag-after-root.xml");
    CHECK_FALSE(r.chronicle);
    CHECK(has(r.diags, "t.xml:1:83: error: not well-formed XML: end tag </x> has no start tag"));
}

TEST_CASE("regression: markup declarations inside elements are refused, not skipped") {
    const auto r = read_file("markup-declaration.xml");
    CHECK_FALSE(r.chronicle);
    CHECK(has(r.diags, "t.xml:1:55: error: unsupported markup declaration"));
}

TEST_CASE("regression: corrupt PNGs are refused by the reader and never reach libpng unchecked") {
    // libharu gives libpng an error handler that returns; libpng then calls
    // abort(). Each of these files ended `chronik render -f pdf` with
    // SIGABRT ("libpng error: IDAT: invalid block type" and the like).
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"png-corrupt-deflate.png", "is a corrupt PNG file (IDAT: invalid block type)"},
        {"png-short-data.png", "is a corrupt PNG file (Not enough image data)"},
        {"png-bad-header.png", "is a corrupt PNG file (Invalid IHDR data)"},
        {"png-cut-in-data.png", "is a truncated or corrupt PNG file"},
        {"png-few-pixels-big-claim.png", "is a corrupt PNG file (Not enough image data)"},
        {"png-bad-checksum.png", "is a corrupt PNG file (the checksum of its IEND chunk is wrong)"},
    };
    for (const auto& [name, message] : cases) {
        CAPTURE(name);
        const auto r = read_text(with_image(name));
        INFO(joined(r.diags));
        CHECK_FALSE(r.chronicle);
        CHECK(has(r.diags, "image '" + name + "' " + message));
        // The PDF renderer checks again what it hands to libharu: an error,
        // not an abort, even when the reader was bypassed.
        const auto error = render_pdf_with_image(regressions / name, 16, 16);
        CHECK_MESSAGE(error.find("image " + (regressions / name).string()) != std::string::npos,
                      error);
    }
}

TEST_CASE("regression: a PNG libpng warns about is embedded (libharu failed on the warning)") {
    // An iCCP chunk libpng does not like: libharu turned the warning into
    // "PDF: load image ... failed (libharu error 0x1043)". The PDF needs no
    // ancillary chunks, so they are dropped before libharu sees the file.
    const auto r = read_text(with_image("png-profile-warning.png"));
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    CHECK(render_pdf_with_image(regressions / "png-profile-warning.png", 16, 16).empty());
}

TEST_CASE("regression: 4-bit palette PNGs with transparency are widened to 8 bits for libharu") {
    // libharu's transparent-palette path reads width bytes from a row of
    // width / 2 (valgrind: invalid read in HPDF_Image_LoadPngImage).
    const auto file = test::read_file(regressions / "png-palette4-transparent.png");
    const auto parsed = png::parse(file);
    REQUIRE(parsed.error.empty());
    CHECK(parsed.header.bit_depth == 4);
    std::string error;
    const auto widened = render::pdf::png_for_pdf(file, error);
    REQUIRE(error.empty());
    const auto again = png::parse(widened);
    REQUIRE(again.error.empty());
    CHECK(again.header.bit_depth == 8);
    CHECK(again.header.color_type == 3);
    CHECK(again.header.width == 64);
    CHECK(again.transparency == parsed.transparency);
    std::vector<unsigned char> rows;
    CHECK(png::decode(again.essential, &rows).empty());
    CHECK(rows.size() == 64u * 64u);
    CHECK(render_pdf_with_image(regressions / "png-palette4-transparent.png", 64, 64).empty());
}

TEST_CASE("regression: an RGB PNG with a transparent colour gets an alpha channel for libharu") {
    // libharu takes any colour image with a tRNS chunk for a palette image
    // and looks its pixels up in the palette's transparency table, which for
    // RGB is a null pointer: `chronik render -f pdf` died with SIGSEGV.
    const auto file = test::read_file(regressions / "png-rgb-colour-key.png");
    const auto parsed = png::parse(file);
    REQUIRE(parsed.error.empty());
    CHECK(parsed.header.color_type == 2);
    std::string error;
    const auto converted = png::parse(render::pdf::png_for_pdf(file, error));
    REQUIRE(error.empty());
    REQUIRE(converted.error.empty());
    CHECK(converted.header.color_type == 6);
    CHECK(converted.transparency.empty());
    std::vector<unsigned char> rows;
    REQUIRE(png::decode(converted.essential, &rows).empty());
    REQUIRE(rows.size() == 16u * 16u * 4u);
    CHECK(rows[3] == 0x00); // the first pixel has the transparent colour (0, 7, 14)
    CHECK(rows[7] == 0xFF); // the second has not
    const auto r = read_text(with_image("png-rgb-colour-key.png"));
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    CHECK(render_pdf_with_image(regressions / "png-rgb-colour-key.png", 16, 16).empty());
}

TEST_CASE(
    "regression: interlaced and 16-bit PNGs are embedded as 8-bit, JPEGs PDF cannot show refused") {
    // An interlaced PNG failed only in the PDF, as "libharu error 0x1043";
    // then the reader refused it, and 16-bit PNGs. Now the PDF converts
    // them with libpng: 8 bits a channel, not interlaced, the same pixels.
    auto r = read_text(with_image("png-interlaced.png"));
    INFO(joined(r.diags));
    CHECK(r.chronicle);
    for (const fs::path& path : {regressions / "png-interlaced.png", images / "deep16.png"}) {
        CAPTURE(path);
        const auto file = test::read_file(path);
        std::string error;
        const auto converted = png::parse(render::pdf::png_for_pdf(file, error));
        REQUIRE(error.empty());
        REQUIRE(converted.error.empty());
        CHECK(converted.header.bit_depth == 8);
        CHECK_FALSE(converted.header.interlaced);
        // Pixel for pixel what libpng makes of the original at 8 bits.
        std::vector<unsigned char> original, again;
        int channels = 0, channels_again = 0;
        REQUIRE(png::decode_8bit(png::parse(file).essential, original, channels).empty());
        REQUIRE(png::decode_8bit(converted.essential, again, channels_again).empty());
        CHECK(channels == channels_again);
        CHECK(original == again);
        const auto parsed = png::parse(file);
        CHECK(render_pdf_with_image(path, static_cast<int>(parsed.header.width),
                                    static_cast<int>(parsed.header.height))
                  .empty());
    }
    r = read_text(with_image("jpeg-lossless.jpg"));
    CHECK_FALSE(r.chronicle);
    CHECK(has(r.diags, "is a lossless, hierarchical or arithmetic-coded JPEG"));
    // A JPEG cut short used to pass (only the frame header was read).
    r = read_text(with_image("jpeg-cut-in-data.jpg"));
    CHECK_FALSE(r.chronicle);
    CHECK(has(
        r.diags,
        "image 'jpeg-cut-in-data.jpg' is a truncated JPEG file (it ends inside its image data)"));
}

TEST_CASE("regression: a JPEG with fill bytes before its frame header (fuzz_image)") {
    // 0xFF fill bytes before a marker are valid (ITU T.81 B.1.1.2) and the
    // reader took them, but libharu reads the header as segments back to
    // back and failed ("libharu error 0x1058"): the PDF refused what every
    // other format took. The PDF renderer now drops them from the header.
    const auto r = read_text(with_image("jpeg-fill-bytes.jpg"));
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    const auto& img =
        std::get<chronicle::ImageRef>(r.chronicle->periods.at(0).milestones.at(0).body.at(1));
    CHECK(img.width_px == 64);
    CHECK(img.height_px == 48);
    CHECK(render_pdf_with_image(regressions / "jpeg-fill-bytes.jpg", 64, 48).empty());
}

TEST_CASE("regression: NaN is not a length in a style sheet") {
    // std::from_chars reads "nan"; NaN passed the range check (every
    // comparison with it is false) and reached the layout as a type size,
    // where the PDF failed with "libharu error 0x1057" (and a NaN converted
    // to an integer length is undefined behaviour).
    Diagnostics d;
    const auto s =
        style::read_style_text(test::read_file(regressions / "style-nan-lengths.xml"), "s.xml", d);
    CHECK_FALSE(s);
    const auto l = lines(d);
    INFO(joined(l));
    CHECK(has(l, "s.xml:2:21: error: size 'nan' is not a length"));
    CHECK(has(l, "s.xml:2:32: error: leading 'NaN' is not a length"));
    CHECK(has(l, "s.xml:3:9: error: width 'nanmm' is not a length"));
}

TEST_CASE("regression: a word longer than the line costs one box per line") {
    // It was a box and a penalty per character, every one a feasible break:
    // Knuth-Plass then kept about as many active nodes as a line has
    // characters, and a word of 8 MB took 18 s and 3.2 GB.
    text::FontSet fonts;
    Diagnostics d;
    layout::TypesetContext ctx{fonts, nullptr, "de", "t.xml", d, {}};
    layout::ParagraphStyle ps;
    ps.font = {"Charis SIL", false, false};
    ps.size = layout::pt(10);
    ps.leading = layout::pt(13);
    ps.align = style::Align::Justify;
    const layout::Length width = layout::pt(200);
    const std::string word(20000, 'm');
    const auto set =
        layout::set_paragraph({model::Text{"Davor " + word + " danach", 1}}, ps, width, ctx);
    REQUIRE(set.lines.size() > 10);
    // The word starts a line of its own; every line fits the measure, and
    // all but its last are nearly full.
    REQUIRE(set.lines[0].pieces.size() == 1);
    CHECK(set.lines[0].pieces[0].text == "Davor");
    std::string joined_text;
    for (std::size_t i = 1; i < set.lines.size(); ++i) {
        const auto& l = set.lines[i];
        REQUIRE_FALSE(l.pieces.empty());
        const auto end = l.pieces.back().x + l.pieces.back().width;
        CHECK(end <= width);
        if (i + 1 < set.lines.size())
            CHECK(end > width - layout::pt(10));
        for (const auto& p : l.pieces)
            joined_text += p.text;
    }
    CHECK(joined_text == word + "danach");
}

TEST_CASE("regression: columns of elements and attributes on one long line") {
    // Columns came from scanning the element's line from its start, per
    // element and per attribute: quadratic for a long line.
    std::string text = "<p>";
    for (int i = 0; i < 2000; ++i)
        text += "<em>ä</em>";
    text += "<b\n  x=\"1\"  y='>' z=\"2\"/></p>";
    Diagnostics d;
    const auto src = xml::Source::parse(text, "t.xml", d);
    REQUIRE(src);
    const auto* e = src->root()->FirstChildElement("em");
    for (int i = 0; i < 1500; ++i)
        e = e->NextSiblingElement("em");
    CHECK(src->column(e) == 4 + 1500 * 10); // characters, not bytes: ä counts once
    const auto* b = src->root()->FirstChildElement("b");
    CHECK(src->column(b) == 4 + 2000 * 10);
    CHECK(src->column(b, "x") == 3);  // on the next line of the tag
    CHECK(src->column(b, "z") == 16); // after a quoted '>'
}
