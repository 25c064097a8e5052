// libFuzzer target: the style loader on arbitrary bytes, and every sheet it
// accepts put to work: tests/cases/rich rendered with it into every format
// (in memory), since a style's numbers (page size, margins, sizes, leading)
// drive the layout.
#include "pipeline/pipeline.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

const chronik::chronicle::Chronicle& sample() {
    static const chronik::chronicle::Chronicle c = [] {
        chronik::Diagnostics d;
        auto r = chronik::pipeline::load(CHRONIK_SOURCE_DIR "/tests/cases/rich/input.xml", d);
        if (!r)
            std::abort();
        return *r;
    }();
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace chronik;
    Diagnostics diags;
    const auto s = style::read_style_text(std::string(reinterpret_cast<const char*>(data), size),
                                          "fuzz-style.xml", diags);
    if (s.has_value() == diags.has_errors())
        std::abort();
    for (const auto& d : diags.items())
        if (d.message.empty() || format(d).empty())
            std::abort();
    if (!s)
        return 0;
    // What the reader promises about an accepted sheet (docs/styles.md).
    if (s->page.width < 50 || s->page.height < 50 ||
        s->page.margin_inner + s->page.margin_outer > s->page.width - 20 ||
        s->page.margin_top + s->page.margin_bottom > s->page.height - 20)
        std::abort();
    for (const auto& r : s->roles)
        if (!(r.size >= 2 && r.size <= 400 && r.leading >= 1 && r.leading <= 500) ||
            r.font.family.empty())
            std::abort();

    compose::Options options;
    const auto doc = pipeline::document(sample(), *s, options, diags);
    static const auto formats = render::builtin_registry();
    for (const auto* r : formats.all()) {
        std::ostringstream out(std::ios::binary);
        try {
            pipeline::render(doc, *s, *r, {}, out, diags);
        } catch (const Failure&) {
            // a refusal with a message (a limit, a font without outlines) is fine
        }
    }
    return 0;
}
