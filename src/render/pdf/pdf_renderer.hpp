// Paged PDF: the document laid out by the style's design (src/design/,
// through the engine in src/layout/), painted into content streams here and
// written by the one libharu adapter (pdf_writer.hpp). Fonts embedded and
// subset, outline per period, links, document info, compressed,
// byte-identical for the same SOURCE_DATE_EPOCH.
#pragma once

#include "render/renderer.hpp"

namespace chronik::render::pdf {

class PdfRenderer final : public Renderer {
public:
    std::string_view name() const override { return "pdf"; }
    std::string_view extension() const override { return ".pdf"; }
    std::string_view description() const override {
        return "PDF brochure: typeset pages with a timeline, contents, bookmarks, links";
    }
    // Loads fontconfig's configuration (3 to 5 ms, once per process).
    std::unique_ptr<Preparation> prepare() const override;
    void render(const model::Document& doc, const style::Style& style, const Target& target,
                std::ostream& out, Diagnostics& diags) const override;
};

} // namespace chronik::render::pdf
