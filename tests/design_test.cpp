// Designs (src/design/): the registry, the declared tunables, how a style
// sheet sets them, and that docs/designs.md lists exactly what is declared.
#include "compose/composer.hpp"
#include "design/design.hpp"
#include "design/paragraph_styles.hpp"
#include "helpers.hpp"
#include "layout/galley.hpp"
#include "reader/chronicle_reader.hpp"
#include "style/style_reader.hpp"
#include "style/tunables.hpp"
#include "text/hyphenator.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cstdio>
#include <sstream>

using namespace chronik;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> style_errors(const std::string& text) {
    Diagnostics d;
    CHECK_FALSE(style::read_style_text(text, "s.xml", d));
    return test::lines(d);
}

std::string num(double x) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

model::Document compose_rich(const style::Style& s) {
    Diagnostics d;
    auto c = reader::read_chronicle((test::source_dir / "tests/cases/rich/input.xml").string(), d);
    REQUIRE(c);
    compose::Options o;
    o.epoch = 1700000000;
    return compose::compose(*c, s, o, d);
}

// The sample laid out with the style sheet `text`, as render would.
struct SampleLaidOut {
    explicit SampleLaidOut(const std::string& text) {
        Diagnostics d;
        auto read = style::read_style_text(text, "s.xml", d);
        REQUIRE(read);
        style = std::move(*read);
        auto c = reader::read_chronicle((test::source_dir / "data/lecos-chronik.xml").string(), d);
        REQUIRE(c);
        compose::Options o;
        o.epoch = 1700000000;
        doc = compose::compose(*c, style, o, d);
        const auto h = text::Hyphenator::for_language(doc.meta.language);
        tree = design::find_design(style.design)->lay_out({doc, style, fonts, h.get(), d});
    }
    style::Style style;
    model::Document doc;
    text::FontSet fonts;
    layout::PageTree tree;
};

} // namespace

TEST_CASE("design: the registry holds one design per name a style sheet may choose") {
    const auto names = style::design_names();
    REQUIRE(design::designs().size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        CHECK(design::designs()[i]->name() == names[i]);
        CHECK(design::find_design(names[i]) == design::designs()[i]);
        CHECK_FALSE(design::designs()[i]->description().empty());
    }
    CHECK(design::find_design("poster") == nullptr);
    CHECK(style::default_style().design == "brochure");
}

TEST_CASE("design: every tunable is declared once, for a registered design or for all") {
    std::vector<std::string_view> seen;
    for (const auto& t : style::tunables()) {
        CAPTURE(t.name);
        CHECK(std::find(seen.begin(), seen.end(), t.name) == seen.end());
        seen.push_back(t.name);
        CHECK((t.design.empty() || design::find_design(t.design)));
        CHECK(t.min <= t.default_value);
        CHECK(t.default_value <= t.max);
        CHECK_FALSE(t.help.empty());
        CHECK(style::find_tunable(t.name) == &t);
    }
    // A design reads the shared tunables and its own, no other design's.
    const auto brochure = design::find_design("brochure")->tunables();
    const auto has = [&](std::string_view n) {
        return std::any_of(brochure.begin(), brochure.end(),
                           [&](const style::Tunable* t) { return t->name == n; });
    };
    CHECK(has("title-position"));
    CHECK(has("rail-width"));
    CHECK_FALSE(has("milestones"));
    CHECK_THROWS_AS(style::tunable(style::default_style(), "no-such"), std::logic_error);
}

TEST_CASE("design: docs/designs.md lists exactly the declared tunables") {
    // Rows of the table between the markers: | name | default | unit | design | help |
    const std::string doc = test::read_file(test::source_dir / "docs/designs.md");
    const auto from = doc.find("<!-- tunables:begin -->");
    const auto to = doc.find("<!-- tunables:end -->");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    std::string expected = "| tunable | default | unit | range | design | what it sets |\n"
                           "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& t : style::tunables())
        expected += "| `" + std::string(t.name) + "` | " + num(t.default_value) + " | " +
                    std::string(t.unit) + " | " + num(t.min) + " to " + num(t.max) + " | " +
                    (t.design.empty() ? std::string("all, and DOCX") : std::string(t.design)) +
                    " | " + std::string(t.help) + " |\n";
    const auto start = doc.find('\n', from) + 1;
    const std::string table = doc.substr(start, to - start);
    INFO("expected table:\n" << expected);
    CHECK(table == expected);
}

