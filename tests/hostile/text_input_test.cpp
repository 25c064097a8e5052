// Text as it enters chronik, through the binary: the chronicle, the style
// sheet, the job file and the command line, and the C libraries that read
// that text (libunibreak, libhyphen). Issue #11; docs/format.md, "Text".
// Every refusal exits 1 (bad input) or 2 (usage error) and writes nothing;
// nothing may abort, and under `make test` no sanitizer may speak.
#include "hostile_helpers.hpp"

#include "layout/paragraph.hpp"
#include "support/utf8.hpp"
#include "text/font_set.hpp"
#include "text/hyphenator.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;
using test::files_in;

namespace {

const std::string de_flag = "\U0001F1E9\U0001F1EA"; // 🇩🇪
const std::string fr_flag = "\U0001F1EB\U0001F1F7"; // 🇫🇷

// `args` fail as a usage error: exit 2, a message naming the problem,
// nothing written in `dir` (the working folder) or its output folder.
void expect_usage_error(const fs::path& dir, const std::vector<std::string>& args,
                        const std::string& message) {
    CAPTURE(args);
    const fs::path out = dir / "usage-out";
    fs::remove_all(out);
    fs::create_directories(out);
    const auto before = files_in(dir);
    const auto r = run(args, out);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find(message) != std::string::npos, r.err);
    CHECK(files_in(out).empty());
    CHECK(files_in(dir) == before);
    CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
}

// The Markdown chronik writes for `input` with `extra` arguments.
std::string markdown_of(const fs::path& dir, const std::string& input,
                        const std::vector<std::string>& extra = {}) {
    const fs::path out = dir / "md-out";
    fs::remove_all(out);
    std::vector<std::string> args = {"render", input, "-q", "-f", "md", "-o", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args, dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto written = files_in(out);
    REQUIRE(written.size() == 1);
    return test::read_file(out / written[0]);
}

} // namespace

TEST_CASE("text input: flag emoji everywhere are set, in every format (libunibreak 1.1 aborted)") {
    test::TempDir dir;
    // Flags in the title, a period label, a milestone title, text, a link,
    // a caption; a lone regional indicator and an odd run of them; flags
    // between letters, in a word to hyphenate, beside punctuation.
    const std::string third = "\U0001F1E9";
    test::write_file(
        dir / "flags.xml",
        "<chronicle lang=\"de\"><title>Chronik " + de_flag + "</title><subtitle>" + fr_flag +
            "</subtitle><period label=\"2000 " + de_flag + "\"><milestone date=\"2000\"><title>" +
            de_flag + fr_flag + "</title><p>Flag " + de_flag + " x, Informationssicherheit" +
            de_flag + "Kinderbetreuungsplätzen (" + fr_flag + ") " + third + " " + de_flag + third +
            " <a href=\"https://example.org\">" + de_flag + "</a> <em>" + fr_flag +
            "</em>.</p><image src=\"small.png\" alt=\"" + de_flag + "\"><caption>" + de_flag +
            " Bild</caption></image></milestone></period>"
            "</chronicle>\n");
    fs::copy_file(images / "small.png", dir / "small.png");
    expect_rendered(dir.path(), "flags.xml");
    expect_rendered(dir.path(), "flags.xml", {"--title", "Titel " + de_flag + fr_flag});
    CHECK(markdown_of(dir.path(), "flags.xml", {"--title", "T " + de_flag}).find("T " + de_flag) !=
          std::string::npos);
    // The English patterns and the other designs take the same path.
    expect_rendered(dir.path(), "flags.xml", {"--lang", "en", "-s", "booklet"});
    expect_rendered(dir.path(), "flags.xml", {"-s", "factsheet"});
}

