// Print colour through the chronik command: cmyk() colours and the <print>
// and <images> sections of a style sheet, refused at their line when wrong
// (docs/styles.md), and rendered in every format when right; the screen
// formats show a CMYK colour as its look through the output profile.
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

using namespace chronik::hostile;
using chronik::test::files_in;
namespace test = chronik::test;

namespace {

const fs::path sample = test::source_dir / "data/lecos-chronik.xml";
const fs::path fogra39 =
    "/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc";
const fs::path srgb_icc = "/usr/share/color/icc/sRGB.icc";

// One plate of Ghostscript's tiffsep (-sCompression=none): 8 bits a pixel,
// 255 = no ink. Read from the TIFF's first IFD (TIFF 6.0, section 2), enough
// for what tiffsep writes: strips, little- or big-endian.
struct Plate {
    int width = 0, height = 0;
    std::string pixels;
    int ink(int x, int y) const {
        return 255 - static_cast<unsigned char>(pixels.at(y * width + x));
    }
};

Plate read_plate(const fs::path& file) {
    const std::string t = test::read_file(file);
    REQUIRE_MESSAGE(t.size() > 8, file.string());
    const bool little = t[0] == 'I';
    auto u16 = [&](std::size_t at) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(t.at(at)),
                   b = static_cast<unsigned char>(t.at(at + 1));
        return little ? a | b << 8 : a << 8 | b;
    };
    auto u32 = [&](std::size_t at) -> std::uint32_t {
        return little ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2);
    };
    const std::size_t ifd = u32(4);
    std::map<int, std::vector<std::uint32_t>> tags;
    for (std::uint32_t i = 0, n = u16(ifd); i < n; ++i) {
        const std::size_t e = ifd + 2 + 12 * i;
        const int tag = static_cast<int>(u16(e)), type = static_cast<int>(u16(e + 2));
        const std::uint32_t count = u32(e + 4);
        const std::size_t size = type == 3 ? 2 : 4;
        const std::size_t at = count * size <= 4 ? e + 8 : u32(e + 8);
        for (std::uint32_t k = 0; k < count && (type == 3 || type == 4); ++k)
            tags[tag].push_back(type == 3 ? u16(at + 2 * k) : u32(at + 4 * k));
    }
    REQUIRE(tags[259].at(0) == 1); // no compression
    REQUIRE(tags[258].at(0) == 8);
    Plate p;
    p.width = static_cast<int>(tags[256].at(0));
    p.height = static_cast<int>(tags[257].at(0));
    for (std::size_t k = 0; k < tags[273].size(); ++k)
        p.pixels += t.substr(tags[273][k], tags[279].at(k));
    REQUIRE(p.pixels.size() == static_cast<std::size_t>(p.width) * p.height);
    return p;
}

struct Word {
    double x0, y0, x1, y1; // pt from the top left
    std::string text;
};

// pdftotext -bbox: each word of `page` with its box.
std::vector<Word> words_on(const fs::path& pdf, int page) {
    const auto [status, html] =
        test::shell("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) +
                    " -bbox " + test::shell_quote(pdf.string()) + " -");
    REQUIRE(status == 0);
    static const std::regex word(
        R"re(xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<)re");
    std::vector<Word> out;
    for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                       std::stod((*it)[4]), (*it)[5]});
    return out;
}

// The pixels with ink on each plate inside a word's box (at `dpi`).
std::array<int, 4> inks_in(const std::array<Plate, 4>& plates, const Word& w, int dpi) {
    const double s = dpi / 72.0;
    std::array<int, 4> n{};
    for (int y = static_cast<int>(w.y0 * s); y <= static_cast<int>(w.y1 * s); ++y)
        for (int x = static_cast<int>(w.x0 * s); x <= static_cast<int>(w.x1 * s); ++x)
            for (std::size_t i = 0; i < 4; ++i)
                n[i] += plates[i].ink(x, y) > 0;
    return n;
}

// Page `page` of `pdf` separated by Ghostscript: Cyan, Magenta, Yellow, Black.
std::array<Plate, 4> separations(const fs::path& pdf, int page, const fs::path& dir, int dpi) {
    const std::string cmd = "gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=tiffsep -sCompression=none "
                            "-r" +
                            std::to_string(dpi) + " -dFirstPage=" + std::to_string(page) +
                            " -dLastPage=" + std::to_string(page) +
                            " -sOutputFile=" + test::shell_quote((dir / "p.tif").string()) + " " +
                            test::shell_quote(pdf.string());
    REQUIRE(test::shell(cmd).first == 0);
    std::array<Plate, 4> plates;
    const char* names[] = {"Cyan", "Magenta", "Yellow", "Black"};
    for (std::size_t i = 0; i < 4; ++i)
        plates[i] = read_plate(dir / ("p(" + std::string(names[i]) + ").tif"));
    return plates;
}

} // namespace

