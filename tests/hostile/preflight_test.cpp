// Preflight through the binary (issue #13; README, "Preflight"): `chronik
// check --print FILE` checks the print PDF alone and names, with the file
// and line to fix, each problem once; a print render (render --pdf-standard
// x-4) says the same; a screen render and plain check say none of it.
// Findings are warnings (exit 0); --print with a standard x-4 cannot join
// is a usage error (exit 2).
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;

namespace {

Run fixed_run(const std::vector<std::string>& args, const fs::path& cwd) {
    auto r = test::run_command("env SOURCE_DATE_EPOCH=1700000000 timeout -k 5 120", args, cwd);
    return {r.status, std::move(r.out), std::move(r.err), 0};
}

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size()))
        ++n;
    return n;
}

// A chronicle whose line `n` is the n-th string (1-based).
std::string numbered(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines)
        s += l + "\n";
    return s;
}

// An RGB PNG of w x h grey pixels, made by Python's zlib (no image library).
void write_png(const fs::path& path, int w, int h) {
    const std::string script =
        "import struct, zlib, sys\n"
        "w, h = " +
        std::to_string(w) + ", " + std::to_string(h) +
        "\n"
        "def chunk(t, d): return struct.pack('>I', len(d)) + t + d + "
        "struct.pack('>I', zlib.crc32(t + d))\n"
        "raw = b''.join(b'\\x00' + b'\\x80' * (3 * w) for _ in range(h))\n"
        "png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, "
        "0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')\n"
        "open(sys.argv[1], 'wb').write(png)\n";
    test::write_file(path.string() + ".py", script);
    const auto [status, out] =
        test::shell("/usr/bin/python3 " + test::shell_quote(path.string() + ".py") + " " +
                    test::shell_quote(path.string()));
    REQUIRE(status == 0);
}

const std::string clean = numbered({
    "<chronicle lang=\"de\"><title>Chronik</title>",
    "<period label=\"2000\">",
    "<milestone date=\"2000\"><title>Gründung</title>",
    "<p>Die Firma wird gegründet und zieht in die Hafenstraße.</p>",
    "</milestone></period></chronicle>",
});

// small.png (64 x 48) at line 5, stretched to the column (11 ppi); a
// snowman (no glyph in Charis SIL) at line 4 and again at line 6.
const std::string low_image = numbered({
    "<chronicle lang=\"de\"><title>Chronik</title>",
    "<period label=\"2000\">",
    "<milestone date=\"2000\"><title>Gründung</title>",
    "<p>Ein Schneemann: \u2603</p>",
    "<image src=\"small.png\" alt=\"Ein Bild\" width=\"column\"/>",
    "<p>Noch einer: \u2603</p>",
    "</milestone></period></chronicle>",
});

const std::string low_image_warning =
    "c.xml:5: warning: image 'small.png' has 11 ppi at its placed size (64 x 48 pixels on "
    "143.6 x 107.7 mm, page 3), under the 250 ppi print needs";

} // namespace

TEST_CASE("preflight: a clean chronicle gives no warning, exit 0, its print PDF's pages") {
    test::TempDir dir;
    test::write_file(dir / "c.xml", clean);
    const auto r = fixed_run({"check", "--print", "c.xml"}, dir.path());
    CHECK(r.status == 0);
    CHECK_MESSAGE(r.err.empty(), r.err);
    CHECK(r.out == "c.xml: ok (print PDF of 3 pages, 1 periods, 1 milestones)\n");
    CHECK(sanitizers_quiet(r.err));
}

TEST_CASE("preflight: the shipped sample is clean for print, in both styles") {
    for (const std::string style : {"brochure", "booklet"}) {
        CAPTURE(style);
        const auto r = fixed_run({"check", "--print", "-s", style, "data/lecos-chronik.xml"},
                                 test::source_dir);
        CHECK(r.status == 0);
        // Its one warning is the chronicle's own (a date outside its period).
        CHECK_MESSAGE(count(r.err, "warning:") == 1, r.err);
        CHECK(count(r.err, "lies outside the years of its period") == 1);
    }
}

TEST_CASE("preflight: an image under 250 ppi where it is placed, at its line, once") {
    test::TempDir dir;
    test::write_file(dir / "c.xml", low_image);
    fs::copy_file(images / "small.png", dir / "small.png");
    const auto r = fixed_run({"check", "--print", "c.xml"}, dir.path());
    CHECK(r.status == 0);
    CHECK_MESSAGE(count(r.err, low_image_warning + "\n") == 1, r.err);
    CHECK_MESSAGE(count(r.err, "image 'small.png'") == 1, r.err);
    CHECK(r.out == "c.xml: ok (print PDF of 3 pages, 1 periods, 1 milestones, 2 warnings)\n");
}

