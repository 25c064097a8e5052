#include "docx_media.hpp"

#include "docx_units.hpp"
#include "style/tunables.hpp"

#include <algorithm>
#include <cmath>

namespace chronik::render::docx {

Extent image_extent(const model::Image& img, const Context& ctx) {
    // The PDF's limits (style/tunables.hpp): pixels at image-dpi at most,
    // no taller than image-max-height of the text area, no wider than it.
    const std::int64_t w = std::max(1, img.width_px), h = std::max(1, img.height_px);
    const double dpi = style::tunable(ctx.style, style::tune::image_dpi);
    std::int64_t cx = std::llround(static_cast<double>(w) * emu_per_inch / dpi);
    std::int64_t cy = std::llround(static_cast<double>(h) * emu_per_inch / dpi);
    // The column right of the rail, or the whole text width (over the rail)
    // for a picture the chronicle wants that wide; one it wants as wide as
    // either is shown so, however few its pixels (as in the PDF).
    const bool wide = img.width == model::Image::Width::Text;
    const std::int64_t max_cx = emu_from_twips(wide ? ctx.text_width() : ctx.column_width());
    if (img.width != model::Image::Width::Auto) {
        cy = cy * max_cx / std::max<std::int64_t>(cx, 1);
        cx = max_cx;
    }
    const std::int64_t max_cy = emu_from_twips(ctx.text_height()) *
                                style::tunable_per_mille(ctx.style, style::tune::image_max_height) /
                                1000;
    if (cx > max_cx) {
        cy = cy * max_cx / cx;
        cx = max_cx;
    }
    if (cy > max_cy) {
        cx = cx * max_cy / cy;
        cy = max_cy;
    }
    return {std::max<std::int64_t>(cx, 1), std::max<std::int64_t>(cy, 1)};
}

std::string embed_image(const model::Image& img, const Context& ctx, State& state) {
    if (auto it = state.image_ids.find(img.path); it != state.image_ids.end())
        return it->second;
    // The bytes the reader read and checked; DOCX carries any PNG or JPEG
    // it took (16-bit and interlaced ones too) as they are.
    if (!img.bytes)
        throw Failure({Severity::Error, ctx.doc.meta.source, img.line, 0,
                       "image '" + img.path + "' was not read"});
    const char* ext = img.format == model::Image::Format::Png ? ".png" : ".jpeg";
    std::string part = "media/image" + std::to_string(state.media.size() + 1) + ext;
    auto id = state.add_relationship(reltype::image, part, false);
    state.media.push_back({std::move(part), img.path, *img.bytes});
    state.image_ids.emplace(img.path, id);
    return id;
}

} // namespace chronik::render::docx
