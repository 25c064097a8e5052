// The chronicle reader on good and bad inputs: every error kind, with its line.
#include "helpers.hpp"
#include "model/dump.hpp"
#include "reader/chronicle_reader.hpp"
#include "reader/image_probe.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using chronik::test::has;
using chronik::test::joined;
using chronik::test::lines;

namespace {

const std::string tests_dir = (test::source_dir / "tests").string();

struct Result {
    std::optional<chronicle::Chronicle> chronicle;
    std::vector<std::string> diags;
};

Result read(const std::string& text, reader::ReadOptions o = {}) {
    Diagnostics d;
    Result r;
    r.chronicle = reader::read_chronicle_text(text, "t.xml", tests_dir, d, o);
    r.diags = lines(d);
    return r;
}

// A chronicle around `body` (which starts on line 3).
std::string wrap(const std::string& body) {
    return "<chronicle lang=\"de\">\n<title>T</title>\n" + body + "\n</chronicle>\n";
}

void expect_error(const std::string& text, const std::string& message) {
    CAPTURE(message);
    const auto r = read(text);
    INFO(joined(r.diags));
    CHECK_FALSE(r.chronicle);
    CHECK(has(r.diags, message));
}

} // namespace

TEST_CASE("reader: a complete chronicle") {
    const auto r = read(R"(<?xml version="1.0" encoding="UTF-8"?>
<chronicle lang="en-GB" version="1">
  <title>  Our   history </title>
  <subtitle>Sub</subtitle>
  <organization>Org</organization>
  <intro><p>Hello <em>world</em>.</p><p>Two</p></intro>
  <period label="1990s">
    <milestone date="1994-07-01" category="ops  security ops" id="start">
      <title>Start <strong>now</strong></title>
      <p>Text with <a href="https://example.org/ä">a <em>link</em></a>,<br/> a break
         and   spaces.</p>
      <image src="images/small.png" alt="A picture"><caption>Seen <em>here</em></caption></image>
    </milestone>
  </period>
  <milestone date="2001"><p>Loose one</p></milestone>
  <milestone date="2001-05"><p>Loose two</p></milestone>
  <milestone date="2002"><title>Loose three</title></milestone>
</chronicle>)");
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    CHECK(r.diags.empty());
    const auto& c = *r.chronicle;
    CHECK(c.language == "en-GB");
    CHECK(c.title == "Our history");
    CHECK(c.subtitle == "Sub");
    CHECK(c.organization == "Org");
    REQUIRE(c.intro.size() == 2);
    CHECK(model::dump(c.intro[0].content) == "Hello <em>world</em>.");
    REQUIRE(c.periods.size() == 3); // the explicit one, then 2001 and 2002 grouped by year
    const auto& m = c.periods[0].milestones.at(0);
    CHECK(m.line == 8);
    CHECK(m.date == model::Date{1994, 7, 1});
    CHECK(m.categories == std::vector<std::string>{"ops", "security"});
    CHECK(m.id == "start");
    CHECK(model::dump(m.title) == "Start <strong>now</strong>");
    REQUIRE(m.body.size() == 2);
    const auto& p = std::get<chronicle::Paragraph>(m.body[0]);
    CHECK(model::dump(p.content) ==
          "Text with <a https://example.org/ä>a <em>link</em></a>,<br>a break and spaces.");
    const auto& img = std::get<chronicle::ImageRef>(m.body[1]);
    CHECK(img.width_px == 64);
    CHECK(img.height_px == 48);
    CHECK(img.alt == "A picture");
    CHECK(model::dump(img.caption) == "Seen <em>here</em>");
    CHECK(c.periods[1].implicit);
    CHECK(c.periods[1].milestones.size() == 2);
    CHECK(c.periods[2].milestones.size() == 1);
}

TEST_CASE("reader: white space collapses, and a space at the edge of <em> moves outside") {
    const auto r = read(wrap(
        "<milestone date=\"2000\"><p>\n  a<em> b </em>c\n  <strong>d</strong> </p></milestone>"));
    REQUIRE(r.chronicle);
    const auto& p = std::get<chronicle::Paragraph>(r.chronicle->periods[0].milestones[0].body[0]);
    CHECK(model::dump(p.content) == "a <em>b</em> c <strong>d</strong>");
    // Spaces on both sides of an element's edge make one, not two (an
    // element of nothing but a space is dropped, its space kept once).
    const auto twice = read(wrap("<milestone date=\"2000\"><p>a <em> b</em> <strong> </strong> c "
                                 "<span lang=\"en\"> </span> d</p></milestone>"));
    REQUIRE(twice.chronicle);
    const auto& q =
        std::get<chronicle::Paragraph>(twice.chronicle->periods[0].milestones[0].body[0]);
    CHECK(model::dump(q.content) == "a <em>b</em> c d");
}

