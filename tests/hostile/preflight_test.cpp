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

// small.png (64 x 48) at line 5, set at its pixels' natural 150 ppi; a
// snowman (no glyph in Charis SIL) at line 4 and again at line 6.
const std::string low_image = numbered({
    "<chronicle lang=\"de\"><title>Chronik</title>",
    "<period label=\"2000\">",
    "<milestone date=\"2000\"><title>Gründung</title>",
    "<p>Ein Schneemann: \u2603</p>",
    "<image src=\"small.png\" alt=\"Ein Bild\"/>",
    "<p>Noch einer: \u2603</p>",
    "</milestone></period></chronicle>",
});

const std::string low_image_warning =
    "c.xml:5: warning: image 'small.png' has 150 ppi at its placed size (64 x 48 pixels on "
    "10.8 x 8.1 mm, page 3), under the 250 ppi print needs";

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