TEST_CASE("text input: a paragraph of every kind of character is set in every format") {
    test::TempDir dir;
    // One character of each line-break class libunibreak 1.1 tells apart,
    // combining marks, joiners, emoji, CJK, Hangul, Thai, right-to-left
    // letters, the last code points of planes, U+FFFD written out.
    std::string text;
    for (const char32_t c :
         {U'!',      U'"',          U'#',          U'$',          U'%',          U'(',
          U')',      U',',          U'-',          U'/',          U'0',          U'}',
          U'\u00A0', U'\u00AD',     U'\u00B4',     U'\u0301',     U'\u05D0',     U'\u0627',
          U'\u0E01', U'\u1100',     U'\u1160',     U'\u11A8',     U'\u200B',     U'\u200D',
          U'\u2014', U'\u2024',     U'\u2028',     U'\u2029',     U'\u2060',     U'\u231A',
          U'\u3000', U'\u3041',     U'\u4E00',     U'\uAC00',     U'\uAC01',     U'\uFFFC',
          U'\uFFFD', U'\U0001F600', U'\U0001F1E6', U'\U00020000', U'\U0010FFFD', U'\U000E0001'}) {
        utf8::append(text, c);
        text += "a";
        utf8::append(text, c);
        utf8::append(text, c);
        text += " ";
    }
    test::write_file(dir / "kinds.xml", chronicle("<milestone date=\"2000\"><title>" + text +
                                                  "</title><p>" + text + "</p></milestone>"));
    expect_rendered(dir.path(), "kinds.xml");
    expect_rendered(dir.path(), "kinds.xml", {"--title", text});
}

TEST_CASE("text input: characters XML or chronik refuse, raw and as references") {
    test::TempDir dir;
    struct Case {
        std::string body;
        std::string message;
    };
    // chronicle("...") puts the body after 37 characters of line 1.
    const std::vector<Case> cases = {
        {"<milestone date=\"2000\"><p>a\u0085b</p></milestone>",
         "c.xml:1:65: error: control character U+0085 is not allowed (chronik refuses control "
         "characters other than tab and line breaks)"},
        {"<milestone date=\"2000\"><p>a\u0080</p></milestone>", "control character U+0080"},
        {"<milestone date=\"2000\"><p>a\u009F</p></milestone>", "control character U+009F"},
        {"<milestone date=\"2000\"><p>a\x7F</p></milestone>", "control character U+007F"},
        {"<milestone date=\"2000\" category=\"a\u0085\"><p>x</p></milestone>",
         "control character U+0085"},
        {"<milestone date=\"2000\"><p>&#x85;</p></milestone>",
         "c.xml:1:64: error: character reference '&#x85;' names control character U+0085"},
        {"<milestone date=\"2000\"><p>&#133;</p></milestone>",
         "character reference '&#133;' names control character U+0085"},
        {"<milestone date=\"2000\"><p>&#x7f;</p></milestone>", "names control character U+007F"},
        {"<milestone date=\"2000\"><p>&#x9F;</p></milestone>", "names control character U+009F"},
        {"<milestone date=\"2000\"><p>\x01</p></milestone>",
         "character U+0001 is not allowed in XML"},
        {"<milestone date=\"2000\"><p>\uFFFF</p></milestone>",
         "character U+FFFF is not allowed in XML"},
        {"<milestone date=\"2000\"><p>&#xFFFF;</p></milestone>",
         "character reference '&#xFFFF;' names a character XML does not allow"},
        {"<milestone date=\"2000\"><p>&#x110000;</p></milestone>",
         "character reference '&#x110000;' lies past U+10FFFF"},
        {"<milestone date=\"2000\"><p>&#x100000041;</p></milestone>",
         "character reference '&#x100000041;' lies past U+10FFFF"},
        {"<milestone date=\"2000\"><p>&#xDFFF;</p></milestone>",
         "names a character XML does not allow"},
        {"<milestone date=\"2000\"><p>&#" + std::string(1000000, '7') + ";</p></milestone>",
         "character reference '&#7777777777...' lies past U+10FFFF"},
    };
    for (const auto& c : cases) {
        test::write_file(dir / "c.xml", chronicle(c.body));
        expect_refused(dir.path(), "c.xml", c.message);
    }
    // Tab, line feed and carriage return, raw and as references, are white space.
    test::write_file(dir / "ok.xml", chronicle("<milestone date=\"2000\"><p>a\tb&#9;c&#10;d&#13;e"
                                               "</p></milestone>"));
    expect_rendered(dir.path(), "ok.xml");
}

