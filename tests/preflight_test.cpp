// Preflight (issue #13): each rule on hand-made pages, with its exact
// message and line, what it gathers and what it leaves alone; booklet
// padding. The inks here are a stand-in table (the colours the tests use),
// so that each rule is tested apart from the output profile.
#include "helpers.hpp"
#include "preflight/preflight.hpp"
#include "preflight/rules.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using namespace chronik::layout;
using chronik::preflight::Inks;

namespace {

// #222222 and other greys: K alone; the cyan #0080c0: C and M; the dark
// brown #301010 over 300 %; a CMYK colour as written.
Inks test_inks(const style::Color& c) {
    if (c.cmyk)
        return {c.c / 100.0, c.m / 100.0, c.y / 100.0, c.k / 100.0};
    if (c.r == c.g && c.g == c.b)
        return {0, 0, 0, 1 - c.r / 255.0};
    if (c == style::Color{0x00, 0x80, 0xc0})
        return {0.85, 0.40, 0, 0.002}; // the K under the threshold makes no plate
    if (c == style::Color{0x30, 0x10, 0x10})
        return {0.60, 0.85, 0.80, 0.80};
    FAIL("no stand-in inks for this colour");
    return {};
}

const style::Color grey{0x22, 0x22, 0x22};
const style::Color cyan{0x00, 0x80, 0xc0};
const style::Color brown{0x30, 0x10, 0x10};

style::Style test_style() {
    style::Style s;
    s.source = "s.xml";
    for (auto& r : s.roles)
        r.color = grey;
    for (std::size_t i = 0; i < style::role_count; ++i)
        s.color_line[i] = s.size_line[i] = 10 + static_cast<int>(i);
    s.print.line = 5;
    return s;
}

model::Document test_doc() {
    model::Document d;
    d.meta.source = "c.xml";
    model::Image im;
    im.path = "/abs/photos/hafen.jpg";
    im.source = "photos/hafen.jpg";
    im.line = 7;
    d.blocks.push_back(im);
    return d;
}

Page a4() {
    Page p;
    p.width = mm(210);
    p.height = mm(297);
    return p;
}

ImageItem image(Length x, Length y, Length w, Length h, int px_w, int px_h) {
    ImageItem im;
    im.x = x;
    im.y = y;
    im.width = w;
    im.height = h;
    im.width_px = px_w;
    im.height_px = px_h;
    im.name = "/abs/photos/hafen.jpg";
    im.line = 7;
    im.png = false;
    return im;
}

TextItem text(Length size, style::Color c) {
    TextItem t;
    t.x = mm(20);
    t.y = mm(40);
    t.text = "Klein";
    t.size = size;
    t.color = c;
    return t;
}

std::vector<std::string> preflight_of(const PageTree& tree, const style::Style& s,
                                      const model::Document& doc) {
    Diagnostics d;
    preflight::check({tree, doc, s, test_inks, d});
    return test::lines(d);
}

PageTree pages(std::vector<std::vector<PageItem>> items) {
    PageTree t;
    for (auto& i : items) {
        t.pages.push_back(a4());
        t.pages.back().items = std::move(i);
    }
    return t;
}

} // namespace

TEST_CASE("preflight: clean pages give no warning") {
    // A picture at 300 ppi inside the page, 9 pt grey text.
    const auto tree =
        pages({{image(mm(20), mm(30), pt(2400 * 72.0 / 300), pt(1600 * 72.0 / 300), 2400, 1600),
                text(pt(9), grey)}});
    CHECK(preflight_of(tree, test_style(), test_doc()).empty());
}

TEST_CASE("preflight: an image under 250 ppi at its placed size, once, with its line") {
    // 600 x 400 pixels on 101.6 x 67.7 mm: 150 ppi, on pages 2 and 3.
    const auto im = image(mm(20), mm(30), pt(600 * 72.0 / 150), pt(400 * 72.0 / 150), 600, 400);
    const auto tree = pages({{}, {im}, {im}});
    const auto lines = preflight_of(tree, test_style(), test_doc());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "c.xml:7: warning: image 'photos/hafen.jpg' has 150 ppi at its placed size "
                      "(600 x 400 pixels on 101.6 x 67.7 mm, pages 2 and 3), under the 250 ppi "
                      "print needs");
}