TEST_CASE("preflight: an image with enough pixels for its place is not named") {
    test::TempDir dir;
    // 2400 pixels across the column (about 120 mm): well over 300 ppi.
    write_png(dir / "big.png", 2400, 600);
    test::write_file(dir / "c.xml",
                     numbered({"<chronicle lang=\"de\"><title>Chronik</title>",
                               "<period label=\"2000\"><milestone date=\"2000\">",
                               "<p>Text</p><image src=\"big.png\" alt=\"Ein Bild\"/>",
                               "</milestone></period></chronicle>"}));
    const auto r = fixed_run({"check", "--print", "c.xml"}, dir.path());
    CHECK(r.status == 0);
    CHECK_MESSAGE(r.err.empty(), r.err);
}

TEST_CASE("preflight: a missing glyph is named once, with its line") {
    test::TempDir dir;
    test::write_file(dir / "c.xml", low_image);
    fs::copy_file(images / "small.png", dir / "small.png");
    const auto r = fixed_run({"check", "--print", "c.xml"}, dir.path());
    CHECK_MESSAGE(count(r.err, "c.xml:4: warning: the font 'Charis SIL' has no glyph for '\u2603' "
                               "(U+2603), used 2 times (first at lines 4, 6); set in 'DejaVu "
                               "Sans'\n") == 1,
                  r.err);
    CHECK(count(r.err, "U+2603") == 1);
}

TEST_CASE("preflight: a print render warns as check --print does, a screen render does not") {
    test::TempDir dir;
    test::write_file(dir / "c.xml", low_image);
    fs::copy_file(images / "small.png", dir / "small.png");
    const auto check = fixed_run({"check", "--print", "c.xml"}, dir.path());
    const auto print = fixed_run(
        {"render", "c.xml", "-q", "-f", "pdf", "--pdf-standard", "x-4", "-o", "print"}, dir.path());
    CHECK(print.status == 0);
    CHECK(count(check.err, low_image_warning) == 1);
    CHECK(print.err == check.err);
    CHECK(fs::exists(dir / "print/c.pdf"));
    const auto screen =
        fixed_run({"render", "c.xml", "-q", "-f", "pdf", "-o", "screen"}, dir.path());
    CHECK(screen.status == 0);
    CHECK(screen.err.find("ppi") == std::string::npos);
    CHECK(count(screen.err, "U+2603") == 1); // the layout's own warning stays
    const auto plain = fixed_run({"check", "c.xml"}, dir.path());
    CHECK(plain.err.find("ppi") == std::string::npos);
}

TEST_CASE("preflight: --print with a standard x-4 cannot join is a usage error") {
    test::TempDir dir;
    test::write_file(dir / "c.xml", clean);
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const Case cases[] = {
        {{"check", "--print", "--pdf-standard", "1.7", "c.xml"},
         "chronik: --print with --pdf-standard '1.7' names '1.7' and 'x-4'; a PDF/X-4 file is "
         "PDF 1.6\n"},
        {{"check", "--pdf-standard", "none", "--print", "c.xml"},
         "chronik: --print with --pdf-standard 'none' names 'none' and 'x-4'; 'none' claims no "
         "standard and goes alone\n"},
        {{"check", "--print", "--pdf-standard", "a-2a,a-2b", "c.xml"},
         "chronik: --pdf-standard 'a-2a,a-2b' names two PDF/A levels"},
        {{"render", "--print", "c.xml"}, "chronik: unknown option '--print'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.args);
        const auto r = fixed_run(c.args, dir.path());
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(c.message) == 0, r.err);
    }
}

TEST_CASE("preflight: --print joins the standards --pdf-standard names") {
    test::TempDir dir;
    test::write_file(dir / "c.xml", low_image);
    fs::copy_file(images / "small.png", dir / "small.png");
    const auto r = fixed_run({"check", "--print", "--pdf-standard", "ua-1", "c.xml"}, dir.path());
    CHECK(r.status == 0);
    CHECK(count(r.err, low_image_warning) == 1);
}