TEST_CASE("text input: character references with leading zeros are read by their value") {
    test::TempDir dir;
    test::write_file(dir / "zeros.xml",
                     chronicle("<milestone date=\"2000\"><p>&#x000000041;&#00000000066;&#x" +
                               std::string(100000, '0') +
                               "43;&#x0001F1E9;&#x1f1ea;</p>"
                               "</milestone>"));
    expect_rendered(dir.path(), "zeros.xml");
    CHECK(markdown_of(dir.path(), "zeros.xml").find("ABC" + de_flag) != std::string::npos);
}

TEST_CASE("text input: processing instructions anywhere are ignored, the declaration only first") {
    test::TempDir dir;
    test::write_file(dir / "pi.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet href=\"s.css\"?>"
                     "\n<chronicle lang=\"de\"><?app note?><title>T<?x?>itel</title>\n"
                     "<milestone date=\"2000\"><?foo bar?><p>Vor<?pi\n?>her <?q?> nachher "
                     "<em>a</em><?r?> <strong>b</strong><!-- c --> <em>d</em></p>"
                     "</milestone></chronicle>\n<?after the root?>\n");
    expect_rendered(dir.path(), "pi.xml");
    const auto md = markdown_of(dir.path(), "pi.xml");
    CHECK(md.find("Titel") != std::string::npos);
    CHECK(md.find("Vorher nachher *a* **b** *d*") != std::string::npos);
    CHECK(md.find("foo") == std::string::npos);
    test::write_file(dir / "decl.xml",
                     chronicle("<milestone date=\"2000\">\n<?xml version=\"1.0\"?><p>x</p>"
                               "</milestone>"));
    expect_refused(dir.path(), "decl.xml",
                   "decl.xml:2:1: error: an XML declaration (<?xml ...?>) may only stand at the "
                   "very start of the file");
    test::write_file(dir / "noname.xml",
                     chronicle("<milestone date=\"2000\"><? x?><p>x</p></milestone>"));
    expect_refused(dir.path(), "noname.xml",
                   "malformed processing instruction: a name must follow '<?'");
    test::write_file(dir / "open.xml", chronicle("<milestone date=\"2000\"><?x <p>x</p>"));
    expect_refused(dir.path(), "open.xml", "unterminated processing instruction (no '?>')");
}

TEST_CASE("text input: errors name the right line with LF, CR LF and CR line ends") {
    test::TempDir dir;
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string name = eol == "\n" ? "lf" : eol == "\r" ? "cr" : "crlf";
        CAPTURE(name);
        // Chronicle: an unknown entity on line 5, column 7; an unknown
        // element on line 6 (the reader's check, through tinyxml2's lines).
        test::write_file(dir / (name + ".xml"),
                         "<?xml version=\"1.0\"?>" + eol + "<chronicle lang=\"de\">" + eol +
                             "<title>T</title>" + eol + "<milestone date=\"2000\">" + eol +
                             "<p>ab &nbsp;</p>" + eol + "<bogus/></milestone></chronicle>" + eol);
        expect_refused(dir.path(), name + ".xml", name + ".xml:5:7: error: unknown entity");
        test::write_file(dir / (name + "-2.xml"),
                         "<chronicle lang=\"de\">" + eol + "<title>T</title>" + eol + eol +
                             "<milestone date=\"2000\"><p>x</p>" + eol + "  <bogus/>" + eol +
                             "</milestone></chronicle>" + eol);
        expect_refused(dir.path(), name + "-2.xml", name + "-2.xml:5:3: error:");
        // Style sheet: an error on line 3.
        test::write_file(dir / (name + "-style.xml"), "<style name=\"x\" version=\"1\">" + eol +
                                                          eol + "  <page bogus=\"1\"/>" + eol +
                                                          "</style>" + eol);
        test::write_file(dir / "ok.xml", chronicle(milestone("")));
        expect_refused(dir.path(), "ok.xml", name + "-style.xml:3:9: error: unknown attribute",
                       {"-s", name + "-style.xml"});
        // Job file: an error on line 4, from chronik check and chronik batch.
        test::write_file(dir / (name + "-jobs.xml"),
                         "<?xml version=\"1.0\"?>" + eol + "<jobs version=\"1\">" + eol + eol +
                             "  <job name=\"a\" input=\"ok.xml\" bogus=\"1\"/>" + eol + "</jobs>" +
                             eol);
        auto r = run({"check", name + "-jobs.xml"}, dir.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(r.err.find(name + "-jobs.xml:4:") != std::string::npos, r.err);
        r = run({"batch", name + "-jobs.xml", "-o", (dir / "batch-out").string()}, dir.path());
        CHECK(r.status == 1);
        CHECK_MESSAGE(r.err.find(name + "-jobs.xml:4:") != std::string::npos, r.err);
        CHECK((!fs::exists(dir / "batch-out") || files_in(dir / "batch-out").empty()));
    }
}

