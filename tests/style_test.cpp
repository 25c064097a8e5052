#include "helpers.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace chronik;
using chronik::test::has;
using chronik::test::joined;
using chronik::test::lines;

namespace {
std::optional<style::Style> read(const std::string& text, std::vector<std::string>* out = nullptr) {
    Diagnostics d;
    auto s = style::read_style_text(text, "s.xml", d);
    if (out)
        *out = lines(d);
    return s;
}
void expect_error(const std::string& text, const std::string& message) {
    std::vector<std::string> diags;
    CHECK_FALSE(read(text, &diags));
    INFO(joined(diags));
    CHECK(has(diags, message));
}
} // namespace

TEST_CASE("style: the shipped sheets load, and the default is the brochure") {
    for (const char* name : {"brochure", "booklet", "factsheet"}) {
        CAPTURE(name);
        Diagnostics d;
        const auto s = style::read_style(
            (test::source_dir / "styles" / (std::string(name) + ".xml")).string(), d);
        INFO(joined(lines(d)));
        REQUIRE(s);
        CHECK(d.items().empty());
        CHECK(s->name == name);
    }
    const auto def = style::default_style();
    CHECK(def.name == "brochure");
    CHECK(def.page.size_name == "A4");
    CHECK(def.page.width == 210);
    CHECK(def.page.height == 297);
    CHECK(def.role(style::Role::Body).align == style::Align::Justify);
    CHECK(def.role(style::Role::Body).hyphenate);
    CHECK(style::builtin_style_names() ==
          std::vector<std::string>{"booklet", "brochure", "factsheet"});
}

TEST_CASE("style: a sheet overrides only what it names") {
    const auto s = read(R"(<style name="mine"><page size="A5" margin-top="1cm"/>
      <role name="body" family="DejaVu Serif" weight="bold" slant="italic" size="12" leading="0.25in"
            color="#FF8000" space-before="2mm" space-after="3pt" align="left" hyphenate="no"/>
      <document toc="false"/></style>)");
    REQUIRE(s);
    CHECK(s->name == "mine");
    CHECK(s->page.size_name == "A5");
    CHECK(s->page.width == 148);
    CHECK(s->page.margin_top == doctest::Approx(10));
    const auto& b = s->role(style::Role::Body);
    CHECK(b.font.family == "DejaVu Serif");
    CHECK(b.font.bold);
    CHECK(b.font.italic);
    CHECK(b.size == 12);
    CHECK(b.leading == 18);
    CHECK(b.color == style::Color{0xFF, 0x80, 0x00});
    CHECK(b.space_before == doctest::Approx(5.669).epsilon(0.001));
    CHECK(b.align == style::Align::Left);
    CHECK_FALSE(b.hyphenate);
    CHECK_FALSE(s->toc);
    CHECK(s->title_page);
    // untouched roles keep the brochure's values
    CHECK(s->role(style::Role::Title).size == style::default_style().role(style::Role::Title).size);
}

TEST_CASE("style: custom page sizes") {
    const auto s = read(R"(<style><page width="170mm" height="240"/></style>)");
    REQUIRE(s);
    CHECK(s->page.size_name.empty());
    CHECK(s->page.width == doctest::Approx(170));
    CHECK(s->page.height == doctest::Approx(240));
}

TEST_CASE("style: bad sheets get clear errors with their place") {
    expect_error("<sheet/>", "s.xml:1:1: error: the root element must be <style>");
    expect_error("<style>\n<page size=\"A3\"/></style>",
                 "s.xml:2:7: error: page size 'A3' is not known");
    expect_error("<style><page width=\"100mm\"/></style>", "give both width and height");
    expect_error("<style><page size=\"A4\" width=\"100\" height=\"100\"/></style>", "not both");
    expect_error("<style><page size=\"A5\" margin-inner=\"70mm\" margin-outer=\"70mm\"/></style>",
                 "the margins leave less than 20 mm");
    expect_error("<style>\n  <role name=\"bodytext\"/></style>",
                 "s.xml:2:9: error: unknown role 'bodytext'");
    expect_error("<style><role family=\"X\"/></style>", "<role> needs a name");
    expect_error("<style><role name=\"body\" size=\"big\"/></style>", "size 'big' is not a length");
    expect_error("<style><role name=\"body\" size=\"12px\"/></style>",
                 "size '12px' is not a length");
    expect_error("<style><role name=\"body\" size=\"-3\"/></style>", "is out of range");
    expect_error("<style><role name=\"body\" color=\"red\"/></style>",
                 "color 'red' is not of the form #RRGGBB");
    expect_error("<style><role name=\"body\" align=\"middle\"/></style>",
                 "align 'middle' is not one of: left, justify, center, right");
    expect_error("<style><role name=\"body\" hyphenate=\"maybe\"/></style>",
                 "must be true or false");
    expect_error("<style><role name=\"body\" weight=\"heavy\"/></style>",
                 "weight 'heavy' is not one of");
    expect_error("<style><role name=\"body\" kerning=\"on\"/></style>",
                 "unknown attribute 'kerning' on <role>");
    expect_error("<style><role name=\"body\"/>\n<role name=\"body\"/></style>",
                 "s.xml:2:7: error: role 'body' is already set on line 1");
    expect_error("<style><fonts/></style>", "unknown element <fonts> in <style>");
    expect_error("<style><role name=\"body\">text</role></style>", "<role> must be empty");
    expect_error("<style><role name=\"body\" family=\"\"/></style>", "the font family is empty");
    expect_error("<!DOCTYPE style><style/>", "DOCTYPE");
}

TEST_CASE("style: resolve a built-in name or a file, unknown names list the choices") {
    Diagnostics d;
    auto s = style::resolve_style("booklet", d);
    REQUIRE(s);
    CHECK(s->page.size_name == "A5");
    s = style::resolve_style((test::source_dir / "styles/brochure.xml").string(), d);
    REQUIRE(s);
    CHECK(s->page.size_name == "A4");
    CHECK_FALSE(style::resolve_style("glossy", d));
    CHECK(has(lines(d), "glossy: error: no such style file, and no built-in style of that name "
                        "(built-in: booklet, brochure, factsheet)"));
}

TEST_CASE("style: the built-in sheets are the files in styles/") {
    // The binary embeds styles/*.xml at build time; a stale copy would
    // silently render with old values.
    CHECK(style::resolve_style("booklet", *std::make_unique<Diagnostics>())
              ->role(style::Role::Body)
              .size == read(test::read_file(test::source_dir / "styles/booklet.xml"))
                           ->role(style::Role::Body)
                           .size);
}
