// The HTML renderer (src/render/html/, docs/html.md): goldens of every case
// and of the sample, the page checked by tests/html/check_html.py, the
// escaping of everything from the input, and pictures copied or embedded.
#include "compose/composer.hpp"
#include "helpers.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/attachment.hpp"
#include "render/html/html_escape.hpp"
#include "render/html/html_renderer.hpp"
#include "render/html/html_style.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <sstream>

using namespace chronik;
namespace fs = std::filesystem;

namespace {

model::Document compose_text(const std::string& xml) {
    Diagnostics d;
    auto c = reader::read_chronicle_text(xml, "t.xml", (test::source_dir / "tests").string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = 1700000000;
    return compose::compose(*c, style::default_style(), o, d);
}
model::Document compose_file(const fs::path& input) {
    Diagnostics d;
    auto c = reader::read_chronicle(input.string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = 1700000000;
    return compose::compose(*c, style::default_style(), o, d);
}
std::string page_of(const model::Document& doc, render::Target target = {},
                    const style::Style& style = style::default_style()) {
    std::ostringstream out;
    Diagnostics d;
    render::html::HtmlRenderer().render(doc, style, target, out, d);
    return out.str();
}
std::string html(const std::string& xml, render::Target target = {}) {
    return page_of(compose_text(xml), target);
}
// tests/html/check_html.py on a page: its findings, empty when it passes.
std::string check_page(const std::string& page) {
    test::TempDir dir;
    test::write_file(dir / "page.html", page);
    const auto [status, out] =
        test::shell("/usr/bin/python3 " +
                    test::shell_quote((test::source_dir / "tests/html/check_html.py").string()) +
                    " " + test::shell_quote((dir / "page.html").string()) + " 2>&1");
    REQUIRE_MESSAGE(status != 127, "/usr/bin/python3 is missing");
    return status == 0 ? std::string() : "status " + std::to_string(status) + ": " + out;
}
std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
        ++n;
    return n;
}
std::string decode_base64(std::string_view s) {
    std::string out;
    unsigned v = 0;
    int bits = 0;
    for (const char c : s) {
        const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const char* at = std::strchr(digits, c);
        if (c == '=' || !at)
            break;
        v = v << 6 | static_cast<unsigned>(at - digits);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>(v >> bits & 0xFF);
        }
    }
    return out;
}
// The value of the first src="..." after `from` in `page`.
std::string src_after(const std::string& page, const std::string& from) {
    const auto at = page.find(from);
    REQUIRE(at != std::string::npos);
    const auto s = page.find("src=\"", at);
    REQUIRE(s != std::string::npos);
    return page.substr(s + 5, page.find('"', s + 5) - s - 5);
}

} // namespace

TEST_CASE("html: golden of every case under tests/cases, and each page passes check_html.py") {
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(test::source_dir / "tests/cases")) {
        const fs::path dir = entry.path();
        if (!fs::exists(dir / "input.xml"))
            continue;
        ++cases;
        CAPTURE(dir.filename().string());
        const auto page = page_of(compose_file(dir / "input.xml"));
        test::check_golden(dir / "expected.html", page);
        CHECK(check_page(page) == "");
    }
    CHECK(cases >= 2);
}

TEST_CASE("html: golden of the sample, which passes check_html.py") {
    const auto page = page_of(compose_file(test::source_dir / "data/lecos-chronik.xml"));
    test::check_golden(test::source_dir / "tests/golden/lecos-chronik.html", page);
    CHECK(check_page(page) == "");
    CHECK(page.find("<html lang=\"de\">") != std::string::npos);
    CHECK(page.find("<a class=\"skip-link\" href=\"#main\">Zum Inhalt</a>") != std::string::npos);
    CHECK(page.find("<h2 id=\"contents-title\">Inhalt</h2>") != std::string::npos);
}

TEST_CASE("html: check_html.py fails on pages that break its rules") {
    const auto good =
        html("<chronicle lang=\"en\"><title>T</title><period label=\"1990s\">"
             "<milestone date=\"1994-07-01\"><p>x</p></milestone></period></chronicle>");
    REQUIRE(check_page(good) == "");
    auto broken = [&](const std::string& from, const std::string& to) {
        std::string p = good;
        const auto at = p.find(from);
        REQUIRE(at != std::string::npos);
        return check_page(p.replace(at, from.size(), to));
    };
    CHECK(broken("</article>", "") != "");
    CHECK(broken("<main id=\"main\">", "<main id=\"main\"><script>x</script>") != "");
    CHECK(broken("<p>x</p>", "<p onclick=\"x\">x</p>") != "");
    CHECK(broken("<p>x</p>", "<p><a href=\" javascript:x\">x</a></p>") != "");
    CHECK(broken("href=\"#p-1990s\"", "href=\"#nowhere\"") != "");
    CHECK(broken("datetime=\"1994-07-01\"", "datetime=\"1. Juli\"") != "");
    CHECK(broken("<p>x</p>", "<p><img src=\"a.png\" alt=\"\"></p>") != "");
    CHECK(broken("<p>x</p>", "<h1>again</h1>") != "");
    {
        std::string no_heading = good; // an article without its h3
        const auto open = no_heading.find("<h3 class=\"date\">");
        REQUIRE(open != std::string::npos);
        no_heading.replace(no_heading.find("</h3>", open), 5, "</p>");
        no_heading.replace(open, 3, "<p");
        CHECK(check_page(no_heading).find("without an h3") != std::string::npos);
    }
}