TEST_CASE("preflight: the style's warn-below-ppi is the limit") {
    const auto tree =
        pages({{image(mm(20), mm(30), pt(600 * 72.0 / 150), pt(400 * 72.0 / 150), 600, 400)}});
    auto s = test_style();
    s.images.warn_below_ppi = 150;
    CHECK(preflight_of(tree, s, test_doc()).empty());
    s.images.warn_below_ppi = 151;
    CHECK(preflight_of(tree, s, test_doc()).size() == 1);
}

TEST_CASE("preflight: EXIF orientations 5 to 8 turn the pixels a quarter") {
    // Stored 400 wide and 1200 high; shown turned: 1200 wide, 400 high, at 300 ppi.
    auto im = image(mm(20), mm(30), pt(1200 * 72.0 / 300), pt(400 * 72.0 / 300), 400, 1200);
    for (const int o : {5, 6, 7, 8}) {
        CAPTURE(o);
        im.orientation = o;
        CHECK(preflight_of(pages({{im}}), test_style(), test_doc()).empty());
    }
    im.orientation = 1; // unturned, the same pixels on that box are 100 ppi across
    const auto lines = preflight_of(pages({{im}}), test_style(), test_doc());
    REQUIRE(lines.size() == 1);
    CHECK(test::has(lines, "has 100 ppi at its placed size (400 x 1200 pixels on"));
}

TEST_CASE("preflight: a cropped picture counts at the size that covers its box") {
    // 1200 x 1200 pixels drawn on 4 x 4 in (300 ppi), clipped to a box
    // 8 in wide and 2 in high: covering it takes 8 in, 150 ppi.
    auto im = image(0, 0, pt(4 * 72), pt(4 * 72), 1200, 1200);
    im.clip_x = 0;
    im.clip_y = pt(72);
    im.clip_w = pt(8 * 72);
    im.clip_h = pt(2 * 72);
    const auto lines = preflight_of(pages({{im}}), test_style(), test_doc());
    CHECK(test::has(lines, "has 150 ppi at its placed size"));
}

TEST_CASE("preflight: an image at the trim must run the bleed past it") {
    const Length w = pt(2400 * 72.0 / 300), h = pt(1200 * 72.0 / 300);
    SUBCASE("at the left and top edges, not past them") {
        const auto lines =
            preflight_of(pages({{image(0, 0, w, h, 2400, 1200)}}), test_style(), test_doc());
        REQUIRE(lines.size() == 1);
        CHECK(lines[0] == "c.xml:7: warning: image 'photos/hafen.jpg' touches the trim (top and "
                          "left edges, page 1) but runs 0 mm past it, not the 3 mm bleed the "
                          "print needs: trimming leaves a white edge");
    }
    SUBCASE("1 mm past the right edge") {
        const Page p = a4();
        const auto lines =
            preflight_of(pages({{image(p.width + mm(1) - w, mm(50), w, h, 2400, 1200)}}),
                         test_style(), test_doc());
        REQUIRE(lines.size() == 1);
        CHECK(test::has(lines, "touches the trim (right edge, page 1) but runs 1 mm past it"));
    }
    SUBCASE("3 mm past the edges it touches: none") {
        CHECK(preflight_of(pages({{image(-mm(3), -mm(3), w, h, 2400, 1200)}}), test_style(),
                           test_doc())
                  .empty());
    }
    SUBCASE("a bleed of 5 mm asks for 5") {
        auto s = test_style();
        s.print.bleed = 5;
        const auto lines =
            preflight_of(pages({{image(-mm(3), -mm(3), w, h, 2400, 1200)}}), s, test_doc());
        CHECK(test::has(lines, "(top and left edges, page 1) but runs 3 mm past it, not the 5 mm"));
    }
    SUBCASE("with no bleed in the style, an image at the trim has none") {
        auto s = test_style();
        s.print.bleed = 0;
        const auto lines =
            preflight_of(pages({{image(0, mm(50), w, h, 2400, 1200)}}), s, test_doc());
        REQUIRE(lines.size() == 1);
        CHECK(lines[0] == "c.xml:7: warning: image 'photos/hafen.jpg' touches the trim (left "
                          "edge, page 1) with no bleed past it (the style's <print bleed> is 0; "
                          "3 mm is usual): trimming leaves a white edge");
        CHECK(
            preflight_of(pages({{image(mm(1), mm(50), w, h, 2400, 1200)}}), s, test_doc()).empty());
    }
    SUBCASE("what the clip box cuts off does not count") {
        // Drawn 3 mm past the top edge, but clipped at the trim.
        auto im = image(mm(20), -mm(3), w, h, 2400, 1200);
        im.clip_x = mm(20);
        im.clip_y = 0;
        im.clip_w = w;
        im.clip_h = h - mm(3);
        CHECK(test::has(preflight_of(pages({{im}}), test_style(), test_doc()),
                        "touches the trim (top edge, page 1) but runs 0 mm past it"));
    }
    SUBCASE("inside the page: none") {
        CHECK(
            preflight_of(pages({{image(mm(1), mm(1), w, h, 2400, 1200)}}), test_style(), test_doc())
                .empty());
    }
}

