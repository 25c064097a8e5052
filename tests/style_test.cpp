#include "helpers.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <utility>

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
    // Word and Windows name a font in at most 31 UTF-16 units (LOGFONT's
    // lfFaceName); a longer name goes into the DOCX as no font Word can find.
    expect_error("<style>\n<role name=\"body\" family=\"" + std::string(32, 'F') + "\"/></style>",
                 "s.xml:2:19: error: the font family '" + std::string(32, 'F') +
                     "' is too long: 32 characters, Word allows at most 31");
    // Counted in UTF-16 units: 31 letters with an umlaut pass, 16 letters
    // outside the BMP (two units each) do not.
    CHECK(read("<style><role name=\"body\" family=\"" + std::string(30, 'F') +
               "\xc3\xa4\"/></style>"));
    std::string wide;
    for (int i = 0; i < 16; ++i)
        wide += "\xf0\x9d\x90\x80"; // U+1D400
    expect_error("<style><role name=\"body\" family=\"" + wide + "\"/></style>",
                 "is too long: 32 characters, Word allows at most 31");
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

TEST_CASE("style: colours in CMYK keep their inks and look on screen through the profile") {
    const auto s = read("<style>\n"
                        "<role name=\"body\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                        "<role name=\"title\" color=\"cmyk(100,60,0,20)\" size=\"30\"/>\n"
                        "<role name=\"caption\" color=\" #17324d\"/>\n"
                        "</style>");
    // A leading space is not a colour (as before): the sheet is refused.
    CHECK_FALSE(s);
    const auto t = read("<style>\n"
                        "<role name=\"body\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                        "<role name=\"title\" color=\"cmyk( 100 , 60% ,0,20 )\" size=\"30\"/>\n"
                        "<role name=\"caption\" color=\"#17324d\"/>\n"
                        "</style>");
    REQUIRE(t);
    const auto& body = t->role(style::Role::Body).color;
    CHECK(body.cmyk);
    CHECK(body.c == 0);
    CHECK(body.m == 0);
    CHECK(body.y == 0);
    CHECK(body.k == 100);
    // Solid K on coated paper looks a dark neutral grey on screen, not #000.
    CHECK(body.r < 80);
    CHECK(body.r > 10);
    CHECK(std::abs(int(body.r) - int(body.g)) < 8);
    CHECK(std::abs(int(body.r) - int(body.b)) < 8);
    const auto& title = t->role(style::Role::Title).color;
    CHECK(title.cmyk);
    CHECK(title.c == 100);
    CHECK(title.m == 60);
    CHECK(title.y == 0);
    CHECK(title.k == 20);
    CHECK(title.b > title.g); // a blue
    CHECK(title.g > title.r);
    const auto& caption = t->role(style::Role::Caption).color;
    CHECK_FALSE(caption.cmyk);
    CHECK(caption == style::Color{0x17, 0x32, 0x4d});
    // The lines of each role's colour and size; 0 where the sheet set none.
    CHECK(t->color_line[static_cast<std::size_t>(style::Role::Body)] == 2);
    CHECK(t->color_line[static_cast<std::size_t>(style::Role::Title)] == 3);
    CHECK(t->color_line[static_cast<std::size_t>(style::Role::Caption)] == 4);
    CHECK(t->color_line[static_cast<std::size_t>(style::Role::Intro)] == 0);
    CHECK(t->size_line[static_cast<std::size_t>(style::Role::Title)] == 3);
    CHECK(t->size_line[static_cast<std::size_t>(style::Role::Body)] == 0);
}