TEST_CASE("design: a style sheet chooses the design and sets its tunables") {
    Diagnostics d;
    const auto s = style::read_style_text(
        "<style><design name=\"factsheet\">\n"
        "  <set name=\"milestones\" value=\"3\"/><set name=\"rail-width\" value=\"1cm\"/>\n"
        "</design></style>",
        "s.xml", d);
    REQUIRE_MESSAGE(s, test::joined(test::lines(d)));
    CHECK(s->design == "factsheet");
    CHECK(style::tunable(*s, "milestones") == 3);
    CHECK(style::tunable(*s, "rail-width") == doctest::Approx(10));
    CHECK(style::tunable(*s, "title-position") == 0.3); // not set: the default
    CHECK(style::tunable_per_mille(*s, "image-max-height") == 450);
}

TEST_CASE("design: bad designs and tunables are errors with their place") {
    auto has = [](const std::vector<std::string>& lines, const std::string& m) {
        INFO(test::joined(lines));
        CHECK(std::any_of(lines.begin(), lines.end(),
                          [&](const std::string& l) { return l.find(m) != std::string::npos; }));
    };
    has(style_errors("<style>\n<design name=\"poster\"/></style>"),
        "s.xml:2:9: error: unknown design 'poster' (one of: brochure, factsheet)");
    has(style_errors("<style><design>\n  <set name=\"rail\" value=\"3\"/></design></style>"),
        "s.xml:2:8: error: unknown tunable 'rail' (one of: title-position, image-max-height, "
        "image-dpi, rail-width,");
    has(style_errors("<style><design>\n<set name=\"milestones\" value=\"2.5\"/></design></style>"),
        "s.xml:2:24: error: value '2.5' of milestones is not a whole number (count)");
    has(style_errors("<style><design>\n<set name=\"image-dpi\" value=\"10\"/></design></style>"),
        "s.xml:2:23: error: value '10' of image-dpi is out of range (36 to 1200 dpi)");
    has(style_errors("<style><design>\n<set name=\"rail-width\" value=\"wide\"/></design></style>"),
        "s.xml:2:24: error: value 'wide' is not a length");
    has(style_errors("<style><design>\n<set name=\"milestones\"/></design></style>"),
        "s.xml:2:1: error: <set name=\"milestones\"> needs a value");
    has(style_errors("<style><design>\n<set name=\"milestones\" value=\"2\"/>"
                     "<set name=\"milestones\" value=\"3\"/></design></style>"),
        "error: tunable 'milestones' is already set on line 2");
    has(style_errors("<style><design/>\n<design/></style>"),
        "s.xml:2:1: error: <design> is given twice");
}

TEST_CASE("design: the brochure honours a rail width from the style sheet") {
    auto rail_x = [](const style::Style& s) {
        const auto doc = compose_rich(s);
        text::FontSet fonts;
        Diagnostics d;
        const auto h = text::Hyphenator::for_language(doc.meta.language);
        const auto tree = design::find_design("brochure")->lay_out({doc, s, fonts, h.get(), d});
        // The rail: the first vertical line on the first page with a period.
        for (const auto& page : tree.pages)
            for (const auto& item : page.items)
                if (const auto* l = std::get_if<layout::LineItem>(&item); l && l->x1 == l->x2)
                    return l->x1 - (page.number % 2 == 1 ? layout::mm(s.page.margin_inner)
                                                         : layout::mm(s.page.margin_outer));
        return layout::Length{-1};
    };
    auto s = style::default_style();
    const auto automatic = rail_x(s);
    s.tunables["rail-width"] = 30;
    CHECK(automatic > 0);
    CHECK(rail_x(s) == layout::mm(30) * 2 / 5);
    CHECK(rail_x(s) != automatic);
}