TEST_CASE("html: the page's head, the title block and the contents") {
    const auto page =
        html("<chronicle lang=\"en-GB\"><title>T &amp; Co</title><subtitle>S</subtitle>"
             "<organization>O</organization><intro><p>I</p></intro>"
             "<period label=\"1990s\"><milestone date=\"1994\"><p>x</p></milestone></period>"
             "<period label=\"1980s\"><milestone date=\"1984\"><p>y</p></milestone></period>"
             "</chronicle>");
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n",
                     0) == 0);
    CHECK(page.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") !=
          std::string::npos);
    CHECK(page.find("<title>T &amp; Co</title>") != std::string::npos);
    CHECK(page.find("<meta name=\"description\" content=\"S\">") != std::string::npos);
    CHECK(page.find("<meta name=\"author\" content=\"O\">") != std::string::npos);
    CHECK(page.find("<meta name=\"generator\" content=\"chronik\">") != std::string::npos);
    CHECK(count(page, "<style>") == 1);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("Skip to content</a>") != std::string::npos);
    CHECK(page.find("<header class=\"masthead\">\n<p class=\"organization\">O</p>\n<h1>T &amp; "
                    "Co</h1>\n<p class=\"subtitle\">S</p>\n</header>") != std::string::npos);
    CHECK(page.find("<ol>\n<li><a href=\"#p-1990s\">1990s</a></li>\n<li><a "
                    "href=\"#p-1980s\">1980s</a></li>\n</ol>") != std::string::npos);
    CHECK(page.find("<main id=\"main\">\n<p class=\"intro\">I</p>") != std::string::npos);
    CHECK(page.find("<section class=\"period\" aria-labelledby=\"p-1990s\">\n<h2 "
                    "id=\"p-1990s\">1990s</h2>\n<div class=\"timeline\">") != std::string::npos);
    CHECK(check_page(page) == "");
}

TEST_CASE("html: milestones, dates and one-liners") {
    const auto page = html(R"(<chronicle lang="de"><title>T</title><period label="1990s">
      <milestone date="1994-07-01"><title>A</title></milestone>
      <milestone date="1993"><title>B</title></milestone>
      <milestone date="1992-05"><title>C <em>x</em></title><p>Body</p></milestone></period>
      <period label="2001"><milestone date="2001"><p>Loose</p></milestone></period></chronicle>)");
    CHECK(page.find("<ul class=\"one-liners\">\n<li id=\"m-1994-07-01\"><time "
                    "datetime=\"1994-07-01\">1. Juli 1994</time> <span "
                    "class=\"what\">A</span></li>\n<li id=\"m-1993\"><time "
                    "datetime=\"1993\">1993</time> <span class=\"what\">B</span></li>\n</ul>\n"
                    "<article class=\"milestone\" id=\"m-1992-05\">\n<h3>C <em>x</em></h3>\n<p "
                    "class=\"date\"><time datetime=\"1992-05\">Mai 1992</time></p>\n<p>Body</p>\n"
                    "</article>\n</div>\n</section>") != std::string::npos);
    // A milestone without a title has its date as its heading, even a bare
    // year under that year's heading.
    CHECK(page.find("<article class=\"milestone\" id=\"m-2001\">\n<h3 class=\"date\"><time "
                    "datetime=\"2001\">2001</time></h3>\n<p>Loose</p>\n</article>") !=
          std::string::npos);
}

TEST_CASE("html: inline markup, language spans and links") {
    const auto page =
        html("<chronicle lang=\"en\"><title>T</title><milestone date=\"2000\"><p>a <em>b</em> "
             "<strong>c</strong> <a href=\"https://x.org/\u00e4?q=1&amp;r=2\">d</a><br/>e "
             "<span lang=\"fr\">f</span> <a href=\"mailto:x@y.org\">x@y.org</a></p></milestone>"
             "</chronicle>");
    CHECK(page.find("<p>a <em>b</em> <strong>c</strong> <a "
                    "href=\"https://x.org/%C3%A4?q=1&amp;r=2\">d</a><br>e <span "
                    "lang=\"fr\">f</span> <a href=\"mailto:x@y.org\">x@y.org</a></p>") !=
          std::string::npos);
}

