// Golden cases: tests/cases/<name>/input.xml with the expected model dump
// and Markdown beside it. CHRONIK_UPDATE_GOLDEN=1 rewrites them.
#include "compose/composer.hpp"
#include "helpers.hpp"
#include "layout/brochure.hpp"
#include "layout/hyphenator.hpp"
#include "model/dump.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"

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
        layout::FontSet fonts;
        Diagnostics d;
        const auto hyphenator = layout::Hyphenator::for_language(doc.meta.language);
        const auto tree =
            layout::lay_out_brochure(doc, style::default_style(), fonts, hyphenator.get(), d);
        test::check_golden(dir / "expected.layout.txt", layout::dump(tree, fonts));
    }
    CHECK(cases >= 2);
}

TEST_CASE("golden: the sample's Markdown") {
    const auto doc = compose_file(test::source_dir / "data/lecos-chronik.xml");
    test::check_golden(test::source_dir / "tests/golden/lecos-chronik.md", render_md(doc));
}
