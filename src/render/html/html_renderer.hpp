// HTML5: one self-contained page per chronicle (styles inline, no script),
// in the document's language, with the semantics assistive technology
// reads (header, nav, main, section per period, article per milestone,
// time, figure). Pictures go beside it in images/ (attachments) or, with
// html.images=embed or when rendering into memory, into data: URIs.
// docs/html.md describes the page; the web tests (tests/web) check it.
#pragma once

#include "render/renderer.hpp"

namespace chronik::render::html {

class HtmlRenderer final : public Renderer {
public:
    std::string_view name() const override { return "html"; }
    std::string_view extension() const override { return ".html"; }
    std::string_view description() const override {
        return "HTML5 page: accessible, responsive, print-ready, styles inline, no script";
    }
    std::vector<OptionSpec> options() const override;
    void render(const model::Document& doc, const style::Style& style, const Target& target,
                std::ostream& out, Diagnostics& diags) const override;
};

} // namespace chronik::render::html
