// One document through one renderer into memory: the step `chronik render`
// and `chronik batch` share before they write a file atomically.
#pragma once

#include "model/document.hpp"
#include "render/renderer.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace chronik::batch {

struct Rendered {
    std::string bytes;
    std::optional<int> pages; // when the format has pages (the renderer's Report)
};

// `folder` is the absolute folder the output will be written to (relative
// image links in Markdown are made from it). Throws chronik::Failure as the
// renderer does; warnings go to `diags`.
Rendered render_output(const render::Renderer &renderer, const model::Document &doc,
                       const style::Style &style, const std::filesystem::path &folder,
                       Diagnostics &diags);

} // namespace chronik::batch
