// What chronik writes into its outputs and says to the user, through the
// binary: paths valid in each output's encoding, dates every output can
// hold, the PDF library's refusals told as being about the input, the
// documented limits checked before the work they guard, and `chronik
// check` reporting whatever `render` would. README, "Hardening";
// docs/format.md, "Limits".
#include "hostile_helpers.hpp"

#include "support/utf8.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <set>
#include <sstream>

using namespace chronik;
using namespace chronik::hostile;
using test::files_in;

namespace {

// Seconds a refusal may take: the limits are checked before the work, so
// this is short; the sanitizer build (ASAN_OPTIONS set) is slower.
double quick() {
    return std::getenv("ASAN_OPTIONS") ? 10.0 : 2.0;
}

Run run_with(const std::string& env, const std::vector<std::string>& args, const fs::path& cwd) {
    auto r = test::run_command("env " + test::shell_quote(env) + " timeout -k 5 120", args, cwd);
    return {r.status, std::move(r.out), std::move(r.err), 0};
}

// Every mention of the PDF library's codes comes after words about the
// input ("... cannot be written into the PDF: <reason> (libharu error ...)").
bool library_codes_explained(const std::string& err) {
    std::istringstream lines(err);
    std::string line;
    while (std::getline(lines, line)) {
        const auto code = line.find("libharu error");
        if (code == std::string::npos)
            continue;
        if (line.find(" cannot be ") == std::string::npos || line.find("PDF: ") == 0 ||
            line.find(" failed (libharu") != std::string::npos)
            return false;
    }
    return true;
}

// "%XX" back to bytes.
std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The error and warning lines of a run, as a set.
std::set<std::string> diagnostics(const std::string& err) {
    std::set<std::string> out;
    std::istringstream lines(err);
    std::string line;
    while (std::getline(lines, line))
        if (line.find(" error: ") != std::string::npos ||
            line.find(" warning: ") != std::string::npos)
            out.insert(line);
    return out;
}

} // namespace

