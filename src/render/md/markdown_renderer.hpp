// CommonMark output: a heading per period, dates, titles, emphasis, links,
// images with alt text. For reading on screen and for further processing.
#pragma once

#include "render/renderer.hpp"

namespace chronik::render::md {

class MarkdownRenderer final : public Renderer {
public:
    std::string_view name() const override { return "md"; }
    std::string_view extension() const override { return ".md"; }
    std::string_view description() const override {
        return "Markdown (CommonMark): headings per period, dates, links, images";
    }
    void render(const model::Document& doc, const style::Style& style, const Target& target,
                std::ostream& out, Diagnostics& diags) const override;
};

} // namespace chronik::render::md