TEST_CASE("reader: structure errors, each with file, line and column") {
    expect_error("<chronik><title>T</title></chronik>",
                 "t.xml:1:1: error: the root element must be <chronicle>");
    expect_error("<chronicle>\n  <subtitle>S</subtitle>\n</chronicle>",
                 "t.xml:1:1: error: the chronicle has no <title>");
    expect_error(wrap("<chapter/>"), "t.xml:3:1: error: unknown element <chapter> in <chronicle>");
    expect_error(wrap("<intro><p>x</p></intro>\n<subtitle>S</subtitle>"),
                 "t.xml:4:1: error: <subtitle> must come before <intro>");
    expect_error(wrap("<title>Again</title>"), "t.xml:3:1: error: <title> is given twice");
    expect_error(wrap("<period><milestone date=\"2000\"><p>x</p><foo/></milestone></period>"),
                 "t.xml:3:40: error: unknown element <foo> in <milestone>");
    expect_error(wrap("<period label=\"x\" color=\"red\"/>"),
                 "t.xml:3:19: error: unknown attribute 'color' on <period>");
    expect_error(wrap("<period>stray words</period>"),
                 "t.xml:3: error: text 'stray words' is not allowed directly in <period>");
    expect_error("<chronicle><title>T<em>x</em></title></chronicle>",
                 "t.xml:1:20: error: <title> holds plain text only");
    expect_error("<chronicle><title> </title></chronicle>", "<title> is empty");
    expect_error(wrap("<intro/>"), "<intro> needs at least one <p>");
    expect_error(wrap("<intro><p> </p></intro>"), "t.xml:3:8: error: <p> is empty");
    expect_error("<chronicle version=\"2\"><title>T</title></chronicle>",
                 "t.xml:1:12: error: unsupported format version '2'");
    expect_error("<chronicle lang=\"german!\"><title>T</title></chronicle>",
                 "t.xml:1:12: error: lang 'german!' is not a BCP 47 language tag");
}

TEST_CASE("reader: milestone errors") {
    expect_error(wrap("<milestone date=\"2021-02-30\"><p>x</p></milestone>"),
                 "t.xml:3:12: error: date '2021-02-30' does not exist");
    expect_error(wrap("<milestone date=\"21.2.2021\"><p>x</p></milestone>"),
                 "is not of the form YYYY, YYYY-MM or YYYY-MM-DD");
    expect_error(wrap("<milestone><p>x</p></milestone>"),
                 "t.xml:3:1: error: <milestone> needs a date attribute");
    expect_error(wrap("<milestone date=\"2000\"></milestone>"),
                 "t.xml:3:1: error: the milestone is empty");
    expect_error(
        wrap("<milestone date=\"2000\"><image src=\"images/small.png\" alt=\"x\"/></milestone>"),
        "the milestone is empty");
    expect_error(wrap("<milestone date=\"2000\"><p>x</p><title>late</title></milestone>"),
                 "t.xml:3:32: error: <title> must come first in <milestone>");
    expect_error(wrap("<milestone date=\"2000\" id=\"a\"><p>x</p></milestone>\n"
                      "<milestone date=\"2000\" id=\"a\"><p>y</p></milestone>"),
                 "t.xml:4:24: error: id 'a' is already used on line 3");
    expect_error(wrap("<milestone date=\"2000\" id=\"1a\"><p>x</p></milestone>"),
                 "id '1a' is not a valid name");
    expect_error(wrap("<milestone date=\"2000\" category=\" \"><p>x</p></milestone>"),
                 "the category attribute is empty");
}