TEST_CASE("preflight: small text on more than one plate, once per size and colour") {
    auto s = test_style();
    const auto caption = static_cast<std::size_t>(style::Role::Caption);
    s.roles[caption].size = 5.5;
    s.roles[caption].color = cyan;
    s.color_line[caption] = 31;
    s.size_line[caption] = 31;
    const auto tree = pages({{text(pt(5.5), cyan), text(pt(5.5), cyan)}, {text(pt(5.5), cyan)}});
    const auto lines = preflight_of(tree, s, test_doc());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "s.xml:31: warning: role 'caption' sets 5.5 pt text in #0080c0, which "
                      "prints on 2 plates (C 85 % M 40 % Y 0 % K 0 %; pages 1 and 2): text "
                      "under 6 pt blurs when the plates are out of register; give it a colour of "
                      "one ink (black or a grey prints on the black plate alone)");
}

TEST_CASE("preflight: roles of the same size and colour are named together, at the first") {
    auto s = test_style();
    for (const auto r : {style::Role::Caption, style::Role::Footer}) {
        s.roles[static_cast<std::size_t>(r)].size = 5;
        s.roles[static_cast<std::size_t>(r)].color = cyan;
    }
    const auto lines = preflight_of(pages({{text(pt(5), cyan)}}), s, test_doc());
    REQUIRE(lines.size() == 1);
    CHECK(test::has(lines, "s.xml:18: warning: roles 'caption' and 'footer' set 5 pt text in "
                           "#0080c0, which prints on 2 plates"));
}

TEST_CASE("preflight: small text on one plate, or 6 pt and larger, is fine") {
    auto s = test_style();
    s.roles[static_cast<std::size_t>(style::Role::Caption)].color = cyan;
    s.roles[static_cast<std::size_t>(style::Role::Caption)].size = 6;
    style::Color magenta;
    magenta.cmyk = true;
    magenta.m = 100;
    const auto tree = pages({{text(pt(5), grey), text(pt(4), magenta), text(pt(6), cyan)}});
    CHECK(preflight_of(tree, s, test_doc()).empty());
}

TEST_CASE("preflight: small text of no role is named with its page") {
    const auto lines = preflight_of(pages({{}, {text(pt(4), cyan)}}), test_style(), test_doc());
    REQUIRE(lines.size() == 1);
    CHECK(test::has(lines, "s.xml: warning: text set at 4 pt in #0080c0, which prints on 2 plates "
                           "(C 85 % M 40 % Y 0 % K 0 %; page 2)"));
}