TEST_CASE("html: escaping of text, attributes and ids") {
    using namespace render::html;
    CHECK(text("a<b>&\"'") == "a&lt;b&gt;&amp;\"'");
    CHECK(attribute("\"><script>'&") == "&quot;&gt;&lt;script&gt;&#39;&amp;");
    CHECK(text("x\x7Fy\xC2\x85z\xEF\xBF\xBEw") == "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBDw");
    CHECK(text("ÄÖü €") == "ÄÖü €");
    CHECK(id("p-1997-1998") == "p-1997-1998");
    CHECK(id("a\"b c<d>é") == "a-b-c-d---");
}

TEST_CASE("html: only links that cannot run anything are links") {
    using render::html::safe_href;
    CHECK(safe_href("https://example.org/?a=1") == "https://example.org/?a=1");
    CHECK(safe_href("HTTP://example.org") == "HTTP://example.org");
    CHECK(safe_href("mailto:a@b.org") == "mailto:a@b.org");
    CHECK(safe_href("#p-2001") == "#p-2001");
    CHECK(safe_href("other.html#x") == "other.html#x");
    CHECK(safe_href("a/b:c") == "a/b:c");
    CHECK(safe_href("https://x.org/\"><script>") == "https://x.org/%22%3E%3Cscript%3E");
    CHECK_FALSE(safe_href("javascript:alert(1)"));
    CHECK_FALSE(safe_href("JavaScript:alert(1)"));
    CHECK_FALSE(safe_href(" javascript:alert(1)"));
    CHECK_FALSE(safe_href("java\tscript:alert(1)"));
    CHECK_FALSE(safe_href("data:text/html,<script>alert(1)</script>"));
    CHECK_FALSE(safe_href("vbscript:x"));
    CHECK_FALSE(safe_href("file:///etc/passwd"));

    // The reader admits no such link; a model made otherwise (a future
    // reader, the fuzzers) shows its text and no link.
    auto doc = compose_text("<chronicle lang=\"en\"><title>T</title><milestone date=\"2000\">"
                            "<p>x</p></milestone></chronicle>");
    model::Paragraph p;
    p.content.push_back(model::Link{"javascript:alert(1)", {model::Text{"click"}}});
    p.content.push_back(model::Link{"\"><script>alert(1)</script>", {}});
    doc.blocks.push_back(p);
    const auto page = page_of(doc);
    // The first is text; the second, without a scheme, a relative link
    // whose target is percent-encoded and whose text is its target.
    CHECK(page.find("<p>click<a href=\"%22%3E%3Cscript%3Ealert(1)%3C/script%3E\">\"&gt;&lt;"
                    "script&gt;alert(1)&lt;/script&gt;</a></p>") != std::string::npos);
    CHECK(page.find("javascript:") == std::string::npos);
    CHECK(check_page(page) == "");
}

TEST_CASE("html: hostile titles, captions and alt texts stay text") {
    const auto page = html(
        "<chronicle lang=\"en\"><title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"
        "<subtitle>\"&gt;&lt;img src=x onerror=alert(1)&gt;</subtitle>"
        "<period label=\"&lt;b&gt;\"><milestone date=\"2000\"><title>&lt;i&gt;"
        "</title><p>x</p><image src=\"images/small.png\" alt=\"&quot; onerror=&quot;alert(1)\">"
        "<caption>&lt;/figcaption&gt;&lt;script&gt;</caption></image></milestone></period>"
        "</chronicle>");
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>") !=
          std::string::npos);
    CHECK(page.find("content=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"") !=
          std::string::npos);
    CHECK(page.find("alt=\"&quot; onerror=&quot;alert(1)\"") != std::string::npos);
    CHECK(page.find("<figcaption>&lt;/figcaption&gt;&lt;script&gt;</figcaption>") !=
          std::string::npos);
    CHECK(check_page(page) == "");
}