TEST_CASE("print colour: in the print PDF body text is on the black plate alone (Ghostscript "
          "tiffsep)") {
    test::require_tool("gs", "ghostscript");
    test::require_tool("pdftotext", "poppler-utils");
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    const auto r = run({"render", "c.xml", "-q", "-f", "pdf", "--pdf-standard", "x-4", "-o", "out"},
                       dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const fs::path pdf = dir / "out" / "c.pdf";
    // Page 3: two periods of running text, the period headings in the accent
    // colour #17324d, the running head in grey.
    constexpr int dpi = 100;
    const auto plates = separations(pdf, 3, dir.path(), dpi);
    const auto words = words_on(pdf, 3);
    REQUIRE(words.size() > 100);
    int text = 0, headings = 0;
    for (const auto& w : words) {
        CAPTURE(w.text);
        const auto n = inks_in(plates, w, dpi);
        CAPTURE(n[0]);
        CAPTURE(n[1]);
        CAPTURE(n[2]);
        CHECK(n[3] > 0);        // every word has black in it
        if (w.y1 - w.y0 < 20) { // body text and the running head (10.5 pt)
            ++text;
            CHECK(n[0] + n[1] + n[2] == 0);
        } else { // a period heading: the accent colour, in four inks
            ++headings;
            CHECK(n[0] > 0);
            CHECK(n[1] > 0);
            CHECK(n[2] > 0);
        }
    }
    CHECK(text > 100);
    CHECK(headings >= 1);
}

TEST_CASE("print colour: cmyk() colours print as written, each on its own plates") {
    test::require_tool("gs", "ghostscript");
    test::require_tool("pdftotext", "poppler-utils");
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    test::write_file(dir / "inks.xml",
                     "<style name=\"inks\">\n"
                     "  <role name=\"period-heading\" color=\"cmyk(100%, 0%, 0%, 0%)\"/>\n"
                     "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                     "  <role name=\"header\" color=\"cmyk(0%, 100%, 0%, 0%)\"/>\n"
                     "</style>\n");
    const auto r = run({"render", "c.xml", "-q", "-f", "pdf", "--pdf-standard", "x-4", "-s",
                        "inks.xml", "-o", "out"},
                       dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const fs::path pdf = dir / "out" / "c.pdf";
    constexpr int dpi = 100;
    const auto plates = separations(pdf, 3, dir.path(), dpi);
    const auto words = words_on(pdf, 3);
    REQUIRE(words.size() > 100);
    int heading = 0, header = 0, body = 0;
    for (const auto& w : words) {
        CAPTURE(w.text);
        const auto n = inks_in(plates, w, dpi);
        CAPTURE(n[0]);
        CAPTURE(n[1]);
        CAPTURE(n[2]);
        CAPTURE(n[3]);
        if (w.y1 - w.y0 >= 20) { // period heading: cyan alone
            ++heading;
            CHECK(n[0] > 0);
            CHECK(n[1] + n[2] + n[3] == 0);
        } else if (w.y0 <
                   80) { // the running head (above the text area, slug included): magenta alone
            ++header;
            CHECK(n[1] > 0);
            CHECK(n[0] + n[2] + n[3] == 0);
        } else { // body: solid black alone
            ++body;
            CHECK(n[3] > 0);
            CHECK(n[0] + n[1] + n[2] == 0);
        }
    }
    CHECK(heading >= 1);
    CHECK(header >= 2);
    CHECK(body > 100);
}

TEST_CASE("print colour: a bad cmyk() colour is refused at its attribute, in every format") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    test::write_file(dir / "ink.xml", "<style name=\"x\">\n"
                                      "  <role name=\"title\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                                      "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 101%)\"/>\n"
                                      "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "ink.xml:3:21: error: color 'cmyk(0%, 0%, 0%, 101%)': K 101% is not a whole "
                   "per cent from 0 to 100",
                   {"-s", "ink.xml"});
    test::write_file(dir / "form.xml", "<style name=\"x\">\n\n"
                                       "  <role name=\"body\" color=\"cmyk(0, 0, 100)\"/>\n"
                                       "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "form.xml:3:21: error: color 'cmyk(0, 0, 100)' is not of the form #RRGGBB or "
                   "cmyk(C%, M%, Y%, K%)",
                   {"-s", "form.xml"});
    const auto r = run({"check", "ink.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("ink.xml:3:21: error:") != std::string::npos);
    CHECK(r.err.find("ink.xml:2:") == std::string::npos); // the good colour is not named
}

TEST_CASE("print colour: an output profile that is not CMYK is refused at its attribute") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    fs::copy_file(srgb_icc, dir / "screen.icc");
    test::write_file(dir / "rgb.xml", "<style name=\"x\">\n"
                                      "  <print bleed=\"3mm\"\n"
                                      "         profile=\"screen.icc\"/>\n"
                                      "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "rgb.xml:3:10: error: profile: 'screen.icc' is a profile for RGB colour, not "
                   "CMYK",
                   {"-s", "rgb.xml"});
    // A sheet in another folder: the profile is found beside the sheet, and
    // a missing one is named with that path.
    fs::create_directories(dir / "sheets");
    test::write_file(dir / "sheets" / "gone.xml", "<style name=\"x\">\n"
                                                  "  <print profile=\"press.icc\"/>\n"
                                                  "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "sheets/gone.xml:2:10: error: profile: cannot read ICC profile "
                   "'sheets/press.icc'",
                   {"-s", "sheets/gone.xml"});
    fs::copy_file(fogra39, dir / "sheets" / "press.icc");
    const auto ok = run({"check", "sheets/gone.xml"}, dir.path());
    CHECK_MESSAGE(ok.status == 0, ok.err);
    // A device that never ends: refused at once, not read.
    test::write_file(dir / "zero.xml",
                     "<style name=\"x\">\n  <print profile=\"/dev/zero\"/>\n</style>\n");
    const auto zero = run({"check", "zero.xml"}, dir.path(), 20);
    CHECK(zero.status == 1);
    CHECK(zero.err.find("zero.xml:2:10: error: profile: '/dev/zero' is not a file") !=
          std::string::npos);
    // Not ICC at all: a text file named .icc.
    test::write_file(dir / "fake.icc", "this is not a profile\n");
    test::write_file(dir / "fake.xml", "<style name=\"x\"><print profile=\"fake.icc\"/></style>\n");
    const auto r = run({"check", "fake.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("fake.xml:1:24: error: profile: 'fake.icc' is not an ICC profile") !=
          std::string::npos);
}

TEST_CASE("print colour: bleed and resolutions out of range are refused at their attribute") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    test::write_file(dir / "bleed.xml", "<style name=\"x\">\n"
                                        "  <page size=\"A5\"/>\n"
                                        "  <print crop-marks=\"true\" bleed=\"30mm\"/>\n"
                                        "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "bleed.xml:3:28: error: bleed '30mm' is out of range (0 to 20 mm)",
                   {"-s", "bleed.xml"});
    test::write_file(dir / "ppi.xml", "<style name=\"x\">\n"
                                      "  <images print-ppi=\"300\" print-max-ppi=\"200\"/>\n"
                                      "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "ppi.xml:2:27: error: print-max-ppi (200) is below print-ppi (300)",
                   {"-s", "ppi.xml"});
    test::write_file(dir / "ppi2.xml", "<style name=\"x\">\n"
                                       "  <images print-ppi=\"400\" print-max-ppi=\"350\"/>\n"
                                       "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "ppi2.xml:2:27: error: print-max-ppi (350) is below print-ppi (400)",
                   {"-s", "ppi2.xml"});
}

TEST_CASE("print colour: a sheet in CMYK with its own profile renders in every format") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    fs::copy_file(fogra39, dir / "press.icc");
    test::write_file(dir / "cmyk.xml",
                     "<style name=\"x\">\n"
                     "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 90%)\"/>\n"
                     "  <role name=\"milestone-date\" color=\"cmyk(100%, 60%, 0%, 20%)\"/>\n"
                     "  <print bleed=\"3\" crop-marks=\"true\" profile=\"press.icc\"/>\n"
                     "  <images screen-ppi=\"120\"/>\n"
                     "</style>\n");
    expect_rendered(dir.path(), "c.xml", {"-s", "cmyk.xml"});
}

