#include "docx_parts.hpp"

#include "docx_document.hpp"
#include "docx_runs.hpp"
#include "docx_units.hpp"
#include "docx_xml.hpp"
#include "support/language.hpp"

#include <algorithm>

namespace chronik::render::docx {

std::string settings_xml(const Context& ctx) {
    const auto& roles = ctx.style.roles;
    const bool hyphenate =
        std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.hyphenate; });
    const bool german = primary_language(ctx.language) == "de";
    // Children in the order of CT_Settings (ECMA-376 Part 1, 17.15.1.78).
    XmlWriter x;
    x.open("w:settings", {{"xmlns:w", ns::w}});
    x.leaf("w:zoom", {{"w:percent", "100"}});
    // Word keeps the fonts embedded, as subsets, when an editor saves
    // (docx_fonts.hpp embeds them in the first place).
    x.leaf("w:embedTrueTypeFonts");
    x.leaf("w:saveSubsetFonts");
    // Inner and outer margins: left and right swap on left-hand pages.
    if (ctx.margin_inner != ctx.margin_outer)
        x.leaf("w:mirrorMargins");
    x.leaf("w:defaultTabStop", "w:val", twips_from_mm(12.5));
    if (hyphenate) {
        x.leaf("w:autoHyphenation");
        // No more than two hyphenated lines in a row; hyphenate only where
        // the space at the line's end would be wider than about 6 mm.
        x.leaf("w:consecutiveHyphenLimit", "w:val", 2);
        x.leaf("w:hyphenationZone", "w:val", twips_from_mm(6));
    }
    x.leaf("w:characterSpacingControl", {{"w:val", "doNotCompress"}});
    // Word refreshes the table of contents and page references on opening.
    x.leaf("w:updateFields", {{"w:val", "true"}});
    x.open("w:compat");
    // A line ended by a line break (<br/>) is not stretched in justified
    // text; without this, Word and LibreOffice spread its words apart.
    x.leaf("w:doNotExpandShiftReturn");
    x.leaf("w:compatSetting", {{"w:name", "compatibilityMode"},
                               {"w:uri", "http://schemas.microsoft.com/office/word"},
                               {"w:val", "15"}});
    x.close();
    x.leaf("w:themeFontLang", {{"w:val", ctx.language}});
    x.leaf("w:decimalSymbol", {{"w:val", german ? "," : "."}});
    x.leaf("w:listSeparator", {{"w:val", german ? ";" : ","}});
    x.close();
    return std::string(x.bytes());
}

std::string header_xml(const Context& ctx) {
    XmlWriter x;
    x.open("w:hdr", {{"xmlns:w", ns::w}, {"xmlns:r", ns::r}});
    x.open("w:p");
    x.open("w:pPr");
    x.leaf("w:pStyle", {{"w:val", style_id::header}});
    x.close();
    write_text_run(x, ctx.doc.meta.title);
    x.close();
    x.close();
    return std::string(x.bytes());
}

std::string footer_xml(const Context&) {
    XmlWriter x;
    x.open("w:ftr", {{"xmlns:w", ns::w}, {"xmlns:r", ns::r}});
    x.open("w:p");
    x.open("w:pPr");
    x.leaf("w:pStyle", {{"w:val", style_id::footer}});
    x.close();
    // The page number is a PAGE field; its cached result is only what a
    // reader shows before it computes the field.
    x.open("w:r");
    x.leaf("w:fldChar", {{"w:fldCharType", "begin"}});
    x.close();
    x.open("w:r");
    x.text_element("w:instrText", " PAGE ", {{"xml:space", "preserve"}});
    x.close();
    x.open("w:r");
    x.leaf("w:fldChar", {{"w:fldCharType", "separate"}});
    x.close();
    x.open("w:r");
    x.open("w:rPr");
    x.leaf("w:noProof");
    x.close();
    x.text_element("w:t", "1");
    x.close();
    x.open("w:r");
    x.leaf("w:fldChar", {{"w:fldCharType", "end"}});
    x.close();
    x.close();
    x.close();
    return std::string(x.bytes());
}