namespace {

// A sheet (s.xml) whose lines the messages name: a booklet (line 2), a
// 5 pt caption in a blue of four inks (line 3), the title in all four inks
// at 100 % (its colour on line 5), a 5.5 pt grey footer (K alone: fine).
const std::string print_sheet = numbered({
    "<style name=\"t\">",
    "<print booklet=\"true\"/>",
    "<role name=\"caption\" size=\"5\" color=\"#0080c0\"/>",
    "<role name=\"title\"",
    "      color=\"cmyk(100%, 100%, 100%, 100%)\"/>",
    "<role name=\"footer\" size=\"5.5\" color=\"#777777\"/>",
    "</style>",
});

// Three pages: title, contents, one milestone with a captioned picture.
const std::string captioned = numbered({
    "<chronicle lang=\"de\"><title>Chronik</title>",
    "<period label=\"2000\">",
    "<milestone date=\"2000\"><title>Gründung</title>",
    "<p>Text</p>",
    "<image src=\"small.png\" alt=\"Ein Bild\"><caption>Eine Unterschrift</caption></image>",
    "</milestone></period></chronicle>",
});

void write_print_case(const test::TempDir& dir, const std::string& sheet) {
    test::write_file(dir / "s.xml", sheet);
    test::write_file(dir / "c.xml", captioned);
    fs::copy_file(images / "small.png", dir / "small.png");
}

} // namespace

TEST_CASE("preflight: small text on several plates, at the role's line in the sheet") {
    test::TempDir dir;
    write_print_case(dir, print_sheet);
    const auto r = fixed_run({"check", "--print", "-s", "s.xml", "c.xml"}, dir.path());
    CHECK(r.status == 0);
    // The inks are the output profile's (FOGRA39): four of them, each named.
    const std::string start = "s.xml:3: warning: role 'caption' sets 5 pt text in #0080c0, which "
                              "prints on 4 plates (C ";
    const auto at = r.err.find(start);
    REQUIRE_MESSAGE(at != std::string::npos, r.err);
    const auto line = r.err.substr(at, r.err.find('\n', at) - at);
    CHECK(line.find("; page 3): text under 6 pt blurs when the plates are out of register; give "
                    "it a colour of one ink (black or a grey prints on the black plate alone)") !=
          std::string::npos);
    CHECK(count(r.err, "sets 5 pt text") == 1); // one warning, however many words
    // The grey footer (the page numbers, 5.5 pt) is on the black plate alone.
    CHECK(r.err.find("'footer'") == std::string::npos);
}

TEST_CASE("preflight: a colour over 300 % total ink, at its colour's line") {
    test::TempDir dir;
    write_print_case(dir, print_sheet);
    const auto r = fixed_run({"check", "--print", "-s", "s.xml", "c.xml"}, dir.path());
    CHECK_MESSAGE(count(r.err, "s.xml:5: warning: role 'title' has the colour cmyk(100%, 100%, "
                               "100%, 100%), which prints with 400 % total ink (C 100 % M 100 % Y "
                               "100 % K 100 %), over the 300 % a press takes\n") == 1,
                  r.err);
    CHECK(count(r.err, "total ink") == 1);
}