TEST_CASE("print colour: DOCX and Markdown show a cmyk() colour as its screen look") {
    test::require_tool("unzip", "unzip");
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    // Solid black ink on coated FOGRA39 paper looks #1F1F1D on screen; an
    // sRGB sheet with that colour gives the same DOCX and Markdown.
    test::write_file(dir / "ink.xml",
                     "<style name=\"x\">\n"
                     "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                     "  <role name=\"period-heading\" color=\"cmyk(100, 60, 0, 20)\"/>\n"
                     "</style>\n");
    const auto ink = run({"render", "c.xml", "-q", "-f", "docx,md", "-s", "ink.xml", "-o", "ink"},
                         dir.path(), 120);
    REQUIRE_MESSAGE(ink.status == 0, ink.err);
    const auto [status, styles] = test::shell(
        "unzip -p " + test::shell_quote((dir / "ink" / "c.docx").string()) + " word/styles.xml");
    REQUIRE(status == 0);
    CHECK(styles.find("<w:color w:val=\"1F1F1D\"") != std::string::npos); // (+ w:themeColor)
    // The heading's look, from the profile (a dark blue): read it back.
    const std::size_t at = styles.find("w:styleId=\"Heading1\"");
    REQUIRE(at != std::string::npos);
    const std::size_t color = styles.find("<w:color w:val=\"", at);
    REQUIRE(color != std::string::npos);
    const std::string look = styles.substr(color + 16, 6);
    CAPTURE(look);
    const unsigned long rgb = std::stoul(look, nullptr, 16);
    CHECK((rgb & 0xFF) > (rgb >> 16)); // more blue than red
    test::write_file(dir / "rgb.xml", "<style name=\"x\">\n"
                                      "  <role name=\"body\" color=\"#1F1F1D\"/>\n"
                                      "  <role name=\"period-heading\" color=\"#" +
                                          look + "\"/>\n</style>\n");
    const auto rgb_run = run(
        {"render", "c.xml", "-q", "-f", "docx,md", "-s", "rgb.xml", "-o", "rgb"}, dir.path(), 120);
    REQUIRE_MESSAGE(rgb_run.status == 0, rgb_run.err);
    CHECK(test::read_file(dir / "ink" / "c.md") == test::read_file(dir / "rgb" / "c.md"));
    CHECK(test::read_file(dir / "ink" / "c.md").size() > 1000);
    const auto [s2, rgb_styles] = test::shell(
        "unzip -p " + test::shell_quote((dir / "rgb" / "c.docx").string()) + " word/styles.xml");
    REQUIRE(s2 == 0);
    CHECK(styles == rgb_styles);
}