TEST_CASE("text input: controls in style sheets and job files are refused like in chronicles") {
    test::TempDir dir;
    test::write_file(dir / "ok.xml", chronicle(milestone("")));
    test::write_file(dir / "style.xml", "<style name=\"x\u0085\" version=\"1\">\n</style>\n");
    expect_refused(dir.path(), "ok.xml", "style.xml:1:15: error: control character U+0085",
                   {"-s", "style.xml"});
    test::write_file(dir / "ref-style.xml", "<style name=\"&#x9F;\" version=\"1\">\n</style>\n");
    expect_refused(dir.path(), "ok.xml", "ref-style.xml:1:14: error: character reference '&#x9F;'",
                   {"-s", "ref-style.xml"});
    test::write_file(dir / "jobs.xml", "<jobs version=\"1\">\n  <job name=\"a\" input=\"ok.xml\" "
                                       "title=\"T\u0085\"/>\n</jobs>\n");
    auto r = run({"check", "jobs.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("jobs.xml:2:40: error: control character U+0085") != std::string::npos,
                  r.err);
    r = run({"batch", "jobs.xml", "-o", (dir / "batch-out").string()}, dir.path());
    CHECK(r.status == 1);
    CHECK((!fs::exists(dir / "batch-out") || files_in(dir / "batch-out").empty()));
}

TEST_CASE("text input: --title is checked like text: UTF-8, no controls, not blank") {
    test::TempDir dir;
    test::write_file(dir / "ok.xml", chronicle(milestone("")));
    struct Case {
        std::string title;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"\xFF\xFE", "--title '\\xFF\\xFE' is not UTF-8 (byte 0xFF)"},
        {"Titel \xC3", "--title 'Titel \\xC3' is not UTF-8 (byte 0xC3)"},
        {"a\xED\xA0\x80", "is not UTF-8 (byte 0xED)"},
        {"a\xC0\xAF", "is not UTF-8 (byte 0xC0)"},
        {"a\u0085b", "--title 'a\\u0085b' contains control character U+0085"},
        {"a\u009Fb", "contains control character U+009F"},
        {"a\x7F", "--title 'a\\x7F' contains control character U+007F"},
        {"a\tb", "--title 'a\\tb' contains control character U+0009"},
        {"a\nb", "--title 'a\\nb' contains control character U+000A"},
        {"a\x1B[31m", "--title 'a\\x1B[31m' contains control character U+001B"},
        {"", "--title is empty"},
        {" ", "--title ' ' is only white space"},
        {"\u00A0\u3000", "is only white space"},
    };
    for (const auto& c : cases)
        for (const auto& format : formats())
            expect_usage_error(
                dir.path(), {"render", (dir / "ok.xml").string(), "-f", format, "--title", c.title},
                c.message);
    expect_usage_error(dir.path(), {"render", (dir / "ok.xml").string(), "--title="},
                       "--title is empty");
}