TEST_CASE("style: bad cmyk() colours are refused at the attribute") {
    expect_error("<style>\n<role name=\"body\" color=\"cmyk(0%, 0%, 0%, 120%)\"/></style>",
                 "s.xml:2:19: error: color 'cmyk(0%, 0%, 0%, 120%)': K 120% is not a whole per "
                 "cent from 0 to 100");
    expect_error("<style><role name=\"body\" color=\"cmyk(-1, 0, 0, 0)\"/></style>",
                 "C -1% is not a whole per cent");
    expect_error("<style><role name=\"body\" color=\"cmyk(0, 12.5, 0, 0)\"/></style>",
                 "M 12.5% is not a whole per cent");
    for (const char* bad :
         {"cmyk(0, 0, 0)", "cmyk(0, 0, 0, 0, 0)", "cmyk(0 0 0 0)", "cmyk()", "cmyk(a, b, c, d)",
          "cmyk(0, 0, 0, 0", "cmyk(0%%, 0, 0, 0)", "cmyk(nan, 0, 0, 0)", "cmyk(0, 0, 0, inf)",
          "CMYK(0,0,0,100)", "", "rgb(0, 0, 0)"}) {
        CAPTURE(bad);
        expect_error("<style><role name=\"body\" color=\"" + std::string(bad) + "\"/></style>",
                     "is not of the form #RRGGBB or cmyk(C%, M%, Y%, K%)");
    }
}

TEST_CASE("style: <print> sets the print production, with defaults for what it leaves out") {
    const auto def = style::default_style();
    CHECK(def.print.bleed == 3);
    CHECK(def.print.crop_marks);
    CHECK(def.print.output_condition_identifier == "FOGRA39");
    CHECK(def.print.profile.empty());
    CHECK(def.print.line == 0);
    const auto s =
        read("<style>\n"
             "<print bleed=\"5mm\" crop-marks=\"false\" slug=\"8\"\n"
             "  output-condition=\"Coated FOGRA51 (ISO 12647-2:2013)\"\n"
             "  output-condition-identifier=\"FOGRA51\" registry=\"http://www.fogra.org\"\n"
             "  photos=\"convert\" booklet=\"true\" pad=\"true\" cover=\"framed\"/>\n"
             "</style>");
    REQUIRE(s);
    CHECK(s->print.bleed == doctest::Approx(5));
    CHECK_FALSE(s->print.crop_marks);
    CHECK(s->print.slug == doctest::Approx(8));
    CHECK(s->print.output_condition == "Coated FOGRA51 (ISO 12647-2:2013)");
    CHECK(s->print.output_condition_identifier == "FOGRA51");
    CHECK(s->print.registry == "http://www.fogra.org");
    CHECK(s->print.photos == style::Print::Photos::Convert);
    CHECK(s->print.booklet);
    CHECK(s->print.pad);
    CHECK(s->print.cover == style::Print::Cover::Framed);
    CHECK(s->print.line == 2);
    CHECK(s->print.profile.empty());
    CHECK(s->print.profile_line == 0);
    // Bleed in inches is converted; 0 is allowed (no bleed).
    CHECK(read("<style><print bleed=\"0.125in\"/></style>")->print.bleed == doctest::Approx(3.175));
    CHECK(read("<style><print bleed=\"0\"/></style>")->print.bleed == 0);
}