TEST_CASE("print colour: the screen PDF writes a cmyk() colour's look in DeviceRGB, no CMYK") {
    test::require_tool("qpdf", "qpdf");
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    test::write_file(dir / "ink.xml", "<style name=\"x\">\n"
                                      "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                                      "</style>\n");
    const auto r =
        run({"render", "c.xml", "-q", "-f", "pdf", "-s", "ink.xml", "-o", "out"}, dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto [status, qdf] =
        test::shell("qpdf --qdf --object-streams=disable " +
                    test::shell_quote((dir / "out" / "c.pdf").string()) + " -");
    REQUIRE(status == 0);
    CHECK(qdf.find("\n0.122 0.122 0.114 rg\n") != std::string::npos); // #1F1F1D
    static const std::regex cmyk_op(R"(\n[0-9.]+ [0-9.]+ [0-9.]+ [0-9.]+ [kK]\n)");
    CHECK_FALSE(std::regex_search(qdf, cmyk_op));
    // The print PDF of the same sheet writes the ink itself.
    const auto p = run({"render", "c.xml", "-q", "-f", "pdf", "--pdf-standard", "x-4", "-s",
                        "ink.xml", "-o", "print"},
                       dir.path());
    REQUIRE_MESSAGE(p.status == 0, p.err);
    const auto [s2, print] =
        test::shell("qpdf --qdf --object-streams=disable " +
                    test::shell_quote((dir / "print" / "c.pdf").string()) + " -");
    REQUIRE(s2 == 0);
    CHECK(print.find("\n0 0 0 1 k\n") != std::string::npos);
    static const std::regex rgb_op(R"(\n[0-9.]+ [0-9.]+ [0-9.]+ (rg|RG)\n)");
    CHECK_FALSE(std::regex_search(print, rgb_op));
}