TEST_CASE("text input: empty, blank and comma-only values are usage errors in every command") {
    test::TempDir dir;
    test::write_file(dir / "ok.xml", chronicle(milestone("")));
    const std::string ok = (dir / "ok.xml").string();
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    std::vector<Case> cases = {
        {{"render", ok, "-f", ""}, "--format is empty"},
        {{"render", ok, "-f", ",,"}, "--format ',,' has an empty item"},
        {{"render", ok, "-f", ","}, "has an empty item"},
        {{"render", ok, "-f", " "}, "--format ' ' is only white space"},
        {{"render", ok, "-f", "md,"}, "--format 'md,' has an empty item"},
        {{"render", ok, "-f", "md,,pdf"}, "has an empty item"},
        {{"render", ok, "-f", "md", "-f", ""}, "--format is empty"},
        {{"render", ok, "--format="}, "--format is empty"},
        {{"render", ok, "-f", "m\u0085d"}, "contains control character U+0085"},
        {{"render", ok, "-s", ""}, "--style is empty"},
        {{"render", ok, "-s", " \t"}, "contains control character U+0009"},
        {{"render", ok, "-s", "  "}, "--style '  ' is only white space"},
        {{"render", ok, "-o", ""}, "--output is empty"},
        {{"render", ok, "-o", " "}, "--output ' ' is only white space"},
        {{"render", ok, "-o", "a\nb"}, "--output 'a\\nb' contains control character U+000A"},
        {{"render", ok, "--category", ""}, "--category is empty"},
        {{"render", ok, "--category", ",,"}, "--category ',,' has an empty item"},
        {{"render", ok, "--category", " , "}, "has an empty item"},
        {{"render", ok, "--category", "a\xFF"}, "--category 'a\\xFF' is not UTF-8"},
        {{"render", ok, "--lang", ""}, "--lang '' is not a BCP 47 language tag"},
        {{"render", ok, "--lang", " "}, "is not a BCP 47 language tag"},
        {{"render", ok, "--order", ""}, "--order '' is not one of"},
        {{"render", ok, "--from", ""}, "--from needs a year"},
        {{"render", ok, "--to", " "}, "--to needs a year"},
        {{"render", ""}, "the FILE argument is empty"},
        {{"render", " "}, "the FILE argument ' ' is only white space"},
        {{"render", ok, "a\x01"}, "the FILE argument 'a\\x01' contains control character U+0001"},
        {{"check", ""}, "the FILE argument is empty"},
        {{"check", ok, " "}, "is only white space"},
        {{"batch", ""}, "the FILE argument is empty"},
        {{"batch", ok, "-o", ""}, "--output is empty"},
        {{"batch", ok, "-o", "\t"}, "contains control character U+0009"},
        {{"batch", ok, "-j", ""}, "-j needs a number of jobs"},
        {{"batch", ok, "-j", " "}, "-j needs a number of jobs"},
    };
    for (const auto& c : cases)
        expect_usage_error(dir.path(), c.args, c.message);
    // Spaces around list items are dropped: "md, pdf" is two formats.
    const auto r =
        run({"render", ok, "-q", "-f", "md, pdf", "-o", (dir / "two").string()}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(files_in(dir / "two").size() == 2);
    // A path need not be UTF-8 (file names are bytes): it is still taken.
    const auto latin1 =
        run({"render", ok, "-q", "-f", "md", "-o", (dir / "caf\xE9").string()}, dir.path());
    CHECK_MESSAGE(latin1.status == 0, latin1.err);
    CHECK(files_in(dir / "caf\xE9").size() == 1);
}

TEST_CASE("text input: set_paragraph reads no byte past its text, whatever the bytes") {
    // --title with a truncated UTF-8 sequence at its end overflowed a heap
    // buffer here (under ASan); the command line refuses it now, and the
    // decoding (utf8::next) no longer trusts its input either.
    text::FontSet fonts;
    Diagnostics d;
    const auto hyphenator = text::Hyphenator::for_language("de");
    layout::TypesetContext ctx{fonts, hyphenator.get(), "de", "t.xml", d, {}};
    layout::ParagraphStyle ps;
    ps.font = {"Charis SIL", false, false};
    ps.size = layout::pt(10);
    ps.leading = layout::pt(13);
    ps.align = style::Align::Justify;
    for (const std::string bad :
         {"Titel \xC3", "\xE2\x82", "Informationssicherheit\xF0\x9F\x87", "\xFF\xFE",
          "a \xC0\xAF b \xED\xA0\x80 c", "\x80\x80\x80 Kinderbetreuungspl\xC3\xA4tzen \xDF::"}) {
        CAPTURE(bad);
        const auto set = layout::set_paragraph({model::Text{bad + " " + de_flag + fr_flag, 1}}, ps,
                                               layout::pt(60), ctx);
        CHECK_FALSE(set.lines.empty());
    }
}
