// Hostile style sheets through the chronik command: geometry that leaves no
// room is refused at the sheet's line, every sheet the policy accepts renders
// in every format and design in time, no word is lost in a narrow column,
// and font problems are said once, at the sheet's line. docs/styles.md,
// "What a sheet may ask for".
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <sstream>

using namespace chronik::hostile;
using chronik::test::files_in;
namespace test = chronik::test;

namespace {

const fs::path sample = test::source_dir / "data/lecos-chronik.xml";

// stdout of a shell command.
std::string shell(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string out;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0)
        out.append(buf.data(), n);
    return out;
}

std::string every_role(const std::string& attributes) {
    std::string out;
    for (const char* r :
         {"title", "subtitle", "organization", "intro", "period-heading", "milestone-date",
          "milestone-title", "body", "caption", "toc", "header", "footer"})
        out += std::string("  <role name=\"") + r + "\" " + attributes + "/>\n";
    return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("style sheets: sizes, leading and rails that leave no room are refused at their line") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    // Every role at 400 pt (ran forever in the DOCX page estimate, dropped
    // most words from the PDF), each role at its line.
    test::write_file(dir / "all400.xml", "<style name=\"x\">\n" +
                                             every_role("size=\"400pt\" leading=\"420pt\"") +
                                             "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "all400.xml:9:21: error: the body font (400 pt) is too large for its column "
                   "(143.6 mm wide, right of the rail): a line must hold at least 3 em",
                   {"-s", "all400.xml"});
    // A 30 pt contents on a narrow page (its level-2 indent of 2 em reached
    // the column's width: the DOCX estimate looped forever). Reported at
    // the role, with the column's width.
    test::write_file(dir / "toc.xml",
                     "<style name=\"x\">\n"
                     "  <page width=\"50mm\" height=\"120mm\" margin-top=\"10mm\" "
                     "margin-bottom=\"10mm\" margin-inner=\"15mm\" margin-outer=\"15mm\"/>\n"
                     "  <role name=\"title\" size=\"14pt\" leading=\"16pt\"/>\n"
                     "  <role name=\"toc\" size=\"30pt\" leading=\"32pt\"/>\n"
                     "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "toc.xml:4:20: error: the toc font (30 pt) is too large for its column (20 mm "
                   "wide): a line must hold at least 3 em (at most 18.9 pt here)",
                   {"-s", "toc.xml"});
    // A role the sheet does not name is reported at its <page>.
    expect_refused(dir.path(), "c.xml", "toc.xml:2:3: error: the body font (10.5 pt)",
                   {"-s", "toc.xml"});
    // A leading taller than the text area: its lines would sit below the page.
    test::write_file(dir / "tall.xml",
                     "<style name=\"x\">\n"
                     "  <page width=\"60mm\" height=\"60mm\" margin-top=\"10mm\" "
                     "margin-bottom=\"10mm\" margin-inner=\"10mm\" margin-outer=\"10mm\"/>\n"
                     "  <role name=\"body\" leading=\"500pt\"/>\n"
                     "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "tall.xml:3:21: error: the body leading (500 pt) is taller than the text area "
                   "(40 mm = 113.4 pt): a line must fit on a page",
                   {"-s", "tall.xml"});
    // A rail wider than half the text area, at its <set>.
    test::write_file(dir / "rail.xml", "<style name=\"x\">\n"
                                       "  <page width=\"100mm\" height=\"150mm\" "
                                       "margin-inner=\"20mm\" margin-outer=\"20mm\"/>\n"
                                       "  <design name=\"brochure\">\n"
                                       "    <set name=\"rail-width\" value=\"40mm\"/>\n"
                                       "  </design>\n"
                                       "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "rail.xml:4:28: error: the rail (40 mm) takes more than half of the text "
                   "area's width (60 mm)",
                   {"-s", "rail.xml"});
    // chronik check says the same without rendering.
    const auto r = run({"check", "all400.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("all400.xml:2:22: error: the title font (400 pt) is too large") !=
          std::string::npos);
}

TEST_CASE("style sheets: a font family longer than Word's 31 characters is refused at its "
          "place") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    // It went into the DOCX's fontTable and styles unchecked; Word cannot
    // name such a font (LOGFONT's 32 UTF-16 units, NUL included).
    const std::string name = "Charis SIL Compact Extra Condensed"; // 34 characters
    test::write_file(dir / "long.xml", "<style name=\"x\">\n"
                                       "  <role name=\"body\" family=\"" +
                                           name +
                                           "\"/>\n"
                                           "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "long.xml:2:21: error: the font family '" + name +
                       "' is too long: 34 characters, Word allows at most 31",
                   {"-s", "long.xml"});
    // 31 is accepted (a warning that it is not installed, and a fallback).
    test::write_file(dir / "ok.xml", "<style name=\"x\">\n"
                                     "  <role name=\"body\" family=\"" +
                                         name.substr(0, 31) +
                                         "\"/>\n"
                                         "</style>\n");
    fs::create_directories(dir / "out");
    const auto r = run({"render", "c.xml", "-f", "docx", "-s", "ok.xml", "-o", "out"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
}

TEST_CASE("style sheets: the largest sizes and narrowest pages accepted render in every format and "
          "design in time") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    // Just inside the policy: every role at 130 pt on A4 (3 em of the
    // column right of the rail is 135 pt).
    test::write_file(dir / "max.xml", "<style name=\"x\">\n" +
                                          every_role("size=\"130pt\" leading=\"140pt\"") +
                                          "</style>\n");
    // The narrowest text area the margins allow (20 mm), every role at
    // the most it takes, the contents' level-2 indent (2 em) leaving 1 em.
    test::write_file(dir / "narrow.xml",
                     "<style name=\"x\">\n"
                     "  <page width=\"50mm\" height=\"80mm\" margin-top=\"10mm\" "
                     "margin-bottom=\"10mm\" margin-inner=\"15mm\" margin-outer=\"15mm\"/>\n"
                     "  <role name=\"title\" size=\"18pt\" leading=\"20pt\"/>\n"
                     "  <role name=\"subtitle\" size=\"12pt\"/>\n"
                     "  <role name=\"period-heading\" size=\"3pt\" leading=\"4pt\"/>\n"
                     "  <role name=\"milestone-title\" size=\"3pt\" leading=\"4pt\"/>\n"
                     "  <role name=\"milestone-date\" size=\"3pt\" leading=\"4pt\"/>\n"
                     "  <role name=\"body\" size=\"3pt\" leading=\"4pt\"/>\n"
                     "  <role name=\"caption\" size=\"3pt\" leading=\"4pt\"/>\n"
                     "  <role name=\"toc\" size=\"18.8pt\" leading=\"20pt\"/>\n"
                     "</style>\n");
    for (const char* sheet : {"max.xml", "narrow.xml"}) {
        CAPTURE(sheet);
        expect_rendered(dir.path(), "c.xml", {"-s", sheet}, 30);
        // The same sizes in the fact sheet's design.
        const std::string derived = std::string("factsheet-") + sheet;
        std::string text = test::read_file(dir / sheet);
        text.replace(text.find('\n'), 1,
                     "\n  <design name=\"factsheet\"/>\n  <document title-page=\"false\" "
                     "toc=\"false\"/>\n");
        test::write_file(dir / derived, text);
        expect_rendered(dir.path(), "c.xml", {"-s", derived}, 30);
    }
}

TEST_CASE("style sheets: a narrow column with a large body font loses no word") {
    test::require_tool("pdftotext", "poppler-utils");
    test::TempDir dir;
    // Words of every length, one far longer than a line; no title page,
    // no contents, a title and date of characters the words lack, so the
    // text the PDF shows is the words and the running heads' Q and digits.
    std::string words;
    const std::string letters = "abcdefghijklmnoprstuvwxyzäöüß";
    unsigned seed = 7;
    for (int i = 0; i < 300; ++i) {
        seed = seed * 1103515245 + 12345;
        const std::size_t len = 1 + (seed >> 16) % (i % 50 == 0 ? 80 : 14);
        std::string w;
        for (std::size_t k = 0; k < len; ++k) {
            seed = seed * 1103515245 + 12345;
            const std::size_t at = (seed >> 16) % 29;
            // the umlauts and ß are two bytes each
            w += at < 25 ? letters.substr(at, 1) : letters.substr(25 + (at - 25) * 2, 2);
        }
        words += (words.empty() ? "" : " ") + w;
    }
    test::write_file(dir / "c.xml", "<chronicle lang=\"de\"><title>Q</title><milestone "
                                    "date=\"2000\"><p>" +
                                        words + "</p></milestone></chronicle>\n");
    test::write_file(dir / "narrow.xml",
                     "<style name=\"narrow\">\n"
                     "  <page width=\"60mm\" height=\"90mm\" margin-top=\"12mm\" "
                     "margin-bottom=\"12mm\" margin-inner=\"10mm\" margin-outer=\"10mm\"/>\n"
                     "  <document title-page=\"false\" toc=\"false\"/>\n"
                     "  <role name=\"title\" size=\"30pt\" leading=\"34pt\"/>\n"
                     "  <role name=\"body\" size=\"29pt\" leading=\"32pt\"/>\n"
                     "</style>\n");
    fs::create_directories(dir / "out");
    const auto r =
        run({"render", "c.xml", "-f", "pdf", "-s", "narrow.xml", "-o", "out"}, dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const std::string text = shell("pdftotext -enc UTF-8 '" + (dir / "out/c.pdf").string() + "' -");
    // The letters in order, without line ends, hyphens, running heads.
    auto flat = [](const std::string& s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c <= ' ' || c == '-' || c == 'Q' || (c >= '0' && c <= '9'))
                continue;
            out += s[i];
        }
        return out;
    };
    const std::string want = flat(words);
    const std::string got = flat(text);
    CHECK_MESSAGE(got.find(want) != std::string::npos,
                  "PDF text: " << got.substr(0, 400) << "\nwords: " << want.substr(0, 400));
    CHECK(sanitizers_quiet(r.err));
}

TEST_CASE("style sheets: font problems are said once, at the sheet's line") {
    test::TempDir dir;
    fs::create_directories(dir / "out");
    // A family that is not installed, at the line of the <role> naming it
    // (it was reported against the chronicle, without a line).
    test::write_file(dir / "c.xml", chronicle(milestone("")));
    test::write_file(dir / "missing.xml",
                     "<style name=\"odd\">\n"
                     "  <role name=\"title\" size=\"20pt\"/>\n"
                     "  <role name=\"body\" family=\"Nonexistent Sans 4711\"/>\n"
                     "</style>\n");
    auto r = run({"render", "c.xml", "-f", "pdf", "-s", "missing.xml", "-o", "out"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.err.find("missing.xml:3: warning: font family 'Nonexistent Sans 4711' is not "
                             "installed; using '") != std::string::npos,
                  r.err);
    CHECK(r.err.find("c.xml: warning: font family") == std::string::npos);

    // A family without an italic face: a warning naming the face used.
    // Which family lacks one depends on the fonts installed: DejaVu Sans
    // has no Oblique with fonts-dejavu-core alone (scripts/install-deps.sh),
    // DejaVu Math TeX Gyre none with fonts-dejavu-extra.
    const std::string families = shell("fc-list : family style");
    std::string upright;
    for (const char* f :
         {"DejaVu Math TeX Gyre", "DejaVu Sans Mono", "DejaVu Serif", "DejaVu Sans"}) {
        bool has_family = false, has_slant = false;
        std::istringstream in(families);
        for (std::string line; std::getline(in, line);) {
            const auto colon = line.find(':');
            const std::string fam = line.substr(0, colon);
            if (fam != f && fam.rfind(std::string(f) + ",", 0) != 0)
                continue;
            has_family = true;
            has_slant = has_slant || line.find("Italic") != std::string::npos ||
                        line.find("Oblique") != std::string::npos;
        }
        if (has_family && !has_slant) {
            upright = f;
            break;
        }
    }
    REQUIRE_MESSAGE(!upright.empty(), "no DejaVu family without an italic face: " << families);
    test::write_file(dir / "upright.xml", "<style name=\"upright\">\n"
                                          "  <role name=\"title\" size=\"20pt\"/>\n"
                                          "  <role name=\"body\" family=\"" +
                                              upright +
                                              "\" slant=\"italic\"/>\n"
                                              "</style>\n");
    r = run({"render", "c.xml", "-f", "pdf", "-s", "upright.xml", "-o", "out"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    const std::string said =
        "upright.xml:3: warning: font family '" + upright + "' has no italic face; using its '";
    CHECK_MESSAGE(count(r.err, said) == 1, r.err);
    CHECK(sanitizers_quiet(r.err));
}

TEST_CASE("style sheets: characters a font lacks are reported once each, with a count") {
    test::TempDir dir;
    fs::create_directories(dir / "out");
    // A CJK character on 40 lines: in neither Charis SIL nor DejaVu, so it
    // is left out, and said once (it was once per line).
    std::string body;
    for (int i = 0; i < 40; ++i)
        body += "<milestone date=\"" + std::to_string(1950 + i) + "\"><p>Zeichen 漢 und 漢</p>" +
                "</milestone>\n";
    test::write_file(dir / "c.xml",
                     "<chronicle lang=\"de\"><title>T</title>\n" + body + "</chronicle>\n");
    auto r = run({"render", "c.xml", "-f", "pdf", "-o", "out"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(count(r.err, "warning:") == 1, r.err);
    CHECK_MESSAGE(r.err.find("c.xml:2: warning: the font 'Charis SIL' has no glyph for '漢' "
                             "(U+6F22), used 80 times (first at lines 2, 3, 4); no installed font "
                             "has it, it is left out") != std::string::npos,
                  r.err);
    // A family of symbols only, where installed (LibreOffice's OpenSymbol):
    // one warning per letter, not one per letter and line.
    if (shell("fc-list OpenSymbol family").find("OpenSymbol") != std::string::npos) {
        test::write_file(dir / "symbols.xml",
                         "<style name=\"s\">\n  <role name=\"body\" family=\"OpenSymbol\"/>\n"
                         "</style>\n");
        fs::copy_file(sample, dir / "sample.xml");
        r = run({"render", "sample.xml", "-f", "pdf", "-s", "symbols.xml", "-o", "out"},
                dir.path());
        CHECK_MESSAGE(r.status == 0, r.err);
        CHECK(count(r.err, "warning:") < 100);
        CHECK(r.err.find("warning: the font 'OpenSymbol' has no glyph for 'e' (U+0065), used ") !=
              std::string::npos);
    }
}

TEST_CASE("style sheets: a one-liner taller than the page is set as paragraphs, on the page") {
    // fuzz_style_sample: a 156 pt date on a 450 pt leading made a dated
    // one-liner of two date lines taller than the text area, and its second
    // line was set below the page.
    test::require_tool("pdftotext", "poppler-utils");
    test::TempDir dir;
    test::write_file(dir / "c.xml", "<chronicle lang=\"de\"><title>T</title>"
                                    "<milestone date=\"1991-07-01\"><title>Einführung von "
                                    "Personalabrechnung</title></milestone></chronicle>\n");
    test::write_file(dir / "tall.xml",
                     "<style name=\"x\">\n"
                     "  <page width=\"340mm\" height=\"283mm\" margin-top=\"8mm\" "
                     "margin-bottom=\"36mm\" margin-inner=\"48mm\" margin-outer=\"42mm\"/>\n"
                     "  <document title-page=\"false\" toc=\"false\"/>\n"
                     "  <role name=\"milestone-date\" size=\"156pt\" leading=\"450pt\"/>\n"
                     "</style>\n");
    fs::create_directories(dir / "out");
    const auto r = run({"render", "c.xml", "-f", "pdf", "-s", "tall.xml", "-o", "out"}, dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string text = shell("pdftotext -enc UTF-8 '" + (dir / "out/c.pdf").string() + "' -");
    std::string flat;
    for (char c : text)
        if (static_cast<unsigned char>(c) > ' ' && c != '-')
            flat += c;
    // (the date runs over two pages, a line each)
    CHECK_MESSAGE(flat.find("1.Juli") != std::string::npos, flat);
    CHECK_MESSAGE(flat.find("EinführungvonPersonalabrechnung") != std::string::npos, flat);
}
