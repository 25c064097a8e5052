#include "docx_parts.hpp"

#include "docx_document.hpp"
#include "docx_runs.hpp"
#include "docx_units.hpp"
#include "docx_xml.hpp"
#include "model/overloaded.hpp"
#include "support/language.hpp"
#include "support/utf8.hpp"

#include <algorithm>

namespace chronik::render::docx {

namespace {

// The intro's plain text, a line per paragraph, for dc:description (Word's
// "Comments", python-docx's comments). A summary for file dialogs and
// search, not the text itself: at most 1000 characters, cut after a whole
// word and marked with "…" (Dublin Core sets no limit; the intro stays whole
// in the document).
std::string description(const model::Document& doc) {
    constexpr std::size_t cap = 1000;
    std::string text;
    for (const auto& b : doc.blocks)
        if (const auto* p = std::get_if<model::Paragraph>(&b); p && p->role == model::Role::Intro)
            text += (text.empty() ? "" : "\n") + model::plain_text(p->content);
    if (utf8::length(text) <= cap)
        return text;
    // Byte offset of every code point up to the cap; cut at the last space.
    std::size_t i = 0, cut = 0;
    for (std::size_t n = 0; n + 1 < cap && i < text.size(); ++n) {
        if (text[i] == ' ' || text[i] == '\n')
            cut = i;
        utf8::next(text, i);
    }
    if (cut == 0)
        cut = i; // one word longer than the cap: cut inside it
    text.resize(cut);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
        text.pop_back();
    return text + "\u2026";
}

} // namespace

std::string settings_xml(const Context& ctx) {
    const auto& roles = ctx.style.roles;
    const bool hyphenate =
        std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.hyphenate; });
    const bool german = primary_language(ctx.language) == "de";
    // Children in the order of CT_Settings (ECMA-376 Part 1, 17.15.1.78).
    XmlWriter x;
    x.open("w:settings", {{"xmlns:w", ns::w}});
    x.leaf("w:zoom", {{"w:percent", "100"}});
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
    x.open("w:compat");
    // A line ended by a line break (<br/>) is not stretched in justified
    // text; without this, Word and LibreOffice spread its words apart.
    x.leaf("w:doNotExpandShiftReturn");
    // Word 2013 and later's layout (compatibilityMode 15: no "Compatibility
    // Mode" in the title bar), with the settings Word 2016 and later write
    // for a new document.
    for (const auto& [name, val] : {std::pair{"compatibilityMode", "15"},
                                    {"overrideTableStyleFontSizeAndJustification", "1"},
                                    {"enableOpenTypeFeatures", "1"},
                                    {"doNotFlipMirrorIndents", "1"},
                                    {"differentiateMultirowTableHeaders", "1"},
                                    {"useWord2013TrackBottomHyphenation", "0"}})
        x.leaf("w:compatSetting", {{"w:name", name},
                                   {"w:uri", "http://schemas.microsoft.com/office/word"},
                                   {"w:val", val}});
    x.close();
    x.leaf("w:themeFontLang", {{"w:val", ctx.language}});
    // The theme's colours under the names styles.xml uses (text1 = dk1...).
    x.leaf("w:clrSchemeMapping", {{"w:bg1", "light1"},
                                  {"w:t1", "dark1"},
                                  {"w:bg2", "light2"},
                                  {"w:t2", "dark2"},
                                  {"w:accent1", "accent1"},
                                  {"w:accent2", "accent2"},
                                  {"w:accent3", "accent3"},
                                  {"w:accent4", "accent4"},
                                  {"w:accent5", "accent5"},
                                  {"w:accent6", "accent6"},
                                  {"w:hyperlink", "hyperlink"},
                                  {"w:followedHyperlink", "followedHyperlink"}});
    x.leaf("w:decimalSymbol", {{"w:val", german ? "," : "."}});
    x.leaf("w:listSeparator", {{"w:val", german ? ";" : ","}});
    x.close();
    return std::string(x.bytes());
}

// The running head as the PDF's: the title at the left, the period at the
// page's top at the right (a STYLEREF field: Word and LibreOffice fill it
// from the page's period headings), the rule under both (the Header
// style's bottom border).
std::string header_xml(const Context& ctx) {
    XmlWriter x;
    x.open("w:hdr", {{"xmlns:w", ns::w}, {"xmlns:r", ns::r}});
    x.open("w:p");
    x.open("w:pPr");
    x.leaf("w:pStyle", {{"w:val", style_id::header}});
    x.close();
    write_text_run(x, ctx.doc.meta.title);
    x.open("w:r");
    x.leaf("w:tab");
    x.close();
    x.open("w:r");
    x.leaf("w:fldChar", {{"w:fldCharType", "begin"}});
    x.close();
    x.open("w:r");
    x.text_element("w:instrText", " STYLEREF \"heading 1\" ", {{"xml:space", "preserve"}});
    x.close();
    x.open("w:r");
    x.leaf("w:fldChar", {{"w:fldCharType", "separate"}});
    x.close();
    x.open("w:r");
    x.leaf("w:fldChar", {{"w:fldCharType", "end"}});
    x.close();
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
    if (const std::string d = description(ctx.doc); !d.empty())
        x.text_element("dc:description", d);
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
    // The page count of the page model that numbers the contents (Word
    // writes its own count here; readers show it before laying out).
    if (ctx.pages > 0)
        x.text_element("Pages", std::to_string(ctx.pages));
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
    over("/word/document.xml", std::string(wml) + "document.main+xml");
    over("/word/styles.xml", std::string(wml) + "styles+xml");
    over("/word/settings.xml", std::string(wml) + "settings+xml");
    over("/word/fontTable.xml", std::string(wml) + "fontTable+xml");
    over("/word/header1.xml", std::string(wml) + "header+xml");
    over("/word/footer1.xml", std::string(wml) + "footer+xml");
    over("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml");
    over("/mammoth/style-map", "text/prs.mammoth.style-map");
    over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    over("/docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    x.close();
    return std::string(x.bytes());
}

namespace {
std::string relationships(const std::vector<Relationship>& rels) {
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
} // namespace

std::string package_relationships_xml() {
    return relationships({{"rId1", reltype::office_document, "word/document.xml", false},
                          {"rId2", reltype::core_properties, "docProps/core.xml", false},
                          {"rId3", reltype::extended_properties, "docProps/app.xml", false}});
}

std::string document_relationships_xml(const State& state) {
    // mammoth's style map under the id mammoth gives it, past the numbered ones.
    auto rels = state.relationships;
    rels.push_back({"rMammothStyleMap", reltype::mammoth_style_map, "/mammoth/style-map", false});
    return relationships(rels);
}

} // namespace chronik::render::docx
