// Images: their files copied into word/media, and their size on the page.
#pragma once

#include "docx_context.hpp"

#include <cstdint>
#include <string>

namespace chronik::render::docx {

struct Extent {
    std::int64_t cx = 0, cy = 0; // EMU
};

// The image at 96 dpi (the model knows pixels, not a resolution), scaled
// down, keeping its proportions, to fit the text width and 60 % of the text
// height so a caption and some text still fit beside it on the page.
Extent image_extent(const model::Image& img, const Context& ctx);

// The relationship id of the image's part; reads the file the first time a
// path is seen. Throws Failure (at the image's source line) if unreadable.
std::string embed_image(const model::Image& img, const Context& ctx, State& state);

} // namespace chronik::render::docx