TEST_CASE("reader: inline errors") {
    expect_error(
        wrap("<milestone date=\"2000\"><p><a href=\"javascript:alert(1)\">x</a></p></milestone>"),
        "t.xml:3:30: error: link target 'javascript:alert(1)' is not allowed");
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"https://a b\">x</a></p></milestone>"),
                 "is not allowed");
    // At most 2083 characters, counted as the DOCX writes the address
    // (percent-encoded: 'ä' is "%C3%A4"); shown shortened.
    const std::string base = "https://example.org/";
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"" + base +
                      std::string(2084 - base.size(), 'a') + "\">x</a></p></milestone>"),
                 "t.xml:3:30: error: the link target 'https://example.org/aaaaaaaaaaaaaaaaaaaa"
                 "\u2026' is 2084 characters long; links may have at most 2083 (Word's and "
                 "Windows' limit)");
    CHECK(read(wrap("<milestone date=\"2000\"><p><a href=\"" + base +
                    std::string(2083 - base.size(), 'a') + "\">x</a></p></milestone>"))
              .chronicle);
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"" + base +
                      std::string(2078 - base.size(), 'a') + "\xc3\xa4\">x</a></p></milestone>"),
                 "is 2084 characters long");
    // A long target that is not allowed either: said once, shortened.
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"javascript:" + std::string(5000, 'x') +
                      "\">x</a></p></milestone>"),
                 "link target 'javascript:xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026' is not allowed");
    expect_error(wrap("<milestone date=\"2000\"><p><a>x</a></p></milestone>"), "<a> needs an href");
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"https://a\"></a></p></milestone>"),
                 "<a> has no text to click on");
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"https://a\"><em><a "
                      "href=\"https://b\">x</a></em></a></p></milestone>"),
                 "a link cannot contain another link");
    expect_error(wrap("<milestone date=\"2000\"><p>a <b>bold</b></p></milestone>"),
                 "t.xml:3:29: error: <b> is not allowed in <p> (allowed: em, strong, span, a, br)");
    expect_error(wrap("<milestone date=\"2000\"><title>a <br/></title></milestone>"),
                 "<br> is not allowed in <title> (allowed: em, strong, span)");
    expect_error(wrap("<milestone date=\"2000\"><p>a<br>b</br></p></milestone>"),
                 "<br/> must be empty");
    CHECK(read(wrap("<milestone date=\"2000\"><p><a href=\"mailto:a@b.de\">mail</a> <a "
                    "href=\"HTTP://x.de\">x</a></p></milestone>"))
              .chronicle);
}