TEST_CASE("design: the fact sheet lists the most recent milestones, newest first, on one page") {
    Diagnostics d;
    auto s = style::resolve_style("factsheet", d);
    REQUIRE(s);
    CHECK(s->design == "factsheet");
    s->tunables["milestones"] = 2;
    const auto doc = compose_rich(*s);
    text::FontSet fonts;
    const auto h = text::Hyphenator::for_language(doc.meta.language);
    const auto tree = design::find_design("factsheet")->lay_out({doc, *s, fonts, h.get(), d});
    REQUIRE(tree.pages.size() == 1);
    CHECK(tree.pages[0].number == 0);
    // Anchors of the listed milestones, in order on the page.
    std::vector<std::string> ids;
    for (const auto& a : tree.pages[0].anchors)
        ids.push_back(a.id);
    CHECK(ids.size() == 2);
    std::vector<std::pair<model::Date, std::string>> dated;
    for (const auto& b : doc.blocks)
        if (const auto* e = std::get_if<model::DatedEntry>(&b))
            dated.emplace_back(e->date, e->id);
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    REQUIRE(dated.size() >= 2);
    CHECK(ids == std::vector<std::string>{dated[0].second, dated[1].second});
}

TEST_CASE("design: the fact sheet as a PDF: one page, title, intro and the newest milestone") {
    test::TempDir dir;
    const std::string sample = (test::source_dir / "data/lecos-chronik.xml").string();
    const auto run = test::run_chronik(
        {"render", sample, "-f", "pdf", "-s", "factsheet", "-o", dir.path().string()},
        fs::current_path(), "SOURCE_DATE_EPOCH=1700000000");
    REQUIRE_MESSAGE(run.status == 0, run.err);
    CHECK(run.err.find("runs over one page") == std::string::npos);
    const auto pdf = dir / "lecos-chronik.pdf";
    REQUIRE(fs::exists(pdf));
    auto shell = [](const std::string& cmd) {
        const auto [status, out] = test::shell(cmd);
        CHECK(status == 0);
        return out;
    };
    CHECK(shell("pdfinfo '" + pdf.string() + "'").find("Pages:           1\n") !=
          std::string::npos);
    const std::string text = shell("pdftotext -raw -enc UTF-8 '" + pdf.string() + "' -");
    CHECK(text.find("Meilensteine unserer Entwicklung") != std::string::npos);
    CHECK(text.find("Die jüngsten Meilensteine") != std::string::npos);
    CHECK(text.find("Was macht die Lecos GmbH aus?") != std::string::npos);
    // The newest milestone first: the list's first date is the latest year.
    const auto list = text.find("Die jüngsten Meilensteine");
    CHECK(text.find("2021", list) != std::string::npos);
    CHECK(
        shell("qpdf --check '" + pdf.string() + "'").find("No syntax or stream encoding errors") !=
        std::string::npos);
}