TEST_CASE("preflight: a booklet's page count, and pad's blank pages with a note") {
    test::TempDir dir;
    write_print_case(dir, print_sheet);
    const auto r = fixed_run({"check", "--print", "-s", "s.xml", "c.xml"}, dir.path());
    CHECK(r.status == 0);
    CHECK_MESSAGE(count(r.err, "s.xml:2: warning: the booklet has 3 pages, not a multiple of 4, "
                               "which saddle stitching needs; 1 page short of 4 (pad=\"true\" "
                               "adds blank pages at the end)\n") == 1,
                  r.err);
    CHECK(r.out == "c.xml: ok (print PDF of 3 pages, 1 periods, 1 milestones, 3 warnings)\n");

    // pad="true": the print PDF gets a blank fourth page, said in a note.
    test::write_file(dir / "s.xml", std::string(print_sheet)
                                        .replace(print_sheet.find("booklet=\"true\""), 14,
                                                 "booklet=\"true\" pad=\"true\""));
    const auto padded = fixed_run({"check", "--print", "-s", "s.xml", "c.xml"}, dir.path());
    CHECK(padded.status == 0);
    CHECK_MESSAGE(count(padded.err, "s.xml:2: note: added 1 blank page at the end of the booklet: "
                                    "3 + 1 = 4 pages, a multiple of 4 for saddle stitching\n") == 1,
                  padded.err);
    CHECK(padded.err.find("the booklet has") == std::string::npos);
    // The note is no warning: two are left.
    CHECK(padded.out == "c.xml: ok (print PDF of 4 pages, 1 periods, 1 milestones, 2 warnings)\n");

    const auto render = fixed_run({"render", "c.xml", "-q", "-s", "s.xml", "-f", "pdf",
                                   "--pdf-standard", "ua-1,x-4", "-o", "out"},
                                  dir.path());
    REQUIRE(render.status == 0);
    CHECK(render.err == padded.err);
    test::require_tool("pdfinfo", "poppler-utils");
    const auto pdf = test::shell_quote((dir / "out/c.pdf").string());
    CHECK(test::shell("pdfinfo " + pdf + " | grep '^Pages:' | tr -s ' '").second == "Pages: 4\n");
    // Page 3 holds the milestone and its page number; page 4 nothing at all.
    CHECK(test::shell("pdftotext -f 3 -l 3 " + pdf + " - | tr -d ' \\n\\f'").second.find("Text") !=
          std::string::npos);
    CHECK(test::shell("pdftotext -f 4 -l 4 " + pdf + " - | tr -d ' \\n\\f'").second.empty());
    // Nothing on it is tagged (no marked content with an MCID, no
    // /StructParents): the structure tree ends on page 3.
    test::require_tool("qpdf", "qpdf");
    CHECK(test::shell("qpdf --check " + pdf + " >/dev/null; echo $?").second == "0\n");
    const auto tagged = test::shell(
        "/usr/bin/python3 -c \"import pikepdf, sys\n"
        "p = pikepdf.open(sys.argv[1])\n"
        "for pg in p.pages:\n"
        "    c = b''.join(s.read_bytes() for s in pg.obj.Contents.as_list()) "
        "if isinstance(pg.obj.Contents, pikepdf.Array) else pg.obj.Contents.read_bytes()\n"
        "    print(c.count(b'MCID') > 0, '/StructParents' in pg.obj)\" " +
        pdf);
    CHECK(tagged.first == 0);
    CHECK(tagged.second == "True True\nTrue True\nTrue True\nFalse False\n");
    // Padded output is reproducible like any other.
    const auto again = fixed_run({"render", "c.xml", "-q", "-s", "s.xml", "-f", "pdf",
                                  "--pdf-standard", "ua-1,x-4", "-o", "again"},
                                 dir.path());
    REQUIRE(again.status == 0);
    CHECK(test::read_file(dir / "again/c.pdf") == test::read_file(dir / "out/c.pdf"));
}

TEST_CASE("preflight: a cover photo at the trim without bleed, at the cover's line") {
    test::TempDir dir;
    test::write_file(
        dir / "c.xml",
        numbered({"<chronicle lang=\"de\"><title>Chronik</title>",
                  "<organization>Verein</organization>",
                  "<cover src=\"cover.png\" alt=\"Das Haus\"/>", "<period label=\"2000\">",
                  "<milestone date=\"2000\"><p>Text</p></milestone>", "</period></chronicle>"}));
    // 2600 x 1600 pixels: over 250 ppi across the page and its bleed.
    write_png(dir / "cover.png", 2600, 1600);
    test::write_file(dir / "bleed0.xml", "<style name=\"t\">\n<print bleed=\"0\"/>\n</style>\n");
    test::write_file(dir / "framed.xml",
                     "<style name=\"t\">\n<print cover=\"framed\"/>\n</style>\n");
    const auto none = fixed_run({"check", "--print", "-s", "bleed0.xml", "c.xml"}, dir.path());
    CHECK(none.status == 0);
    CHECK_MESSAGE(none.err == "c.xml:3: warning: image 'cover.png' touches the trim (top, right "
                              "and left edges, page 1) with no bleed past it (the style's <print "
                              "bleed> is 0; 3 mm is usual): trimming leaves a white edge\n",
                  none.err);
    // The default 3 mm: the design runs the cover 3 mm past the trim.
    const auto bleeds = fixed_run({"check", "--print", "c.xml"}, dir.path());
    CHECK_MESSAGE(bleeds.err.empty(), bleeds.err);
    // Framed inside the margins: it touches nothing.
    const auto framed = fixed_run({"check", "--print", "-s", "framed.xml", "c.xml"}, dir.path());
    CHECK_MESSAGE(framed.err.empty(), framed.err);
}

TEST_CASE("preflight: check --help names --print, its rules and its exit status") {
    test::TempDir dir;
    const auto r = fixed_run({"check", "--help"}, dir.path());
    CHECK(r.status == 0);
    CHECK(r.out.find("usage: chronik check FILE... [-s STYLE] [--pdf-standard LIST] [--print]") ==
          0);
    CHECK(r.out.find("With --print a chronicle is checked as its print PDF alone") !=
          std::string::npos);
    CHECK(r.out.find("exit status: 0 no errors (warnings allowed, preflight's too)") !=
          std::string::npos);
}