TEST_CASE("html: a font family cannot leave its CSS string or the style element") {
    using render::html::font_stack;
    CHECK(font_stack("Charis SIL") == "\"Charis SIL\", Georgia, \"Times New Roman\", serif");
    CHECK(font_stack("Open Sans") ==
          "\"Open Sans\", system-ui, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif");
    CHECK(font_stack("a\"b\\c") == "\"a\\\"b\\\\c\", Georgia, \"Times New Roman\", serif");
    CHECK(font_stack("x</style>").rfind("\"x\\3c /style\\3e \"", 0) == 0);
    CHECK(font_stack("Ä\n").rfind("\"\\c4 \\a \"", 0) == 0);

    auto style = style::default_style();
    style.role(style::Role::Body).font.family = "x</style><script>alert(1)</script>\"; }";
    style.role(style::Role::Title).font.family = "</STYLE><script>";
    const auto page = page_of(compose_text("<chronicle lang=\"en\"><title>T</title><milestone "
                                           "date=\"2000\"><p>x</p></milestone></chronicle>"),
                              {}, style);
    CHECK(count(page, "</style>") == 1);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("</STYLE") == std::string::npos);
    CHECK(check_page(page) == "");
}

TEST_CASE("html: the CSS has the media rules, the rail and contrast-safe colours") {
    auto style = style::default_style();
    // A pale grey made for paper: darkened until it reads on white.
    style.role(style::Role::Caption).color = {0xdd, 0xdd, 0xdd};
    const auto css = render::html::css(style);
    for (const char* rule :
         {"@media (prefers-color-scheme: dark)", "@media (prefers-reduced-motion: reduce)",
          "@media print", ":focus-visible", "hyphens: auto", "border-left: 2px solid var(--rail)",
          ".milestone::before", "grid-template-columns: 9.5em", "max-width: 40em",
          "break-inside: avoid", "break-after: avoid", "--title: #17324d;",
          "--milestone-date: #a8432a;"})
        CHECK_MESSAGE(css.find(rule) != std::string::npos, rule);
    const auto caption = css.find("--caption: #");
    REQUIRE(caption != std::string::npos);
    CHECK(css.substr(caption, 19) != "--caption: #dddddd;");
    CHECK(css.find("font-size: 1.0625rem;") != std::string::npos); // the body
    // Justified (the sheet's body and intro) in print only; on screen every
    // role starts at the start.
    const auto justify = css.find("text-align: justify");
    REQUIRE(justify != std::string::npos);
    CHECK(css.rfind("@media print", justify) > css.rfind("}\n}\n", justify));
    CHECK(css.find("text-align: justify", justify + 1) == std::string::npos);
    CHECK(css.find("text-align: start") != std::string::npos);
}

TEST_CASE("html: pictures copied as attachments, embedded on request or into memory") {
    const std::string xml =
        "<chronicle lang=\"en\"><title>T</title><milestone date=\"2000\"><p>x</p>"
        "<image src=\"images/small.png\" alt=\"A\"/><image src=\"images/small.png\" alt=\"B\"/>"
        "</milestone></chronicle>";
    const std::string bytes = test::read_file(test::source_dir / "tests/images/small.png");

    std::vector<render::Attachment> attachments;
    render::Target copy;
    copy.attachments = &attachments;
    const auto page = html(xml, copy);
    REQUIRE(attachments.size() == 1); // one file for both uses
    CHECK(attachments[0].path.rfind("images/small-", 0) == 0);
    CHECK(attachments[0].path.size() == std::string("images/small-").size() + 16 + 4);
    REQUIRE(attachments[0].bytes);
    CHECK(*attachments[0].bytes == bytes);
    CHECK(src_after(page, "<figure") == attachments[0].path);
    CHECK(page.find("alt=\"A\" width=\"") != std::string::npos);
    CHECK(check_page(page) == "");

    std::vector<render::Attachment> none;
    render::Target embed;
    embed.attachments = &none;
    embed.options["images"] = "embed";
    const auto embedded = html(xml, embed);
    CHECK(none.empty());
    const auto src = src_after(embedded, "<figure");
    REQUIRE(src.rfind("data:image/png;base64,", 0) == 0);
    CHECK(decode_base64(src.substr(22)) == bytes);
    CHECK(check_page(embedded) == "");

    // No one to write attachments: embedded whatever the option says.
    const auto memory = html(xml);
    CHECK(src_after(memory, "<figure").rfind("data:image/png;base64,", 0) == 0);
}

TEST_CASE("html: base64 as RFC 4648 gives it") {
    using render::base64;
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
    CHECK(base64("foobar") == "Zm9vYmFy");
    CHECK(base64(std::string("\xff\x00\xfe", 3)) == "/wD+");
}

TEST_CASE("html: the same input gives the same bytes") {
    const auto doc = compose_file(test::source_dir / "tests/cases/rich/input.xml");
    std::vector<render::Attachment> a1, a2;
    render::Target t1, t2;
    t1.attachments = &a1;
    t2.attachments = &a2;
    CHECK(page_of(doc, t1) == page_of(doc, t2));
    REQUIRE(a1.size() == a2.size());
    for (std::size_t i = 0; i < a1.size(); ++i)
        CHECK(a1[i].path == a2[i].path);
}