TEST_CASE("reader: <span lang> marks a passage in another language wherever inline text goes") {
    const auto r = read(wrap(R"(<milestone date="2018-05">
<title>Konferenz <span lang="en">Digital <em>City</em></span></title>
<p>Unter dem Titel „<span lang="en">Are we ready?</span>“ <span lang="de">Deutsch</span>
<a href="https://a.de">Link <span lang="fr">à la</span></a>
<span lang="en-GB">see <a href="https://b.de"><span lang="de-AT">Jänner</span> page</a></span>
<span lang="en"><span lang="fr">innermost</span> outer</span> <span lang="en"> </span>end</p>
<image src="images/small.png" alt="x"><caption><span lang="EN">Caption</span></caption></image>
</milestone>)"));
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    CHECK(r.diags.empty());
    const auto& m = r.chronicle->periods.at(0).milestones.at(0);
    CHECK(model::dump(m.title) == "Konferenz <span en>Digital <em>City</em></span>");
    const auto& p = std::get<chronicle::Paragraph>(m.body.at(0));
    // A span in the document's language is kept; an empty one is dropped
    // (its space stays outside it, as with <em>).
    CHECK(model::dump(p.content) ==
          "Unter dem Titel „<span en>Are we ready?</span>“ <span de>Deutsch</span> "
          "<a https://a.de>Link <span fr>à la</span></a> "
          "<span en-GB>see <a https://b.de><span de-AT>Jänner</span> page</a></span> "
          "<span en><span fr>innermost</span> outer</span> end");
    CHECK(model::plain_text(p.content) ==
          "Unter dem Titel „Are we ready?“ Deutsch Link à la see Jänner page innermost outer end");
    const auto& span = std::get<model::Span>(p.content.at(1));
    CHECK(span.lang == "en");
    CHECK(span.line == 5);
    const auto& img = std::get<chronicle::ImageRef>(m.body.at(1));
    CHECK(model::dump(img.caption) == "<span EN>Caption</span>");
}

TEST_CASE("reader: <span> errors, each at its place") {
    expect_error(wrap("<milestone date=\"2000\"><p>a <span>x</span></p></milestone>"),
                 "t.xml:3:29: error: <span> needs a lang attribute (the passage's language, "
                 "for example lang=\"en\")");
    expect_error(wrap("<milestone date=\"2000\"><p>a <span lang=\"\">x</span></p></milestone>"),
                 "t.xml:3:35: error: lang '' is not a BCP 47 language tag (for example de, en, "
                 "de-AT)");
    expect_error(
        wrap("<milestone date=\"2000\"><p>a <span lang=\"english!\">x</span></p></milestone>"),
        "t.xml:3:35: error: lang 'english!' is not a BCP 47 language tag");
    expect_error(
        wrap("<milestone date=\"2000\"><title><span lang=\"e\">x</span></title></milestone>"),
        "t.xml:3:37: error: lang 'e' is not a BCP 47 language tag");
    expect_error(wrap("<milestone date=\"2000\"><p><span lang=\"en\" dir=\"rtl\">x</span></p></"
                      "milestone>"),
                 "t.xml:3:43: error: unknown attribute 'dir' on <span> (allowed: lang)");
    // What its parent refuses, a span refuses too.
    expect_error(wrap("<milestone date=\"2000\"><title><span lang=\"en\">a<br/>b</span></title></"
                      "milestone>"),
                 "<br> is not allowed in <span> (allowed: em, strong, span)");
    expect_error(wrap("<milestone date=\"2000\"><p><a href=\"https://a\"><span lang=\"en\"><a "
                      "href=\"https://b\">x</a></span></a></p></milestone>"),
                 "a link cannot contain another link");
    expect_error(wrap("<milestone date=\"2000\"><p><span lang=\"en\"><a href=\"https://a\"></a>"
                      "</span></p></milestone>"),
                 "<a> has no text to click on");
    // A paragraph of nothing but an empty span is empty.
    expect_error(wrap("<milestone date=\"2000\"><p><span lang=\"en\"> </span></p></milestone>"),
                 "<p> is empty");
}

TEST_CASE("reader: image errors") {
    auto img = [](const std::string& attrs) {
        return wrap("<milestone date=\"2000\"><p>x</p><image " + attrs + "/></milestone>");
    };
    expect_error(img("src=\"images/missing.png\" alt=\"x\""),
                 "image 'images/missing.png' cannot be opened");
    expect_error(img("src=\"images/fake.png\" alt=\"x\""),
                 "image 'images/fake.png' is neither a PNG nor a JPEG image");
    expect_error(img("src=\"images/fake.jpg\" alt=\"x\""), "is neither a PNG nor a JPEG image");
    expect_error(img("src=\"images/truncated.png\" alt=\"x\""),
                 "is a truncated or corrupt PNG file");
    expect_error(img("src=\"/etc/passwd\" alt=\"x\""), "image path '/etc/passwd' is absolute");
    expect_error(img("src=\"../CMakeLists.txt\" alt=\"x\""),
                 "leads outside the chronicle's folder");
    expect_error(img("src=\"images/../../x.png\" alt=\"x\""),
                 "leads outside the chronicle's folder");
    expect_error(img("alt=\"x\""), "<image> needs a src attribute");
    // No alt is read (a PDF under PDF/UA refuses it, pdf_test.cpp); alt="" is decorative.
    const auto no_alt = read(img("src=\"images/small.png\""));
    REQUIRE(no_alt.chronicle);
    CHECK(no_alt.diags.empty());
    const auto& no_alt_img =
        std::get<chronicle::ImageRef>(no_alt.chronicle->periods.at(0).milestones.at(0).body.at(1));
    CHECK(!no_alt_img.has_alt);
    CHECK(no_alt_img.alt.empty());
    const auto decorative = read(img("src=\"images/small.png\" alt=\"\""));
    REQUIRE(decorative.chronicle);
    CHECK(std::get<chronicle::ImageRef>(
              decorative.chronicle->periods.at(0).milestones.at(0).body.at(1))
              .has_alt);
    const auto ok = read(img("src=\"images/small.jpg\" alt=\"x\""));
    INFO(joined(ok.diags));
    REQUIRE(ok.chronicle);
    const auto& i = std::get<chronicle::ImageRef>(ok.chronicle->periods[0].milestones[0].body[1]);
    CHECK(i.format == chronicle::ImageRef::Format::Jpeg);
    CHECK(i.width_px == 64);
    CHECK(i.height_px == 48);
    // The reader keeps the bytes it checked, for the renderers.
    REQUIRE(i.bytes);
    CHECK(*i.bytes == test::read_file(test::source_dir / "tests/images/small.jpg"));
    // A 16-bit PNG is taken (the PDF converts it), with what it is.
    const auto deep = read(img("src=\"images/deep16.png\" alt=\"x\""));
    INFO(joined(deep.diags));
    REQUIRE(deep.chronicle);
    const auto& d16 =
        std::get<chronicle::ImageRef>(deep.chronicle->periods[0].milestones[0].body[1]);
    CHECK(d16.bit_depth == 16);
    CHECK_FALSE(d16.interlaced);
    REQUIRE(d16.bytes);
    CHECK(d16.bytes->size() ==
          std::filesystem::file_size(test::source_dir / "tests/images/deep16.png"));
    // outside the folder, but allowed by the option: then it must still be an image
    reader::ReadOptions allow;
    allow.allow_outside_images = true;
    CHECK(has(read(img("src=\"../CMakeLists.txt\" alt=\"x\""), allow).diags,
              "is neither a PNG nor a JPEG"));
}

TEST_CASE("reader: all errors of a file are reported, not just the first") {
    const auto r =
        read(wrap("<milestone date=\"2021-02-30\"><p>x</p></milestone>\n"
                  "<milestone date=\"2000\" foo=\"1\"></milestone>\n"
                  "<milestone date=\"2000\"><p><a href=\"ftp://x\">x</a></p></milestone>"));
    CHECK_FALSE(r.chronicle);
    CHECK(r.diags.size() == 4);
    CHECK(has(r.diags, "t.xml:3:12: error: date"));
    CHECK(has(r.diags, "t.xml:4:24: error: unknown attribute 'foo'"));
    CHECK(has(r.diags, "t.xml:4:1: error: the milestone is empty"));
    CHECK(has(r.diags, "t.xml:5:30: error: link target 'ftp://x'"));
}

TEST_CASE("reader: warnings do not stop the read") {
    const auto r = read(wrap(
        "<period label=\"1992-1994\">\n<milestone "
        "date=\"1991-07-01\"><title>x</title></milestone>\n</period>\n<period label=\"1990\"/>"));
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    CHECK(has(r.diags, "t.xml:4: warning: milestone dated 1991-07-01 lies outside the years of its "
                       "period '1992-1994'"));
    CHECK(has(r.diags, "t.xml:6: warning: period '1990' has no milestones"));
}

TEST_CASE("reader: files that cannot be read") {
    Diagnostics d;
    CHECK_FALSE(reader::read_chronicle("/nonexistent/x.xml", d));
    CHECK(has(lines(d), "/nonexistent/x.xml: error: cannot open file"));
    d.clear();
    CHECK_FALSE(reader::read_chronicle(tests_dir, d));
    CHECK(has(lines(d), "tests: error: is a folder, not a file"));
}

TEST_CASE("reader: <cover> and <logo> in the head, checked like milestone images") {
    const auto r = read(R"(<chronicle lang="de">
<title>T</title>
<subtitle>S</subtitle>
<organization>O</organization>
<cover src="images/small.jpg" alt="Eine Wiese"/>
<logo src="images/small.png" alt=""/>
<intro><p>Hallo</p></intro>
<milestone date="2000"><p>x</p><image src="images/small.png" alt="x"/></milestone>
</chronicle>)");
    INFO(joined(r.diags));
    REQUIRE(r.chronicle);
    CHECK(r.diags.empty());
    const auto& c = *r.chronicle;
    CHECK(c.cover.source == "images/small.jpg");
    CHECK(c.cover.format == chronicle::ImageRef::Format::Jpeg);
    CHECK(c.cover.width_px == 64);
    CHECK(c.cover.height_px == 48);
    CHECK(c.cover.alt == "Eine Wiese");
    CHECK(c.cover.has_alt);
    CHECK(c.cover.line == 5);
    REQUIRE(c.cover.bytes);
    CHECK(*c.cover.bytes == test::read_file(test::source_dir / "tests/images/small.jpg"));
    CHECK(c.logo.source == "images/small.png");
    CHECK(c.logo.format == chronicle::ImageRef::Format::Png);
    CHECK(c.logo.alt.empty());
    CHECK(c.logo.has_alt); // alt="": decorative
    CHECK(c.logo.line == 6);
    // The same file read once: the logo and the milestone's picture share the bytes.
    const auto& img = std::get<chronicle::ImageRef>(c.periods.at(0).milestones.at(0).body.at(1));
    CHECK(img.bytes == c.logo.bytes);
    CHECK(c.intro.size() == 1);

    // Both are optional; without them the paths are empty.
    const auto none = read(wrap("<milestone date=\"2000\"><p>x</p></milestone>"));
    REQUIRE(none.chronicle);
    CHECK(none.chronicle->cover.path.empty());
    CHECK(none.chronicle->logo.path.empty());
    // No alt is read (a PDF under PDF/UA refuses it, pdf_standards_test.cpp).
    const auto no_alt = read(wrap("<cover src=\"images/small.jpg\"/>"));
    REQUIRE(no_alt.chronicle);
    CHECK_FALSE(no_alt.chronicle->cover.has_alt);
    CHECK_FALSE(no_alt.chronicle->cover.path.empty());
}

TEST_CASE("reader: <cover> and <logo> errors, each at its place") {
    expect_error(wrap("<cover src=\"images/missing.jpg\" alt=\"x\"/>"),
                 "t.xml:3:8: error: image 'images/missing.jpg' cannot be opened");
    expect_error(wrap("<logo src=\"images/fake.png\" alt=\"x\"/>"),
                 "t.xml:3:7: error: image 'images/fake.png' is neither a PNG nor a JPEG image");
    expect_error(wrap("<cover src=\"../CMakeLists.txt\" alt=\"x\"/>"),
                 "t.xml:3:8: error: image path '../CMakeLists.txt' leads outside the chronicle's "
                 "folder");
    expect_error(wrap("<cover alt=\"x\"/>"), "t.xml:3:1: error: <cover> needs a src attribute");
    expect_error(wrap("<cover src=\"images/small.jpg\" alt=\"x\"/>\n"
                      "<cover src=\"images/small.jpg\" alt=\"y\"/>"),
                 "t.xml:4:1: error: <cover> is given twice");
    expect_error(wrap("<logo src=\"images/small.png\" alt=\"x\"/>\n"
                      "<logo src=\"images/small.png\" alt=\"y\"/>"),
                 "t.xml:4:1: error: <logo> is given twice");
    // The head's order: title, subtitle, organization, cover, logo, intro.
    expect_error(wrap("<intro><p>x</p></intro>\n<cover src=\"images/small.jpg\" alt=\"x\"/>"),
                 "t.xml:4:1: error: <cover> must come before <intro> (order: title, subtitle, "
                 "organization, cover, logo, intro, then periods and milestones)");
    expect_error(wrap("<logo src=\"images/small.png\" alt=\"x\"/>\n"
                      "<cover src=\"images/small.jpg\" alt=\"x\"/>"),
                 "t.xml:4:1: error: <cover> must come before <logo>");
    expect_error(
        wrap("<cover src=\"images/small.jpg\" alt=\"x\"/>\n<organization>O</organization>"),
        "t.xml:4:1: error: <organization> must come before <cover>");
    // No caption, no width, no content: the design places them.
    expect_error(wrap("<cover src=\"images/small.jpg\" alt=\"x\" width=\"text\"/>"),
                 "t.xml:3:39: error: unknown attribute 'width' on <cover>");
    expect_error(wrap("<cover src=\"images/small.jpg\" alt=\"x\"><caption>c</caption></cover>"),
                 "t.xml:3:39: error: <cover> must be empty (src and alt say everything)");
    expect_error(wrap("<logo src=\"images/small.png\" alt=\"x\">Logo</logo>"),
                 "t.xml:3: error: <logo> must be empty (src and alt say everything)");
    expect_error(
        wrap("<milestone date=\"2000\"><p>x</p><cover src=\"images/small.jpg\"/></milestone>"),
        "t.xml:3:32: error: unknown element <cover> in <milestone>");
}

TEST_CASE("reader: an image's width is auto, column or text") {
    auto img = [](const std::string& attrs) {
        return wrap("<milestone date=\"2000\"><p>x</p><image src=\"images/small.png\" alt=\"x\" " +
                    attrs + "/></milestone>");
    };
    auto width_of = [](const Result& r) {
        REQUIRE(r.chronicle);
        return std::get<chronicle::ImageRef>(r.chronicle->periods.at(0).milestones.at(0).body.at(1))
            .width;
    };
    using W = chronicle::ImageRef::Width;
    CHECK(width_of(read(img(""))) == W::Auto);
    CHECK(width_of(read(img("width=\"auto\""))) == W::Auto);
    CHECK(width_of(read(img("width=\"column\""))) == W::Column);
    CHECK(width_of(read(img("width=\"text\""))) == W::Text);
    expect_error(img("width=\"full\""),
                 "t.xml:3:70: error: width 'full' is not one of auto, column, text");
    expect_error(img("width=\"Text\""), "width 'Text' is not one of auto, column, text");
    expect_error(img("width=\"\""), "width '' is not one of auto, column, text");
    expect_error(img("width=\"50%\""), "width '50%' is not one of auto, column, text");
}

namespace {

// `base` (small.jpg) with `app1` (the segment's data) as an APP1 segment after SOI.
std::string jpeg_with_app1(const std::string& app1, std::string plain = {}) {
    if (plain.empty())
        plain = test::read_file(test::source_dir / "tests/images/small.jpg");
    const std::size_t n = app1.size() + 2;
    std::string seg = "\xFF\xE1";
    seg += static_cast<char>(n >> 8);
    seg += static_cast<char>(n & 0xFF);
    return plain.substr(0, 2) + seg + app1 + plain.substr(2);
}

// An Exif APP1 with IFD0 holding one entry (tag, type, count, value).
std::string exif(bool little, unsigned tag, unsigned type, unsigned count, unsigned value) {
    auto u16 = [&](unsigned v) {
        return little ? std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)}
                      : std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
    };
    auto u32 = [&](unsigned v) {
        return little ? u16(v & 0xFFFF) + u16(v >> 16) : u16(v >> 16) + u16(v & 0xFFFF);
    };
    std::string s("Exif\0\0", 6);
    s += little ? std::string("II*\0", 4) : std::string("MM\0*", 4);
    s += u32(8) + u16(2);
    s += u16(0x010F) + u16(2) + u32(4) + std::string("Cam\0", 4); // Make, before it
    s += u16(tag) + u16(type) + u32(count) + u16(value) + u16(0);
    return s + u32(0);
}

