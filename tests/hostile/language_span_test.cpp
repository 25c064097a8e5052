// Passages in another language (<span lang>, issue #12) through the
// binary, in every registered format: bad tags are refused at their place
// and nothing is written; deep nesting, spans around links around spans,
// thousands of languages in one paragraph and languages chronik has no
// patterns for are rendered, and quickly. docs/format.md, "A passage in
// another language".
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;
using test::files_in;

namespace {

// A chronicle whose one paragraph is `p` (the paragraph's text starts at
// column 64 of line 1).
std::string paragraph(const std::string& p) {
    return chronicle("<milestone date=\"2000\"><p>" + p + "</p></milestone>");
}

// The outputs of `input` in `dir`/out-all, every format in one run.
struct Outputs {
    std::string md, docx_document, pdf_text;
};

Outputs render_all(const fs::path& dir, const std::string& input) {
    test::require_tool("unzip", "unzip");
    test::require_tool("pdftotext", "poppler-utils");
    const fs::path out = dir / "out-all";
    fs::remove_all(out);
    const auto r = run({"render", input, "-q", "-o", out.string()}, dir);
    REQUIRE_MESSAGE(r.status == 0, r.err.substr(0, 2000));
    CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
    const std::string base = fs::path(input).stem().string();
    Outputs o;
    o.md = test::read_file(out / (base + ".md"));
    o.docx_document =
        test::shell("unzip -p " + test::shell_quote((out / (base + ".docx")).string()) +
                    " word/document.xml")
            .second;
    o.pdf_text = test::shell("pdftotext -enc UTF-8 " +
                             test::shell_quote((out / (base + ".pdf")).string()) + " -")
                     .second;
    return o;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size()))
        ++n;
    return n;
}

} // namespace

TEST_CASE("language span: bad or missing tags and unknown attributes are refused at their place, "
          "in every format") {
    test::TempDir dir;
    struct Case {
        const char* name;
        std::string p;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"missing", "a <span>b</span>",
         "missing.xml:1:66: error: <span> needs a lang attribute (the passage's language, for "
         "example lang=\"en\")"},
        {"empty", "a <span lang=\"\">b</span>",
         "empty.xml:1:72: error: lang '' is not a BCP 47 language tag (for example de, en, "
         "de-AT)"},
        {"blank", "<span lang=\" \">b</span>", "blank.xml:1:70: error: lang ' ' is not a BCP 47"},
        {"underscore", "<span lang=\"en_US\">b</span>",
         "underscore.xml:1:70: error: lang 'en_US' is not a BCP 47 language tag"},
        {"digits", "<span lang=\"12\">b</span>",
         "digits.xml:1:70: error: lang '12' is not a BCP 47 language tag"},
        {"one-letter", "<span lang=\"e\">b</span>",
         "one-letter.xml:1:70: error: lang 'e' is not a BCP 47 language tag"},
        {"empty-subtag", "<span lang=\"en--us\">b</span>",
         "empty-subtag.xml:1:70: error: lang 'en--us' is not a BCP 47 language tag"},
        {"long-subtag", "<span lang=\"en-abcdefghi\">b</span>",
         "long-subtag.xml:1:70: error: lang 'en-abcdefghi' is not a BCP 47 language tag"},
        {"non-ascii", "<span lang=\"d\xC3\xA9\">b</span>",
         "non-ascii.xml:1:70: error: lang 'd\xC3\xA9' is not a BCP 47 language tag"},
        {"path", "<span lang=\"../../etc/passwd\">b</span>",
         "path.xml:1:70: error: lang '../../etc/passwd' is not a BCP 47 language tag"},
        {"attribute", "<span lang=\"en\" xml:lang=\"en\">b</span>",
         "attribute.xml:1:80: error: unknown attribute 'xml:lang' on <span> (allowed: lang)"},
        {"deep-bad",
         "<span lang=\"en\"><em><span lang=\"fr\"><a href=\"https://a.de\"><span "
         "lang=\"x!\">b</span></a></span></em></span>",
         "deep-bad.xml:1:129: error: lang 'x!' is not a BCP 47 language tag"},
        {"link-in-link",
         "<a href=\"https://a.de\"><span lang=\"en\"><a "
         "href=\"https://b.de\">b</a></span></a>",
         "link-in-link.xml:1:103: error: a link cannot contain another link"},
    };
    for (const auto& c : cases) {
        const std::string file = std::string(c.name) + ".xml";
        test::write_file(dir / file, paragraph(c.p));
        expect_refused(dir.path(), file, c.message);
    }
    // Not in the chronicle's plain-text title either.
    test::write_file(dir / "title.xml", "<chronicle lang=\"de\"><title>T <span "
                                        "lang=\"en\">x</span></title>" +
                                            milestone("") + "</chronicle>\n");
    expect_refused(dir.path(), "title.xml",
                   "title.xml:1:31: error: <title> holds plain text only; <span> is not allowed");
    // A tag longer than a PDF string: the PDF refuses it by name, the
    // flowing formats take it.
    std::string tag = "en";
    while (tag.size() < 70000)
        tag += "-abcdefgh";
    test::write_file(dir / "long.xml", paragraph("<span lang=\"" + tag + "\">b</span>"));
    fs::create_directories(dir / "out");
    const auto r = run({"render", "long.xml", "-f", "pdf", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("long.xml:1: error: the language tag 'en-abcdefgh-abcdefgh-abcdefgh-"
                             "abcdefgh-a\u2026' is 70004 bytes long; a PDF string holds at most "
                             "65535 bytes") != std::string::npos,
                  r.err.substr(0, 1000));
    CHECK(files_in(dir / "out").empty());
    for (const auto* format : {"md", "docx"}) {
        CAPTURE(format);
        const auto ok = run({"render", "long.xml", "-q", "-f", format, "-o", "other"}, dir.path());
        CHECK_MESSAGE(ok.status == 0, ok.err.substr(0, 1000));
    }
}