TEST_CASE("design: text stays on its page with the sheets fuzz_style_sample found") {
    // Each sheet set text off its page (a baseline below a page without a
    // bottom margin, a one-liner taller than the page, a footer date wider
    // than the measure, a contents entry taller than the page).
    const char* sheets[] = {
        "<style><page width=\"400mm\" height=\"400mm\" margin-top=\"59.77mm\" "
        "margin-bottom=\"0mm\" margin-inner=\"0mm\" margin-outer=\"0mm\"/>"
        "<document title-page=\"false\" toc=\"false\"/><design name=\"factsheet\"><set "
        "name=\"milestones\" value=\"1\"/></design><role name=\"title\" size=\"52pt\" "
        "leading=\"86pt\" space-before=\"203pt\"/><role name=\"intro\" size=\"375pt\" "
        "leading=\"187pt\" slant=\"italic\" align=\"center\"/></style>",
        "<style><page width=\"339.76mm\" height=\"282.91mm\" margin-top=\"7.93mm\" "
        "margin-bottom=\"35.97mm\" margin-inner=\"47.83mm\" margin-outer=\"42.09mm\"/>"
        "<document title-page=\"false\"/><role name=\"milestone-date\" size=\"156.34pt\" "
        "leading=\"450.6pt\"/></style>",
        "<style><page width=\"223.63mm\" height=\"398.64mm\" margin-top=\"0mm\" "
        "margin-bottom=\"0mm\" margin-inner=\"26.36mm\" margin-outer=\"0mm\"/><document "
        "title-page=\"false\" toc=\"false\"/><design name=\"factsheet\"/><role name=\"footer\" "
        "size=\"150pt\" leading=\"160pt\"/></style>",
        "<style><page width=\"328.15mm\" height=\"391.79mm\" margin-top=\"31.41mm\" "
        "margin-bottom=\"37.65mm\" margin-inner=\"25.34mm\" margin-outer=\"44.67mm\"/>"
        "<role name=\"toc\" size=\"175.27pt\" leading=\"259.11pt\" weight=\"bold\"/></style>",
    };
    for (const char* text : sheets) {
        CAPTURE(text);
        const SampleLaidOut laid(text);
        const auto& tree = laid.tree;
        std::size_t off = 0;
        for (const auto& page : tree.pages)
            for (const auto& item : page.items)
                if (const auto* t = std::get_if<layout::TextItem>(&item))
                    off += t->x < 0 || t->x >= page.width || t->y < 0 || t->y > page.height;
        CHECK(off == 0);
    }
}

TEST_CASE("design: a running head too narrow for the title and the period sets the period alone") {
    // A 60 mm page: title and period label would overlap; the label stays,
    // the title (the cover's) is left out of the head. On A4 both are set.
    for (const bool narrow : {true, false}) {
        CAPTURE(narrow);
        const std::string text =
            narrow ? "<style><page width=\"60mm\" height=\"90mm\" margin-top=\"12mm\" "
                     "margin-bottom=\"12mm\" margin-inner=\"10mm\" margin-outer=\"10mm\"/>"
                     "<role name=\"body\" size=\"12pt\" leading=\"14pt\"/></style>"
                   : "<style/>";
        const SampleLaidOut laid(text);
        const auto& s = laid.style;
        const auto& doc = laid.doc;
        const auto& fonts = laid.fonts;
        const auto& tree = laid.tree;
        std::size_t heads = 0, titles = 0, overlaps = 0;
        for (const auto& page : tree.pages) {
            std::vector<const layout::TextItem*> head;
            for (const auto& item : page.items)
                if (const auto* t = std::get_if<layout::TextItem>(&item))
                    if (t->y < layout::mm(s.page.margin_top))
                        head.push_back(t);
            if (head.empty())
                continue;
            ++heads;
            for (const auto* t : head)
                titles += t->text == doc.meta.title;
            for (std::size_t i = 0; i < head.size(); ++i)
                for (std::size_t k = i + 1; k < head.size(); ++k) {
                    const auto* a = head[i];
                    const auto* b = head[k];
                    const Length aw = fonts.at(a->face).width(a->text, a->size);
                    const Length bw = fonts.at(b->face).width(b->text, b->size);
                    overlaps += a->y == b->y && a->x < b->x + bw && b->x < a->x + aw;
                }
        }
        CHECK(heads > 5);
        CHECK(overlaps == 0);
        if (narrow)
            CHECK(titles < heads);
        else
            CHECK(titles == heads);
    }
}

TEST_CASE("design: a tint of a colour, on screen and in the inks of a cmyk() colour") {
    // sRGB: mixed with white, as the rail and the header rule always were.
    const style::Color rgb = design::blend({0x17, 0x32, 0x4d}, 0.5);
    CHECK(rgb == style::Color{0x8b, 0x99, 0xa6});
    CHECK_FALSE(rgb.cmyk);
    // CMYK: less of the same inks (a tint screen), and its screen look
    // mixed with white like any other.
    style::Color magenta{0xd4, 0x14, 0x7f};
    magenta.cmyk = true;
    magenta.m = 100;
    magenta.k = 10;
    const style::Color tint = design::blend(magenta, 0.35);
    CHECK(tint.cmyk);
    CHECK(tint.c == 0);
    CHECK(tint.m == 35);
    CHECK(tint.y == 0);
    CHECK(tint.k == 4);
    CHECK(tint.r == design::blend({0xd4, 0x14, 0x7f}, 0.35).r);
    CHECK(tint.g == design::blend({0xd4, 0x14, 0x7f}, 0.35).g);
}