int orientation_of(const std::string& jpeg) {
    const auto path = std::filesystem::temp_directory_path() / "chronik_exif_test.jpg";
    test::write_file(path, jpeg);
    std::string why;
    const auto info = reader::probe_image(path.string(), why);
    std::filesystem::remove(path);
    REQUIRE_MESSAGE(info, why);
    return info->orientation;
}

} // namespace

TEST_CASE("reader: a JPEG's EXIF orientation in either byte order, anything odd read as upright") {
    for (const bool little : {true, false})
        for (unsigned o = 1; o <= 8; ++o) {
            CAPTURE(little);
            CAPTURE(o);
            CHECK(orientation_of(jpeg_with_app1(exif(little, 274, 3, 1, o))) ==
                  static_cast<int>(o));
        }
    CHECK(orientation_of(test::read_file(test::source_dir / "tests/images/small.jpg")) == 1);
    CHECK(orientation_of(jpeg_with_app1(exif(true, 274, 3, 1, 9))) == 1);  // out of range
    CHECK(orientation_of(jpeg_with_app1(exif(true, 274, 4, 1, 6))) == 1);  // LONG, not SHORT
    CHECK(orientation_of(jpeg_with_app1(exif(false, 274, 3, 2, 6))) == 1); // two values
    CHECK(orientation_of(jpeg_with_app1(exif(true, 275, 3, 1, 6))) == 1);  // another tag
    // Cut short: the entry, the IFD's count, the TIFF header; the IFD
    // offset pointing past the segment; not Exif at all.
    const std::string whole = exif(true, 274, 3, 1, 6);
    for (std::size_t cut :
         {whole.size() - 6, std::size_t{27}, std::size_t{19}, std::size_t{16}, std::size_t{9}})
        CHECK(orientation_of(jpeg_with_app1(whole.substr(0, cut))) == 1);
    std::string far = whole;
    far[10] = '\x7F';
    CHECK(orientation_of(jpeg_with_app1(far)) == 1);
    CHECK(orientation_of(jpeg_with_app1("Exig" + whole.substr(4))) == 1);
    // Only the first Exif segment counts.
    CHECK(orientation_of(jpeg_with_app1(exif(true, 274, 3, 1, 3),
                                        jpeg_with_app1(exif(true, 274, 3, 1, 6)))) == 3);
}