TEST_CASE("language span: a span around a link around a span, in every format") {
    test::TempDir dir;
    test::write_file(dir / "around.xml",
                     "<chronicle lang=\"de\"><title>T</title><milestone date=\"2018-05\">"
                     "<title>Titel <span lang=\"en\">Digital <em>City</em></span></title>"
                     "<p>Vor <span lang=\"en\">outer <a href=\"https://example.org\">link "
                     "<span lang=\"fr\">intérieur</span> text</a> after</span> nach.</p>"
                     "<p><a href=\"https://example.org/b\"><span lang=\"en-GB\">colour</span> "
                     "<span lang=\"de\">Farbe</span></a></p></milestone></chronicle>\n");
    expect_rendered(dir.path(), "around.xml");
    const auto o = render_all(dir.path(), "around.xml");
    // Markdown keeps the text and the link, and no language markup.
    CHECK(o.md.find("Vor outer [link intérieur text](https://example.org) after nach.") !=
          std::string::npos);
    CHECK(o.md.find("Titel Digital *City*") != std::string::npos);
    CHECK(o.md.find("span") == std::string::npos);
    CHECK(o.md.find("lang") == std::string::npos);
    // DOCX: each language on its runs.
    // Digital, City, outer, link, text, after.
    CHECK(count(o.docx_document, "<w:lang w:val=\"en-US\"/>") == 6);
    CHECK(count(o.docx_document, "<w:lang w:val=\"fr-FR\"/>") == 1);
    CHECK(count(o.docx_document, "<w:lang w:val=\"en-GB\"/>") == 1);
    CHECK(count(o.docx_document, "<w:lang w:val=\"de-DE\"/>") == 1);
    CHECK(o.docx_document.find("<w:lang w:val=\"fr-FR\"/></w:rPr><w:t>intérieur</w:t>") !=
          std::string::npos);
    // PDF: the words, in order.
    CHECK(o.pdf_text.find("Vor outer link intérieur text after nach.") != std::string::npos);
    CHECK(o.pdf_text.find("colour Farbe") != std::string::npos);
}

TEST_CASE("language span: 90 nested spans in alternating languages are rendered, past the "
          "nesting limit refused") {
    test::TempDir dir;
    const char* langs[] = {"en", "fr", "de", "en-GB", "tlh"};
    std::string deep;
    for (int i = 0; i < 90; ++i)
        deep += std::string("<span lang=\"") + langs[i % 5] + "\">w" + std::to_string(i) + " ";
    deep += "Informationssicherheitsmanagement innermost";
    for (int i = 0; i < 90; ++i)
        deep += "</span>";
    test::write_file(dir / "nested.xml", paragraph(deep));
    expect_rendered(dir.path(), "nested.xml", {}, 20);
    const auto o = render_all(dir.path(), "nested.xml");
    CHECK(o.md.find("w0 w1 w2 ") != std::string::npos);
    CHECK(o.md.find("w89 Informationssicherheitsmanagement innermost") != std::string::npos);
    // The innermost span (90th: langs[89 % 5] = tlh) wins for the last words.
    CHECK(o.docx_document.find("<w:lang w:val=\"tlh\"/></w:rPr><w:t>w89 "
                               "Informationssicherheitsmanagement innermost</w:t>") !=
          std::string::npos);
    CHECK(o.pdf_text.find("innermost") != std::string::npos);
    std::string too_deep;
    for (int i = 0; i < 200; ++i)
        too_deep += "<span lang=\"en\">";
    too_deep += "x";
    for (int i = 0; i < 200; ++i)
        too_deep += "</span>";
    test::write_file(dir / "deep.xml", paragraph(too_deep));
    expect_refused(dir.path(), "deep.xml",
                   "error: not well-formed XML: elements are nested too deeply (at most 98 "
                   "levels)");
}

TEST_CASE("language span: thousands of languages in one paragraph, words in a language without "
          "patterns, and empty spans are rendered quickly") {
    test::TempDir dir;
    // 5,000 distinct tags ("en-a0000" ...): one pattern lookup and one
    // break scan each stretch, not per character or per language pair.
    std::string many;
    for (int i = 0; i < 5000; ++i) {
        char tag[16];
        std::snprintf(tag, sizeof tag, "en-a%04d", i);
        many += std::string("<span lang=\"") + tag + "\">Hyphenation representatives</span> ";
        many += i % 2 ? "<span lang=\"de\">Verwaltungsdigitalisierung</span> " : "und ";
    }
    // Languages chronik has no patterns for, an empty span, a span of a
    // space, a line break inside a span, a span in a word.
    many += "<span lang=\"tlh\">Qapla'batlhDaqawlu'taHvIpbe'ghItlhghachmeyvam</span> "
            "<span lang=\"zh-Hant-TW\">中文字</span><span lang=\"en\"></span><span lang=\"en\"> "
            "</span>x<span lang=\"en\">a<br/>b</span> Hotline<span lang=\"en\">s</span>.";
    test::write_file(dir / "many.xml", paragraph(many));
    expect_rendered(dir.path(), "many.xml", {}, 30);
    const auto o = render_all(dir.path(), "many.xml");
    CHECK(count(o.docx_document, "<w:lang w:val=\"en-a") == 5000);
    CHECK(count(o.md, "Hyphenation representatives") == 5000);
    CHECK(o.md.find("Qapla'batlhDaqawlu'taHvIpbe'ghItlhghachmeyvam 中文字 xa\\\nb Hotlines.") !=
          std::string::npos);
    CHECK(o.pdf_text.find("Hotlines.") != std::string::npos);
}