TEST_CASE("messages: paths from a folder not named in UTF-8 are valid in every output") {
    test::TempDir dir;
    const std::string latin1 = "caf\xE9"; // "café" in Latin-1
    const fs::path book = dir / latin1;
    fs::create_directories(book / "images");
    const std::string picture = "a b(1)#2%41&amp;.png";
    fs::copy_file(images / "small.png", book / "images" / picture);
    test::write_file(book / "x.xml",
                     chronicle("<milestone date=\"2000\"><p>See <a "
                               "href=\"https://x.de/a(b)&lt;c&gt;]d&amp;copy;\\)\">this</a>.</p>"
                               "<image src=\"images/" +
                               std::string("a b(1)#2%41&amp;amp;.png") +
                               "\" alt=\"a]b\"/></milestone>"));
    fs::create_directories(dir / "out");
    const auto r = run({"render", latin1 + "/x.xml", "-q", "-o", "out"}, dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(sanitizers_quiet(r.err));

    // Markdown: UTF-8 throughout; the image's destination decodes to the
    // file's path from the output folder, byte for byte.
    const std::string md = test::read_file(dir / "out/x.md");
    CHECK_MESSAGE(!utf8::first_invalid(md), md);
    const auto at = md.find("![a\\]b](");
    REQUIRE_MESSAGE(at != std::string::npos, md);
    const auto from = at + 8;
    const auto to = md.find(')', from);
    const std::string dest = md.substr(from, to - from);
    CHECK(dest.find_first_of(" ()<>&#?") == std::string::npos);
    CHECK(dest == "../caf%E9/images/a%20b%281%29%232%2541%26amp;.png");
    const fs::path resolved = dir / "out" / percent_decode(dest);
    REQUIRE(fs::exists(resolved));
    CHECK(test::read_file(resolved) == test::read_file(images / "small.png"));
    // The link: nothing that ends it early or is read as markup.
    CHECK_MESSAGE(
        md.find("[this](https://x.de/a%28b%29%3Cc%3E]d\\&copy;%5C%29).") != std::string::npos, md);

    // DOCX: every part well-formed XML (xmllint), the picture's name kept.
    const fs::path parts = dir / "parts";
    REQUIRE(std::system(("unzip -q -o " + test::shell_quote((dir / "out/x.docx").string()) +
                         " -d " + test::shell_quote(parts.string()))
                            .c_str()) == 0);
    int checked = 0;
    for (const auto& e : fs::recursive_directory_iterator(parts)) {
        const auto ext = e.path().extension();
        if (ext != ".xml" && ext != ".rels")
            continue;
        CAPTURE(e.path().string());
        CHECK(std::system(("xmllint --noout " + test::shell_quote(e.path().string())).c_str()) ==
              0);
        CHECK(!utf8::first_invalid(test::read_file(e.path())));
        ++checked;
    }
    CHECK(checked >= 10);
    CHECK(test::read_file(parts / "word/document.xml").find("name=\"a b(1)#2%41&amp;amp;.png\"") !=
          std::string::npos);
    CHECK(test::read_file(parts / "word/_rels/document.xml.rels")
              .find("Target=\"https://x.de/a(b)%3Cc%3E]d&amp;copy;%5C)\"") != std::string::npos);
    // PDF: the link as the PDF holds it (qpdf --check reads it).
    CHECK(std::system(
              ("qpdf --check " + test::shell_quote((dir / "out/x.pdf").string()) + " > /dev/null")
                  .c_str()) == 0);
}

TEST_CASE("messages: SOURCE_DATE_EPOCH outside 1970..9999 is a usage error naming it") {
    test::TempDir dir;
    test::write_file(dir / "x.xml", chronicle(milestone("")));
    for (const std::string value :
         {"-1", "253402300800", "1e9", "12x", " 12", "99999999999999999999", "0x10"}) {
        for (const bool check : {false, true}) {
            CAPTURE(value);
            CAPTURE(check);
            fs::create_directories(dir / "out");
            const auto c =
                run_with("SOURCE_DATE_EPOCH=" + value,
                         check ? std::vector<std::string>{"check", "x.xml"}
                               : std::vector<std::string>{"render", "x.xml", "-o", "out"},
                         dir.path());
            CHECK(c.status == 2);
            CHECK_MESSAGE(c.err.find("SOURCE_DATE_EPOCH must be a whole number of seconds since "
                                     "1970 from 0 to 253402300799 (9999-12-31T23:59:59Z), not '" +
                                     value + "'") != std::string::npos,
                          c.err);
            CHECK(files_in(dir / "out").empty());
        }
    }
    test::write_file(
        dir / "jobs.xml",
        "<jobs version=\"1\" output=\"out\"><job name=\"a\" input=\"x.xml\" formats=\"md\" "
        "output=\"a\"/></jobs>\n");
    const auto b = run_with("SOURCE_DATE_EPOCH=253402300800", {"batch", "jobs.xml"}, dir.path());
    CHECK(b.status == 2);
    CHECK(b.err.find("SOURCE_DATE_EPOCH must be") != std::string::npos);
    CHECK(files_in(dir / "out").empty());

    // The last second is fine, and written with four digits everywhere.
    const auto ok = run_with("SOURCE_DATE_EPOCH=253402300799",
                             {"render", "x.xml", "-q", "-o", "out"}, dir.path());
    REQUIRE_MESSAGE(ok.status == 0, ok.err);
    const auto core = test::shell("unzip -p " + test::shell_quote((dir / "out/x.docx").string()) +
                                  " docProps/core.xml");
    CHECK(core.second.find(">9999-12-31T23:59:59Z</dcterms:created>") != std::string::npos);
    const auto info =
        test::shell("pdfinfo -isodates " + test::shell_quote((dir / "out/x.pdf").string()));
    CHECK_MESSAGE(info.second.find("9999-12-31T23:59:59") != std::string::npos, info.second);
}

TEST_CASE("messages: what the PDF library refuses is reported as being about the input") {
    // 40,000 links on pages of 2 pt type: more link areas on one page than
    // a PDF array holds. libharu's code follows the words, never alone.
    test::TempDir dir;
    std::string links;
    for (int i = 0; i < 40000; ++i)
        links += "<a href=\"https://a.de/" + std::to_string(i) + "\">a</a> ";
    test::write_file(dir / "links.xml",
                     chronicle("<milestone date=\"2000\"><p>" + links + "</p></milestone>"));
    test::write_file(dir / "small.xml",
                     "<style><role name=\"body\" size=\"2pt\" leading=\"2pt\"/></style>\n");
    fs::create_directories(dir / "out");
    const auto r =
        run({"render", "links.xml", "-f", "pdf", "-s", "small.xml", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        r.err.find("links.xml: error: the link target 'https://a.de/") != std::string::npos, r.err);
    CHECK(r.err.find(" cannot be written into the PDF: more items than one PDF array holds "
                     "(32767) (libharu error 0x1001, detail 0)") != std::string::npos);
    CHECK(library_codes_explained(r.err));
    CHECK(files_in(dir / "out").empty());
    CHECK(sanitizers_quiet(r.err));

    // Characters outside the font and the Basic Multilingual Plane in the
    // title, a bookmark and a link: warnings at most, never the library's
    // error (it used to fail later with 'get UTF-8 encoder failed').
    test::write_file(dir / "odd.xml",
                     "<chronicle lang=\"de\"><title>T \xF0\x9F\x98\x80 \xE2\x80\x8B</title>"
                     "<organization>\xEF\xBF\xBD</organization>"
                     "<period label=\"2000 \xF0\x9F\x98\x80\"><milestone date=\"2000\"><p><a "
                     "href=\"https://x.de/\xF0\x9F\x98\x80\">\xF0\x9F\x98\x80</a></p>"
                     "</milestone></period></chronicle>\n");
    const auto odd = run({"render", "odd.xml", "-q", "-f", "pdf", "-o", "out"}, dir.path());
    CHECK_MESSAGE(odd.status == 0, odd.err);
    CHECK(odd.err.find("libharu") == std::string::npos);
    REQUIRE(fs::exists(dir / "out/odd.pdf"));
    // And they are kept where the PDF holds text strings (libharu's own
    // encoder made spaces of them): the title and the bookmark.
    const std::string pdf = test::shell_quote((dir / "out/odd.pdf").string());
    const auto info = test::shell("pdfinfo " + pdf);
    CHECK_MESSAGE(info.second.find("T \xF0\x9F\x98\x80 \xE2\x80\x8B") != std::string::npos,
                  info.second);
    const auto json = test::shell("qpdf --json " + pdf);
    CHECK(json.second.find("\"u:2000 \xF0\x9F\x98\x80\"") != std::string::npos);
    CHECK(test::shell("qpdf --check " + pdf + " > /dev/null && echo ok").second == "ok\n");
}

TEST_CASE("messages: each documented limit, just over it, is refused quickly with its message") {
    test::TempDir dir;
    struct Case {
        std::string file, message;
        std::vector<std::string> formats;
    };
    std::vector<Case> cases;
    const std::vector<std::string> all = formats();
    const std::vector<std::string> pdf = {"pdf"};

    // File size: one byte over 16 MiB.
    std::string big = chronicle(milestone(""));
    big += std::string(16 * 1024 * 1024 + 1 - big.size(), ' ');
    test::write_file(dir / "big.xml", big);
    cases.push_back(
        {"big.xml",
         "big.xml: error: file is too large (16777217 bytes; the limit is 16777216 bytes)", all});
    // Nesting: 99 elements.
    std::string deep;
    for (int i = 0; i < 96; ++i)
        deep += "<em>";
    for (int i = 0; i < 96; ++i)
        deep += "</em>";
    test::write_file(dir / "deep.xml",
                     chronicle("<milestone date=\"2000\"><p>x" + deep + "</p></milestone>"));
    cases.push_back({"deep.xml",
                     "deep.xml:1:445: error: not well-formed XML: elements are nested too deeply "
                     "(at most 98 levels)",
                     all});
    // Attributes: 33.
    std::string attrs;
    for (int i = 0; i < 33; ++i)
        attrs += " a" + std::to_string(i) + "=\"\"";
    test::write_file(dir / "attrs.xml", "<chronicle" + attrs + "><title>T</title></chronicle>\n");
    cases.push_back(
        {"attrs.xml", "attrs.xml:1:1: error: <chronicle> has 33 attributes; the limit is 32", all});
    // Image file: one byte over 256 MiB (sparse: nothing is written).
    fs::copy_file(images / "small.png", dir / "padded.png");
    fs::resize_file(dir / "padded.png", 256ull * 1024 * 1024 + 1);
    test::write_file(dir / "padded.xml", with_image("padded.png"));
    cases.push_back({"padded.xml",
                     "padded.xml:1:79: error: image 'padded.png' is too large (268435457 bytes; "
                     "the limit is 268435456 bytes)",
                     all});
    // Image pixels: 10000x5000 claimed.
    fs::copy_file(regressions / "png-too-many-pixels.png", dir / "many.png");
    test::write_file(dir / "many.xml", with_image("many.png"));
    cases.push_back({"many.xml",
                     "many.xml:1:79: error: image 'many.png' is too large (10000x5000 pixels; the "
                     "limit is 40000000 pixels)",
                     all});
    // PDF strings: 65,536 bytes each, and the 10 MB period label of the issue.
    const std::string over(65536, 'x');
    test::write_file(dir / "title.xml",
                     "<chronicle><title>" + over + "</title>" + milestone("") + "</chronicle>");
    cases.push_back({"title.xml",
                     "title.xml: error: the title is 65536 bytes long; a PDF string holds at most "
                     "65535 bytes",
                     pdf});
    test::write_file(dir / "subtitle.xml", "<chronicle><title>T</title><subtitle>" + over +
                                               "</subtitle>" + milestone("") + "</chronicle>");
    cases.push_back({"subtitle.xml", "error: the subtitle is 65536 bytes long", pdf});
    test::write_file(dir / "org.xml", "<chronicle><title>T</title><organization>" + over +
                                          "</organization>" + milestone("") + "</chronicle>");
    cases.push_back({"org.xml", "error: the organization is 65536 bytes long", pdf});
    test::write_file(dir / "label.xml",
                     chronicle("\n<period label=\"" + over + "\">" + milestone("") + "</period>"));
    cases.push_back({"label.xml",
                     "label.xml:2: error: the bookmark 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                     "\u2026' is 65536 bytes long; a PDF string holds at most 65535 bytes",
                     pdf});
    test::write_file(dir / "huge-label.xml",
                     chronicle("\n<period label=\"" + std::string(10'000'000, 'x') + "\">" +
                               milestone("") + "</period>"));
    cases.push_back({"huge-label.xml", "huge-label.xml:2: error: the bookmark 'xxxx", pdf});
    // A link target longer than any format's limit (the PDF's 65535 bytes):
    // the chronicle's own cap (2083, uri::max_link_length) refuses it in
    // every format, counted as a URI ('ä' is %C3%A4).
    const std::string href = "https://x.de/" + std::string(65536 - 13 - 6, 'a') + "\xC3\xA4";
    test::write_file(dir / "link.xml", chronicle("<milestone date=\"2000\">\n<p><a href=\"" + href +
                                                 "\">x</a></p></milestone>"));
    cases.push_back(
        {"link.xml",
         "link.xml:2:7: error: the link target 'https://x.de/aaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "\u2026' is 65536 characters long; links may have at most 2083",
         all});

    for (const auto& c : cases) {
        for (const auto& format : c.formats) {
            CAPTURE(c.file);
            CAPTURE(format);
            const fs::path out = dir / ("out-" + format);
            fs::remove_all(out);
            fs::create_directories(out);
            const auto r =
                run({"render", c.file, "-f", format, "-o", out.string()}, dir.path(), 60);
            CHECK(r.status == 1);
            CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err.substr(0, 1000));
            CHECK(r.seconds < quick());
            CHECK(files_in(out).empty());
            CHECK(sanitizers_quiet(r.err));
        }
        // check finds it too; it renders the formats that take the input
        // (a 10 MB heading in DOCX and Markdown), so it may take longer.
        const auto k = run({"check", c.file}, dir.path(), 60);
        CHECK(k.status == 1);
        CHECK_MESSAGE(k.err.find(c.message) != std::string::npos, k.err.substr(0, 1000));
        CHECK(k.seconds < (c.formats.size() == 1 ? 5 : 1) * quick());
    }
    // Just under the PDF string limit is fine.
    test::write_file(dir / "fits.xml", "<chronicle><title>" + std::string(65535, 'x') + "</title>" +
                                           milestone("") + "</chronicle>");
    const auto fits = run({"render", "fits.xml", "-q", "-f", "pdf", "-o", "fits"}, dir.path());
    CHECK_MESSAGE(fits.status == 0, fits.err.substr(0, 1000));
}

TEST_CASE("messages: check reports what render refuses or warns about, and writes nothing") {
    test::TempDir dir;
    fs::create_directories(dir / "images");
    fs::copy_file(regressions / "tall.png", dir / "images/tall.png");
    fs::copy_file(regressions / "png-corrupt-deflate.png", dir / "images/corrupt.png");
    // Layout only: more pages than the limit.
    std::string pictures;
    for (int i = 0; i < 4200; ++i)
        pictures += "<image src=\"images/tall.png\" alt=\"\"/>";
    test::write_file(dir / "long.xml", chronicle(milestone(pictures)));
    // A picture that does not decode.
    test::write_file(dir / "corrupt.xml", with_image("images/corrupt.png"));
    // Too many links on a page for the PDF (with the small style below).
    std::string links;
    for (int i = 0; i < 40000; ++i)
        links += "<a href=\"https://a.de/" + std::to_string(i) + "\">a</a> ";
    test::write_file(dir / "links.xml",
                     chronicle("<milestone date=\"2000\"><p>" + links + "</p></milestone>"));
    // A character no installed font has: a warning, not an error.
    test::write_file(dir / "glyph.xml",
                     chronicle("<milestone date=\"2000\"><p>x \xF0\x9F\x98\x80</p></milestone>"));
    test::write_file(dir / "small.xml",
                     "<style><role name=\"body\" size=\"2pt\" leading=\"2pt\"/></style>\n");
    test::write_file(dir / "nofont.xml",
                     "<style><role name=\"body\" family=\"Nonexistent Sans 4711\"/></style>\n");
    const std::vector<std::tuple<std::string, std::vector<std::string>, int>> cases = {
        {"long.xml", {}, 1},
        {"corrupt.xml", {}, 1},
        {"links.xml", {"-s", "small.xml"}, 1},
        {"glyph.xml", {}, 0},
        {"glyph.xml", {"-s", "nofont.xml"}, 0},
    };
    for (const auto& [file, style, status] : cases) {
        CAPTURE(file);
        CAPTURE(style.size());
        fs::remove_all(dir / "out");
        fs::create_directories(dir / "out");
        std::vector<std::string> args = {"render", file, "-o", "out"};
        args.insert(args.end(), style.begin(), style.end());
        const auto r = run(args, dir.path());
        CHECK(r.status == status);
        std::vector<std::string> check = {"check", file};
        check.insert(check.end(), style.begin(), style.end());
        const auto before = files_in(dir.path());
        const auto c = run(check, dir.path());
        CHECK(c.status == status);
        CHECK_MESSAGE(diagnostics(c.err) == diagnostics(r.err), "render:\n"
                                                                    << r.err.substr(0, 2000)
                                                                    << "\ncheck:\n"
                                                                    << c.err.substr(0, 2000));
        CHECK(!diagnostics(c.err).empty());
        CHECK(files_in(dir.path()) == before);
        CHECK(sanitizers_quiet(c.err));
        if (status == 0)
            CHECK(c.out.find(file + ": ok (") != std::string::npos);
    }
    // The page limit, named as render names it.
    const auto c = run({"check", "long.xml"}, dir.path());
    CHECK(c.err.find("long.xml: error: the document would have more than 2000 pages") !=
          std::string::npos);
    // A job file: each job rendered as batch would, into memory.
    test::write_file(dir / "jobs.xml",
                     "<jobs version=\"1\" output=\"out-jobs\">"
                     "<job name=\"ok\" input=\"glyph.xml\" formats=\"md\" output=\"ok\"/>"
                     "<job name=\"long\" input=\"long.xml\" formats=\"pdf\" output=\"long\"/>"
                     "</jobs>\n");
    const auto j = run({"check", "jobs.xml"}, dir.path());
    CHECK(j.status == 1);
    CHECK_MESSAGE(j.err.find("long.xml: error: the document would have more than 2000 pages") !=
                      std::string::npos,
                  j.err);
    CHECK(!fs::exists(dir / "out-jobs"));
    // A style sheet that is not one: a usage of -s, refused before any file.
    test::write_file(dir / "broken.xml", "<style><role name=\"body\" size=\"12pt\"></style>");
    const auto b = run({"check", "glyph.xml", "-s", "broken.xml"}, dir.path());
    CHECK(b.status == 1);
    CHECK(b.err.find("broken.xml:1: error: not well-formed XML") != std::string::npos);
    // The help says what check does, and that it takes about as long as render.
    const auto h = run({"check", "--help"}, dir.path());
    CHECK(h.out.find("rendered in every") != std::string::npos);
    CHECK(h.out.find("-s, --style STYLE") != std::string::npos);
}
