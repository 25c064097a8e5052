// DOCX (WordprocessingML, ECMA-376): an editable Word document with named
// styles from the style sheet, a TOC field, a PAGE field, headings Word and
// LibreOffice navigate by, images, links and document properties. Like
// Apache FOP's RTF output it reads the document model directly and never
// goes through layout/.
//
// Files of this folder: docx_renderer (the parts in package order),
// docx_context (read-only context and accumulated state), docx_document
// (document.xml), docx_runs (inlines), docx_styles (styles.xml,
// fontTable.xml), docx_parts (the small parts), docx_media (images),
// docx_package (the zip), docx_xml (the XML printer), docx_units.
#pragma once

#include "render/renderer.hpp"

namespace chronik::render::docx {

class DocxRenderer final : public Renderer {
public:
    std::string_view name() const override { return "docx"; }
    std::string_view extension() const override { return ".docx"; }
    std::string_view description() const override {
        return "Word document (DOCX): named styles, TOC and page fields, images, links";
    }
    // Loads fontconfig's configuration ahead: the page estimate measures
    // with the style's fonts (docx_pages.hpp).
    std::unique_ptr<Preparation> prepare() const override;
    void render(const model::Document& doc, const style::Style& style, const Target& target,
                std::ostream& out, Diagnostics& diags) const override;
};

} // namespace chronik::render::docx