TEST_CASE("design: the photo sample's figures keep with their caption and milestone, inside the "
          "text area, and the cover runs into the bleed in print") {
    Diagnostics d;
    auto c = reader::read_chronicle((test::source_dir / "data/auenwald-chronik.xml").string(), d);
    REQUIRE(c);
    for (const char* sheet : {"styles/brochure.xml", "styles/booklet.xml"}) {
        CAPTURE(sheet);
        auto s = style::read_style((test::source_dir / sheet).string(), d);
        REQUIRE(s);
        compose::Options o;
        o.epoch = 1700000000;
        const auto doc = compose::compose(*c, *s, o, d);
        text::FontSet fonts;
        const auto h = text::Hyphenator::for_language(doc.meta.language);
        const layout::Length bleed = layout::mm(3);
        design::Inputs in{doc, *s, fonts, h.get(), d};
        in.bleed = bleed;
        in.print = true;
        const auto tree = design::find_design("brochure")->lay_out(in);
        const auto g = layout::geometry_of(s->page);
        // Where each element's content is: page and top.
        std::map<int, std::pair<std::size_t, layout::Length>> first_at;
        for (std::size_t p = 0; p < tree.pages.size(); ++p)
            for (const auto& item : tree.pages[p].items)
                if (const auto* t = std::get_if<layout::TextItem>(&item); t && t->tag.element >= 0)
                    first_at.emplace(t->tag.element, std::pair{p, t->y});
        int figures = 0, floated = 0;
        for (std::size_t p = 0; p < tree.pages.size(); ++p) {
            const auto& page = tree.pages[p];
            const layout::Length left = g.left(static_cast<int>(p) + 1);
            for (const auto& item : page.items) {
                const auto* im = std::get_if<layout::ImageItem>(&item);
                if (!im || im->tag.element < 0)
                    continue;
                const auto e = static_cast<std::size_t>(im->tag.element);
                if (p == 0 && im->clip_w > 0) { // the cover: to the bleed at top and sides
                    CHECK(im->clip_x == -bleed);
                    CHECK(im->clip_y == -bleed);
                    CHECK(im->clip_w == g.width + 2 * bleed);
                    CHECK(im->x <= im->clip_x);
                    CHECK(im->x + im->width >= im->clip_x + im->clip_w);
                    continue;
                }
                if (tree.structure[e].parent < 0)
                    continue; // the logo
                ++figures;
                // Inside the text area: scaled down rather than overflowing.
                CHECK(im->x >= left);
                CHECK(im->x + im->width <= left + g.text_width());
                CHECK(im->y >= g.top);
                CHECK(im->y + im->height <= g.top + g.text_height());
                // Its caption (the next element, a Caption) directly below, same page.
                REQUIRE(e + 1 < tree.structure.size());
                if (tree.structure[e + 1].role == "Caption") {
                    const auto at = first_at.at(static_cast<int>(e + 1));
                    CHECK(at.first == p);
                    CHECK(at.second > im->y + im->height);
                    CHECK(at.second < im->y + im->height + layout::pt(30));
                }
                // Its milestone's heading (the last H3 before it) is on this page
                // or the one before (a figure that moved tops the page).
                int head = -1;
                for (std::size_t k = 0; k < e; ++k)
                    if (tree.structure[k].role == "H3")
                        head = static_cast<int>(k);
                REQUIRE(head >= 0);
                const auto hp = first_at.at(head).first;
                CHECK((hp == p || hp + 1 == p));
                if (hp + 1 == p && im->y == g.top)
                    ++floated;
            }
        }
        CHECK(figures == 7);
        CHECK(floated >= 1); // the sample has figures that move: the rule is exercised
    }
}
