#include "compose/composer.hpp"
#include "helpers.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/md/markdown_renderer.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace chronik;

namespace {
std::string markdown(const std::string& xml, render::Target target = {}) {
    Diagnostics d;
    auto c = reader::read_chronicle_text(xml, "t.xml", (test::source_dir / "tests").string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    const auto style = style::default_style();
    const auto doc = compose::compose(*c, style, {}, d);
    std::ostringstream out;
    render::md::MarkdownRenderer().render(doc, style, target, out, d);
    return out.str();
}
std::string body(const std::string& p) {
    const auto md = markdown("<chronicle><title>T</title><milestone date=\"2000\"><p>" + p +
                             "</p></milestone></chronicle>");
    const auto at = md.find("## 2000\n\n");
    REQUIRE(at != std::string::npos);
    return md.substr(at + 9);
}
} // namespace

TEST_CASE("markdown: inline markup") {
    CHECK(body("a <em>b</em> <strong>c</strong> <a href=\"https://x.org/a(b)\">d</a><br/>e") ==
          "a *b* **c** [d](https://x.org/a%28b%29)\\\ne\n");
}

TEST_CASE("markdown: text that looks like markup is escaped") {
    CHECK(body("1994. Ein Jahr") == "1994\\. Ein Jahr\n");
    CHECK(body("# not a heading") == "\\# not a heading\n");
    CHECK(body("- not a list") == "\\- not a list\n");
    CHECK(body("*stars* and _under_ [x](y) &amp;copy; `code` a&lt;b") ==
          "\\*stars\\* and \\_under\\_ \\[x\\](y) \\&copy; \\`code\\` a\\<b\n");
    CHECK(body("R&amp;D, 24/7, e. V.") == "R&D, 24/7, e. V.\n");
}

TEST_CASE("markdown: one-liners form one list, titles and dates") {
    const auto md = markdown(R"(<chronicle><title>T</title><period label="1990s">
      <milestone date="1994-07-01"><title>A</title></milestone>
      <milestone date="1993"><title>B</title></milestone>
      <milestone date="1992-05"><title>C <em>x</em></title><p>Body</p></milestone></period></chronicle>)");
    CHECK(md.find("## 1990s\n\n- **1. Juli 1994** – A\n- **1993** – B\n\n### C *x*\n\n*Mai "
                  "1992*\n\nBody\n") != std::string::npos);
}

TEST_CASE("markdown: images are linked relative to the output folder") {
    const std::string xml = R"(<chronicle><title>T</title><milestone date="2000"><p>x</p>
      <image src="images/small.png" alt="A [small] picture"><caption>The <em>caption</em></caption></image></milestone></chronicle>)";
    CHECK(markdown(xml).find("![A \\[small\\] picture](images/small.png)\\\n*The *caption**\n") !=
          std::string::npos);
    render::Target t;
    t.output_dir = (test::source_dir / "output").string();
    CHECK(markdown(xml, t).find("](../tests/images/small.png)") != std::string::npos);
}

TEST_CASE("markdown: the TOC links to anchors of the period headings") {
    const auto md = markdown("<chronicle><title>T</title><period label=\"1997/1998\"><milestone "
                             "date=\"1997\"><p>x</p></milestone></period></chronicle>");
    CHECK(md.find("## Inhalt\n\n- [1997/1998](#p-1997-1998)\n") != std::string::npos);
    CHECK(md.find("<a id=\"p-1997-1998\"></a>\n\n## 1997/1998\n") != std::string::npos);
}
