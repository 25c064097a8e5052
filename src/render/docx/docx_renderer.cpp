#include "docx_renderer.hpp"

#include "docx_context.hpp"
#include "docx_document.hpp"
#include "docx_mammoth.hpp"
#include "docx_package.hpp"
#include "docx_parts.hpp"
#include "docx_styles.hpp"
#include "docx_theme.hpp"
#include "text/font_config.hpp"

#include <stdexcept>

namespace chronik::render::docx {

namespace {

// fontconfig's configuration takes 3 to 5 ms to load: on another thread,
// while the input is read.
class FontConfiguration final : public Preparation {
    text::FontConfigurationAhead loading_;
};

} // namespace

std::unique_ptr<Preparation> DocxRenderer::prepare() const {
    return std::make_unique<FontConfiguration>();
}

void DocxRenderer::render(const model::Document& doc, const style::Style& style, const Target&,
                          std::ostream& out, Diagnostics&) const {
    const Context ctx(doc, style);
    State state;
    // document.xml first: it decides the relationships and media the
    // other parts list.
    const std::string document = document_xml(ctx, state);
    // The theme's relationship after the body's, which keep their ids.
    state.add_relationship(reltype::theme, "theme/theme1.xml", false);
    const std::string content_types = content_types_xml(state);
    const std::string package_rels = package_relationships_xml();
    const std::string core = core_properties_xml(ctx);
    const std::string app = app_properties_xml(ctx);
    const std::string styles = styles_xml(ctx);
    const std::string settings = settings_xml(ctx);
    const std::string fonts = font_table_xml(ctx);
    const std::string header = header_xml(ctx);
    const std::string footer = footer_xml(ctx);
    const std::string theme = theme_xml(make_theme(style));
    const std::string style_map = mammoth_style_map();
    const std::string document_rels = document_relationships_xml(state);

    // The package order is fixed: content types first, as Word writes it.
    std::vector<Part> parts = {
        {"[Content_Types].xml", content_types},
        {"_rels/.rels", package_rels},
        {"docProps/core.xml", core},
        {"docProps/app.xml", app},
        {"word/document.xml", document},
        {"word/styles.xml", styles},
        {"word/settings.xml", settings},
        {"word/fontTable.xml", fonts},
        {"word/header1.xml", header},
        {"word/footer1.xml", footer},
        {"word/theme/theme1.xml", theme},
        {"word/_rels/document.xml.rels", document_rels},
        {"mammoth/style-map", style_map},
    };
    for (const auto& m : state.media)
        parts.push_back({"word/" + m.part, m.bytes, false});
    write_package(parts, doc.meta.epoch, out);
}

} // namespace chronik::render::docx