TEST_CASE("preflight: a role colour over 300 % total ink, at its colour line") {
    auto s = test_style();
    const auto title = static_cast<std::size_t>(style::Role::Title);
    s.roles[title].color = brown;
    s.color_line[title] = 12;
    style::Color rich;
    rich.cmyk = true;
    rich.c = rich.m = rich.y = rich.k = 100;
    const auto footer = static_cast<std::size_t>(style::Role::Footer);
    s.roles[footer].color = rich;
    s.color_line[footer] = 40;
    const auto lines = preflight_of(pages({{}}), s, test_doc());
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "s.xml:12: warning: role 'title' has the colour #301010, which prints with "
                      "305 % total ink (C 60 % M 85 % Y 80 % K 80 %), over the 300 % a press "
                      "takes");
    CHECK(lines[1] == "s.xml:40: warning: role 'footer' has the colour cmyk(100%, 100%, 100%, "
                      "100%), which prints with 400 % total ink (C 100 % M 100 % Y 100 % K 100 "
                      "%), over the 300 % a press takes");
}

TEST_CASE("preflight: a booklet's page count is a multiple of 4") {
    auto s = test_style();
    s.print.booklet = true;
    const auto five = pages({{}, {}, {}, {}, {}});
    const auto lines = preflight_of(five, s, test_doc());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "s.xml:5: warning: the booklet has 5 pages, not a multiple of 4, which "
                      "saddle stitching needs; 3 pages short of 8 (pad=\"true\" adds blank pages "
                      "at the end)");
    CHECK(preflight_of(pages({{}, {}, {}, {}}), s, test_doc()).empty());
    s.print.booklet = false; // not a booklet: any count
    CHECK(preflight_of(five, s, test_doc()).empty());
}

TEST_CASE("preflight: pad adds blank pages up to a multiple of 4, with a note") {
    auto s = test_style();
    s.print.booklet = true;
    s.print.pad = true;
    auto tree = pages({{text(pt(9), grey)}, {}, {}, {}, {}, {text(pt(9), grey)}});
    tree.pages[5].number = 6;
    tree.pages[5].anchors.push_back({"p", 0});
    Diagnostics d;
    preflight::pad_booklet(tree, s, d);
    REQUIRE(tree.pages.size() == 8);
    for (const std::size_t i : {6u, 7u}) {
        CHECK(tree.pages[i].items.empty());
        CHECK(tree.pages[i].anchors.empty());
        CHECK(tree.pages[i].number == 0);
        CHECK(tree.pages[i].width == mm(210));
        CHECK(tree.pages[i].height == mm(297));
    }
    CHECK(tree.pages[5].number == 6); // the pages before stay as they were
    CHECK(tree.pages[5].items.size() == 1);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].severity == Severity::Note);
    CHECK(format(d.items()[0]) == "s.xml:5: note: added 2 blank pages at the end of the booklet: "
                                  "6 + 2 = 8 pages, a multiple of 4 for saddle stitching");
    // Padded, the count is right: no warning about it.
    CHECK(preflight_of(tree, s, test_doc()).empty());
    // Padding again adds nothing.
    d.clear();
    preflight::pad_booklet(tree, s, d);
    CHECK(tree.pages.size() == 8);
    CHECK(d.items().empty());
}

TEST_CASE("preflight: pad without booklet, or a booklet without pad, adds nothing") {
    auto s = test_style();
    auto tree = pages({{}, {}, {}});
    Diagnostics d;
    s.print.pad = true;
    preflight::pad_booklet(tree, s, d);
    s.print.pad = false;
    s.print.booklet = true;
    preflight::pad_booklet(tree, s, d);
    CHECK(tree.pages.size() == 3);
    CHECK(d.items().empty());
}

TEST_CASE("preflight: page lists stay short") {
    using preflight::pages_text;
    CHECK(pages_text({3}) == "page 3");
    CHECK(pages_text({5, 3, 3}) == "pages 3 and 5");
    CHECK(pages_text({1, 2, 3, 4}) == "pages 1, 2, 3 and 4");
    CHECK(pages_text({1, 2, 3, 4, 5, 6}) == "pages 1, 2, 3 and 3 more");
}
