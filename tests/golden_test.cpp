// Golden cases: tests/cases/<name>/input.xml with the expected model dump
// and Markdown beside it. CHRONIK_UPDATE_GOLDEN=1 rewrites them.
#include "compose/composer.hpp"
#include "design/design.hpp"
#include "helpers.hpp"
#include "layout/page_dump.hpp"
#include "model/dump.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"
#include "text/hyphenator.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace chronik;
namespace fs = std::filesystem;

namespace {
model::Document compose_file(const fs::path& input) {
    Diagnostics d;
    auto c = reader::read_chronicle(input.string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = 1700000000;
    return compose::compose(*c, style::default_style(), o, d);
}
// The page tree of a registered design, on `threads` threads.
layout::PageTree lay_out(std::string_view design, const model::Document& doc,
                         const style::Style& style, text::FontSet& fonts, Diagnostics& d,
                         unsigned threads = 1) {
    const auto hyphenator = text::Hyphenator::for_language(doc.meta.language);
    const design::Design* found = design::find_design(design);
    REQUIRE(found);
    return found->lay_out({doc, style, fonts, hyphenator.get(), d, threads});
}
style::Style builtin(const std::string& name) {
    Diagnostics d;
    auto s = style::resolve_style(name, d);
    REQUIRE_MESSAGE(s, test::joined(test::lines(d)));
    return *s;
}
std::string render_md(const model::Document& doc) {
    std::ostringstream out;
    Diagnostics d;
    render::builtin_registry().find("md")->render(doc, style::default_style(), {}, out, d);
    return out.str();
}
} // namespace

TEST_CASE("golden: every case under tests/cases") {
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(test::source_dir / "tests/cases")) {
        const fs::path dir = entry.path();
        if (!fs::exists(dir / "input.xml"))
            continue;
        ++cases;
        CAPTURE(dir.filename().string());
        const auto doc = compose_file(dir / "input.xml");
        test::check_golden(dir / "expected.model.txt", model::dump(doc));
        test::check_golden(dir / "expected.md", render_md(doc));
        // What the brochure layout set where (fonts from scripts/install-deps.sh).
        text::FontSet fonts;
        Diagnostics d;
        const auto tree = lay_out("brochure", doc, style::default_style(), fonts, d);
        test::check_golden(dir / "expected.layout.txt", layout::dump(tree, fonts));
        // The fact sheet (styles/factsheet.xml), where a case has its golden.
        if (fs::exists(dir / "expected.factsheet.layout.txt") ||
            std::getenv("CHRONIK_UPDATE_GOLDEN")) {
            text::FontSet sheet_fonts;
            const auto sheet = lay_out("factsheet", doc, builtin("factsheet"), sheet_fonts, d);
            CHECK(sheet.pages.size() == 1);
            test::check_golden(dir / "expected.factsheet.layout.txt",
                               layout::dump(sheet, sheet_fonts));
        }
    }
    CHECK(cases >= 2);
}

TEST_CASE("golden: the sample's Markdown") {
    const auto doc = compose_file(test::source_dir / "data/lecos-chronik.xml");
    test::check_golden(test::source_dir / "tests/golden/lecos-chronik.md", render_md(doc));
}

TEST_CASE("layout: a long document is laid out the same on one thread and on two") {
    // Over 400 blocks, so a helper sets paragraphs ahead (layout/prefetch.hpp):
    // emphasis and strong (faces first asked for by the helper), links, a
    // character the body face lacks (a fallback face and a warning), dates
    // in one-liners and entries, all repeated with small changes.
    std::string xml = "<chronicle lang=\"de\"><title>Lange Chronik</title>"
                      "<subtitle>Viele Jahre</subtitle><organization>Test GmbH</organization>";
    for (int year = 1900; year < 2020; ++year) {
        const std::string y = std::to_string(year);
        xml += "<period label=\"" + y + "\">";
        xml += "<milestone date=\"" + y + "-03-0" + std::to_string(1 + year % 9) +
               "\"><title>Meilenstein " + y + "</title><p>Die Stadtverwaltung führte " + y +
               " die <em>elektronische Akte</em> ein, mit <strong>Bürgerservice</strong> und "
               "Informationstechnologie für Gemeindeverwaltungen im Freistaat.</p>"
               "<p>Mehr unter <a href=\"https://example.org/" +
               y + "\">example.org/" + y + "</a>, Zeichen " + (year % 10 == 0 ? "\u2603" : "x") +
               " im Text.</p></milestone>";
        xml += "<milestone date=\"" + y + "-11\"><title>Kurzmeldung " + y + "</title></milestone>";
        xml += "</period>";
    }
    xml += "</chronicle>";
    test::TempDir dir;
    test::write_file(dir / "long.xml", xml);
    const auto doc = compose_file(dir / "long.xml");
    REQUIRE(doc.blocks.size() > 400);
    auto lay_out_on = [&](unsigned threads) {
        text::FontSet fonts;
        Diagnostics d;
        const auto tree = lay_out("brochure", doc, style::default_style(), fonts, d, threads);
        return std::tuple{layout::dump(tree, fonts), test::lines(d),
                          tree.stats.prefetched_paragraphs};
    };
    const auto [one, one_warnings, one_helped] = lay_out_on(1);
    // U+2603 (not in Charis SIL), once per year ending in 0: one warning
    // with the count (MissingGlyphs, layout/paragraph.hpp).
    REQUIRE(one_warnings.size() == 1);
    CHECK_MESSAGE(one_warnings[0].find("used 12 times (at line 1)") != std::string::npos,
                  one_warnings[0]);
    CHECK(one_helped == 0);
    std::size_t helped_in_all = 0;
    for (int run = 0; run < 3; ++run) {
        const auto [two, two_warnings, helped] = lay_out_on(2);
        CHECK(two == one);
        CHECK(two_warnings == one_warnings);
        MESSAGE("paragraphs set by the helper and used: " << helped);
        helped_in_all += helped;
    }
    // The helper did set paragraphs the layout used, so the runs compare two
    // threads' work, not the same thread's twice. (Summed over the runs: on a
    // loaded machine one run's helper may start after the layout passed it.)
    CHECK(helped_in_all > 0);
}