TEST_CASE("style: <print profile> loads the ICC file beside the sheet, and checks it") {
    test::TempDir dir;
    const std::string fogra = test::read_file(
        "/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc");
    std::filesystem::create_directories(dir / "icc");
    test::write_file(dir / "icc" / "press.icc", fogra);
    test::write_file(dir / "sheet.xml", "<style>\n<role name=\"body\" color=\"cmyk(0,0,0,100)\"/>\n"
                                        "<print\n  profile=\"icc/press.icc\"/></style>");
    Diagnostics d;
    const auto s = style::read_style((dir / "sheet.xml").string(), d);
    INFO(joined(lines(d)));
    REQUIRE(s);
    CHECK(s->print.profile == (dir / "icc" / "press.icc").string());
    CHECK(s->print.profile_line == 4);
    CHECK(s->print.line == 3);
    CHECK(s->role(style::Role::Body).color.r < 80);

    // An RGB profile, a missing file, a truncated one: errors at the attribute.
    std::filesystem::copy_file("/usr/share/color/icc/sRGB.icc", dir / "srgb.icc");
    test::write_file(dir / "cut.icc", fogra.substr(0, 1000));
    const std::pair<const char*, const char*> cases[] = {{"srgb.icc", "not CMYK"},
                                                         {"none.icc", "cannot read ICC profile"},
                                                         {"cut.icc", "truncated"},
                                                         {"sheet.xml", "not an ICC profile"},
                                                         {"", "empty"}};
    for (const auto& [file, words] : cases) {
        CAPTURE(file);
        test::write_file(dir / "bad.xml", "<style>\n<print bleed=\"3\"\n   profile=\"" +
                                              std::string(file) + "\"/></style>");
        Diagnostics bad;
        CHECK_FALSE(style::read_style((dir / "bad.xml").string(), bad));
        const auto out = lines(bad);
        INFO(joined(out));
        CHECK(has(out, (dir / "bad.xml").string() + ":3:4: error: profile"));
        CHECK(has(out, words));
    }
}

TEST_CASE("style: bad <print> and <images> are refused at their attribute") {
    expect_error("<style>\n<print bleed=\"25\"/></style>",
                 "s.xml:2:8: error: bleed '25' is out of range (0 to 20 mm)");
    expect_error("<style><print bleed=\"-1mm\"/></style>", "out of range");
    expect_error("<style><print bleed=\"lots\"/></style>", "bleed 'lots' is not a length");
    expect_error("<style><print crop-marks=\"maybe\"/></style>", "must be true or false");
    expect_error("<style><print photos=\"cmyk\"/></style>",
                 "photos 'cmyk' is not one of: keep-rgb, convert");
    expect_error("<style><print cover=\"full\"/></style>",
                 "cover 'full' is not one of: bleed, framed");
    expect_error("<style><print output-condition-identifier=\" \"/></style>",
                 "output-condition-identifier is empty");
    expect_error("<style><print pad=\"true\"/></style>", "pad=\"true\" needs booklet=\"true\"");
    expect_error("<style><print trim=\"3\"/></style>", "unknown attribute 'trim' on <print>");
    expect_error("<style><print/>\n<print/></style>", "s.xml:2:1: error: <print> is given twice");
    expect_error("<style><print>x</print></style>", "<print> must be empty");
    expect_error("<style>\n<images print-ppi=\"100\"/></style>",
                 "s.xml:2:9: error: print-ppi '100' is out of range (150 to 1200 ppi)");
    expect_error("<style><images screen-ppi=\"high\"/></style>",
                 "screen-ppi 'high' is not a number");
    expect_error("<style><images print-ppi=\"400\" print-max-ppi=\"350\"/></style>",
                 "print-max-ppi (350) is below print-ppi (400)");
    expect_error("<style><images print-ppi=\"600\"/></style>",
                 "print-max-ppi (450) is below print-ppi (600)");
    expect_error("<style><images warn-below-ppi=\"320\"/></style>",
                 "warn-below-ppi (320) is above print-ppi (300)");
    expect_error("<style><images dpi=\"300\"/></style>", "unknown attribute 'dpi' on <images>");
    expect_error("<style><images/><images/></style>", "<images> is given twice");
    expect_error("<style><fonts/></style>",
                 "(allowed: page, document, design, role, print, images)");
    const auto s = read("<style><images screen-ppi=\"96\" print-ppi=\"600\" print-max-ppi=\"900\" "
                        "warn-below-ppi=\"200\"/></style>");
    REQUIRE(s);
    CHECK(s->images.screen_ppi == 96);
    CHECK(s->images.print_ppi == 600);
    CHECK(s->images.print_max_ppi == 900);
    CHECK(s->images.warn_below_ppi == 200);
    CHECK(style::default_style().images.print_ppi == 300);
}