std::string core_properties_xml(const Context& ctx) {
    const auto& m = ctx.doc.meta;
    std::string keywords;
    for (const auto& k : m.keywords)
        keywords += (keywords.empty() ? "" : "; ") + k;
    const std::string when = w3cdtf(m.epoch);
    XmlWriter x;
    x.open("cp:coreProperties",
           {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
            {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
            {"xmlns:dcterms", "http://purl.org/dc/terms/"},
            {"xmlns:dcmitype", "http://purl.org/dc/dcmitype/"},
            {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
    x.text_element("dc:title", m.title);
    if (!m.subtitle.empty())
        x.text_element("dc:subject", m.subtitle);
    if (!m.organization.empty())
        x.text_element("dc:creator", m.organization);
    if (!keywords.empty())
        x.text_element("cp:keywords", keywords);
    x.text_element("dc:language", ctx.language);
    x.text_element("dcterms:created", when, {{"xsi:type", "dcterms:W3CDTF"}});
    x.text_element("dcterms:modified", when, {{"xsi:type", "dcterms:W3CDTF"}});
    x.close();
    return std::string(x.bytes());
}

std::string app_properties_xml(const Context& ctx) {
    XmlWriter x;
    x.open("Properties",
           {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"},
            {"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}});
    x.text_element("Application", "chronik");
    x.text_element("DocSecurity", "0");
    if (!ctx.doc.meta.organization.empty())
        x.text_element("Company", ctx.doc.meta.organization);
    x.close();
    return std::string(x.bytes());
}

std::string content_types_xml(const State& state) {
    constexpr std::string_view wml =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    bool png = false, jpeg = false;
    for (const auto& m : state.media) {
        png = png || m.part.ends_with(".png");
        jpeg = jpeg || m.part.ends_with(".jpeg");
    }
    XmlWriter x;
    x.open("Types", {{"xmlns", ns::content_types}});
    auto def = [&](const char* ext, std::string_view type) {
        x.leaf("Default", {{"Extension", ext}, {"ContentType", type}});
    };
    auto over = [&](const char* part, std::string type) {
        x.leaf("Override", {{"PartName", part}, {"ContentType", type}});
    };
    def("rels", "application/vnd.openxmlformats-package.relationships+xml");
    def("xml", "application/xml");
    if (png)
        def("png", "image/png");
    if (jpeg)
        def("jpeg", "image/jpeg");
    if (!state.fonts.empty())
        def("odttf", "application/vnd.openxmlformats-officedocument.obfuscatedFont");
    over("/word/document.xml", std::string(wml) + "document.main+xml");
    over("/word/styles.xml", std::string(wml) + "styles+xml");
    over("/word/settings.xml", std::string(wml) + "settings+xml");
    over("/word/fontTable.xml", std::string(wml) + "fontTable+xml");
    over("/word/header1.xml", std::string(wml) + "header+xml");
    over("/word/footer1.xml", std::string(wml) + "footer+xml");
    over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    over("/docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    x.close();
    return std::string(x.bytes());
}

std::string relationships_xml(const std::vector<Relationship>& rels) {
    XmlWriter x;
    x.open("Relationships", {{"xmlns", ns::rels}});
    for (const auto& r : rels) {
        x.open("Relationship", {{"Id", r.id}, {"Type", r.type}, {"Target", r.target}});
        if (r.external)
            x.attr("TargetMode", "External");
        x.close();
    }
    x.close();
    return std::string(x.bytes());
}

std::string package_relationships_xml() {
    return relationships_xml({{"rId1", reltype::office_document, "word/document.xml", false},
                              {"rId2", reltype::core_properties, "docProps/core.xml", false},
                              {"rId3", reltype::extended_properties, "docProps/app.xml", false}});
}

std::string document_relationships_xml(const State& state) {
    return relationships_xml(state.relationships);
}

} // namespace chronik::render::docx
