// styles.xml and settings.xml from the style sheet.
#include "docx_support.hpp"
#include "helpers.hpp"

#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace chronik;
using namespace chronik::test::docx;

namespace {
const tinyxml2::XMLElement* style_el(const Xml& x, const std::string& id) {
    for (const auto* s : x.all("w:style"))
        if (attr(s, "w:styleId") == id)
            return s;
    return nullptr;
}
std::string prop(const tinyxml2::XMLElement* s, const char* group, const char* name,
                 const char* a = "w:val") {
    const auto* g = s ? s->FirstChildElement(group) : nullptr;
    const auto* e = g ? g->FirstChildElement(name) : nullptr;
    if (!e)
        return "<none>";
    return attr(e, a);
}
std::map<std::string, std::string> parts_for(const style::Style& style) {
    return parts(render(compose_file(test::source_dir / "data/lecos-chronik.xml", style), style));
}
style::Style booklet() {
    Diagnostics d;
    auto s = style::resolve_style("booklet", d);
    REQUIRE(s);
    return *s;
}
} // namespace

TEST_CASE("styles: every style document.xml, header and footer use is defined, once") {
    const auto p = parts_for(style::default_style());
    Xml styles(p.at("word/styles.xml"));
    std::set<std::string> ids;
    for (const auto* s : styles.all("w:style"))
        CHECK_MESSAGE(ids.insert(attr(s, "w:styleId")).second, attr(s, "w:styleId"));
    for (const char* part : {"word/document.xml", "word/header1.xml", "word/footer1.xml"}) {
        Xml x(p.at(part));
        for (const char* ref : {"w:pStyle", "w:rStyle"})
            for (const auto* e : x.all(ref))
                CHECK_MESSAGE(ids.count(attr(e, "w:val")) == 1, part << ": " << attr(e, "w:val"));
    }
    for (const auto* s : styles.all("w:style"))
        for (const char* link : {"w:basedOn", "w:next"})
            if (const auto* e = s->FirstChildElement(link))
                CHECK(ids.count(attr(e, "w:val")) == 1);
}

TEST_CASE("styles: the roles of the brochure sheet, in half-points and twips") {
    const auto sheet = style::default_style();
    const auto p = parts_for(sheet);
    Xml x(p.at("word/styles.xml"));
    const auto* body = style_el(x, "BodyText");
    REQUIRE(body);
    CHECK(prop(body, "w:rPr", "w:sz") == "21");                 // 10.5 pt
    CHECK(prop(body, "w:pPr", "w:spacing", "w:line") == "202"); // 14.5 pt: 84 % of single
    CHECK(prop(body, "w:pPr", "w:spacing", "w:lineRule") == "auto");
    CHECK(prop(body, "w:pPr", "w:spacing", "w:after") == "120");
    CHECK(prop(body, "w:pPr", "w:jc") == "both");
    CHECK(prop(body, "w:rPr", "w:color") == "222222");

    const auto* h1 = style_el(x, "Heading1");
    REQUIRE(h1);
    CHECK(attr(h1->FirstChildElement("w:name"), "w:val") == "heading 1");
    CHECK(prop(h1, "w:rPr", "w:sz") == "40");
    CHECK(prop(h1, "w:rPr", "w:color") == "17324D");
    CHECK(prop(h1, "w:pPr", "w:outlineLvl") == "0");
    CHECK(prop(h1, "w:pPr", "w:keepNext") == "");
    CHECK(prop(h1, "w:pPr", "w:suppressAutoHyphens") == "");
    CHECK(prop(h1, "w:pPr", "w:spacing", "w:before") == "440");

    const auto* h2 = style_el(x, "Heading2");
    REQUIRE(h2);
    CHECK(attr(h2->FirstChildElement("w:name"), "w:val") == "heading 2");
    CHECK(prop(h2, "w:pPr", "w:outlineLvl") == "1");
    CHECK(prop(h2, "w:pPr", "w:keepNext") == "");
    const auto* dh = style_el(x, "MilestoneDateHeading");
    REQUIRE(dh);
    CHECK(attr(dh->FirstChildElement("w:basedOn"), "w:val") == "Heading2");
    CHECK(prop(dh, "w:rPr", "w:color") == "A8432A");
    CHECK(prop(dh, "w:rPr", "w:sz") == "18");

    const auto* normal = style_el(x, "Normal");
    REQUIRE(normal);
    CHECK(attr(normal, "w:default") == "1");
    CHECK(prop(normal, "w:pPr", "w:widowControl") == "");
    CHECK(prop(normal, "w:rPr", "w:rFonts", "w:ascii") == "Charis SIL");

    for (const char* id : {"Title", "Subtitle", "Caption", "TOC1", "TOC2", "TOCHeading", "Header",
                           "Footer", "DatedList", "Emphasis", "Strong", "Hyperlink"})
        CHECK_MESSAGE(style_el(x, id), id);
    CHECK(prop(style_el(x, "Caption"), "w:rPr", "w:i") == "");
    CHECK(prop(style_el(x, "Footer"), "w:pPr", "w:jc") == "center");
    CHECK(prop(style_el(x, "TOC1"), "w:pPr", "w:tabs") != "<none>");
    const auto* lang = x.first("w:lang");
    CHECK(attr(lang, "w:val") == "de-DE");
    CHECK(p.at("word/settings.xml").find("<w:autoHyphenation/>") != std::string::npos);
    CHECK(p.at("word/fontTable.xml").find(R"(<w:font w:name="Charis SIL">)") != std::string::npos);
}

TEST_CASE("styles: the booklet is A5 with its own sizes") {
    const auto p = parts_for(booklet());
    Xml doc(p.at("word/document.xml"));
    const auto* sz = doc.first("w:pgSz");
    CHECK(attr(sz, "w:w") == "8391");
    CHECK(attr(sz, "w:h") == "11906");
    CHECK(attr(doc.first("w:pgMar"), "w:left") == "1077"); // inner 19 mm
    Xml x(p.at("word/styles.xml"));
    CHECK(prop(style_el(x, "BodyText"), "w:rPr", "w:sz") == "18"); // 9 pt
    CHECK(prop(style_el(x, "Heading1"), "w:rPr", "w:sz") == "30"); // 15 pt
}

TEST_CASE("styles: a sheet without hyphenation leaves it off, equal margins are not mirrored") {
    auto sheet = style::default_style();
    for (auto& r : sheet.roles)
        r.hyphenate = false;
    sheet.page.margin_inner = sheet.page.margin_outer = 20;
    const auto p = parts_for(sheet);
    CHECK(p.at("word/settings.xml").find("autoHyphenation") == std::string::npos);
    CHECK(p.at("word/settings.xml").find("mirrorMargins") == std::string::npos);
    Xml x(p.at("word/styles.xml"));
    CHECK(prop(style_el(x, "BodyText"), "w:pPr", "w:suppressAutoHyphens") == "");
}

TEST_CASE("styles: element order inside w:pPr follows the schema (Word rejects others)") {
    // CT_PPrBase order of the elements we write, then CT_PPr's paragraph
    // mark properties.
    const std::vector<std::string> order = {"w:pStyle",
                                            "w:keepNext",
                                            "w:keepLines",
                                            "w:pageBreakBefore",
                                            "w:widowControl",
                                            "w:pBdr",
                                            "w:tabs",
                                            "w:suppressAutoHyphens",
                                            "w:spacing",
                                            "w:ind",
                                            "w:contextualSpacing",
                                            "w:jc",
                                            "w:outlineLvl",
                                            "w:rPr"};
    const auto p = parts_for(style::default_style());
    for (const char* part : {"word/styles.xml", "word/document.xml"}) {
        Xml x(p.at(part));
        for (const auto* ppr : x.all("w:pPr")) {
            std::size_t last = 0;
            for (const auto* c = ppr->FirstChildElement(); c; c = c->NextSiblingElement()) {
                const auto at = std::find(order.begin(), order.end(), c->Name());
                REQUIRE_MESSAGE(at != order.end(), c->Name());
                const auto pos = static_cast<std::size_t>(at - order.begin());
                CHECK_MESSAGE(pos >= last, part << ": " << c->Name());
                last = pos;
            }
        }
    }
}

namespace {
// The w:val of `name` under the theme element `slot` (a:dk2, a:accent1...).
std::string theme_value(const Xml& t, const char* slot, const char* name, const char* a) {
    const auto* s = t.first(slot);
    const auto* e = s ? s->FirstChildElement(name) : nullptr;
    return e ? attr(e, a) : "<none>";
}
} // namespace

TEST_CASE("theme: fonts and colours from the sheet, listed in the package") {
    auto sheet = style::default_style();
    sheet.role(style::Role::PeriodHeading).font.family = "DejaVu Sans";
    const auto p = parts_for(sheet);
    REQUIRE(p.count("word/theme/theme1.xml") == 1);
    Xml t(p.at("word/theme/theme1.xml"));
    CHECK(theme_value(t, "a:majorFont", "a:latin", "typeface") == "DejaVu Sans");
    CHECK(theme_value(t, "a:minorFont", "a:latin", "typeface") == "Charis SIL");
    CHECK(theme_value(t, "a:accent1", "a:srgbClr", "val") == "A8432A"); // milestone date
    CHECK(theme_value(t, "a:dk1", "a:srgbClr", "val") == "222222");     // body text
    CHECK(theme_value(t, "a:dk2", "a:srgbClr", "val") == "17324D");     // headings
    CHECK(theme_value(t, "a:lt1", "a:srgbClr", "val") == "FFFFFF");
    CHECK(theme_value(t, "a:hlink", "a:srgbClr", "val") == "17324D");
    std::set<std::string> accents;
    for (const char* a :
         {"a:accent1", "a:accent2", "a:accent3", "a:accent4", "a:accent5", "a:accent6"})
        accents.insert(theme_value(t, a, "a:srgbClr", "val"));
    CHECK(accents.size() == 6);
    CHECK(accents.count("222222") == 0); // the text colour marks nothing
    CHECK(t.first("a:fmtScheme") != nullptr);

    CHECK(
        p.at("[Content_Types].xml")
            .find(
                R"(PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml")") !=
        std::string::npos);
    Xml rels(p.at("word/_rels/document.xml.rels"));
    int themes = 0;
    for (const auto* r : rels.all("Relationship"))
        if (attr(r, "Type").ends_with("/relationships/theme")) {
            ++themes;
            CHECK(attr(r, "Target") == "theme/theme1.xml");
        }
    CHECK(themes == 1);

    // Styles name the theme's fonts and colours: headings the major font,
    // text the minor one; the dates accent 1.
    Xml x(p.at("word/styles.xml"));
    const auto* h1 = style_el(x, "Heading1");
    CHECK(prop(h1, "w:rPr", "w:rFonts", "w:ascii") == "DejaVu Sans");
    CHECK(prop(h1, "w:rPr", "w:rFonts", "w:asciiTheme") == "majorHAnsi");
    CHECK(prop(h1, "w:rPr", "w:color", "w:themeColor") == "text2");
    const auto* defaults = x.first("w:rPrDefault");
    REQUIRE(defaults);
    CHECK(attr(defaults->FirstChildElement("w:rPr")->FirstChildElement("w:rFonts"),
               "w:asciiTheme") == "minorHAnsi");
    CHECK(prop(style_el(x, "MilestoneDate"), "w:rPr", "w:color", "w:themeColor") == "accent1");
    CHECK(prop(style_el(x, "Hyperlink"), "w:rPr", "w:color", "w:themeColor") == "hyperlink");
    // The title is not in the heading family: its font by name only.
    CHECK(prop(style_el(x, "Title"), "w:rPr", "w:rFonts", "w:ascii") == "Charis SIL");
    CHECK(prop(style_el(x, "Title"), "w:rPr", "w:rFonts", "w:asciiTheme") == "");

    Xml settings(p.at("word/settings.xml"));
    CHECK(attr(settings.first("w:clrSchemeMapping"), "w:t2") == "dark2");
}

TEST_CASE("styles: Word's built-in ones by Word's id and name, chronik's own marked custom") {
    const auto p = parts_for(style::default_style());
    Xml x(p.at("word/styles.xml"));
    const std::map<std::string, std::string> word = {
        {"Normal", "Normal"},
        {"BodyText", "Body Text"},
        {"Title", "Title"},
        {"Subtitle", "Subtitle"},
        {"Heading1", "heading 1"},
        {"Heading2", "heading 2"},
        {"Heading3", "heading 3"},
        {"Caption", "caption"},
        {"TOCHeading", "TOC Heading"},
        {"TOC1", "toc 1"},
        {"TOC2", "toc 2"},
        {"Header", "header"},
        {"Footer", "footer"},
        {"ListParagraph", "List Paragraph"},
        {"DefaultParagraphFont", "Default Paragraph Font"},
        {"Emphasis", "Emphasis"},
        {"Strong", "Strong"},
        {"Hyperlink", "Hyperlink"},
        {"TableNormal", "Normal Table"}};
    std::set<std::string> custom, quick;
    for (const auto* s : x.all("w:style")) {
        const std::string id = attr(s, "w:styleId");
        const bool is_custom = attr(s, "w:customStyle") == "1";
        CAPTURE(id);
        if (const auto it = word.find(id); it != word.end()) {
            CHECK_FALSE(is_custom);
            CHECK(attr(s->FirstChildElement("w:name"), "w:val") == it->second);
        } else {
            CHECK(is_custom);
            custom.insert(id);
        }
        if (s->FirstChildElement("w:qFormat"))
            quick.insert(id);
    }
    CHECK(custom == std::set<std::string>{"MilestoneBody", "Intro", "Organization",
                                          "MilestoneDateHeading", "MilestoneDate", "DatedList",
                                          "TitleRule", "Figure", "StrongEmphasis", "ListDate",
                                          "ChronikOneLiners"});
    CHECK(quick == std::set<std::string>{"Normal", "BodyText", "Title", "Subtitle", "Heading1",
                                         "Heading2", "Heading3", "MilestoneDate", "Caption",
                                         "Emphasis", "Strong"});

    // Word's flags for the built-in styles in use.
    const auto* h2 = style_el(x, "Heading2");
    CHECK(attr(h2->FirstChildElement("w:uiPriority"), "w:val") == "9");
    CHECK(h2->FirstChildElement("w:unhideWhenUsed"));
    CHECK_FALSE(h2->FirstChildElement("w:semiHidden"));
    const auto* toc1 = style_el(x, "TOC1");
    CHECK(attr(toc1->FirstChildElement("w:uiPriority"), "w:val") == "39");
    CHECK(toc1->FirstChildElement("w:autoRedefine"));
    const auto* h3 = style_el(x, "Heading3");
    CHECK(prop(h3, "w:pPr", "w:outlineLvl") == "2");

    // Normal Table as Word defines it; the one-liners' table on it, borderless.
    const auto* tn = style_el(x, "TableNormal");
    REQUIRE(tn);
    CHECK(attr(tn, "w:type") == "table");
    CHECK(attr(tn, "w:default") == "1");
    CHECK(tn->FirstChildElement("w:semiHidden"));
    const auto* cell_margins = tn->FirstChildElement("w:tblPr")->FirstChildElement("w:tblCellMar");
    CHECK(attr(cell_margins->FirstChildElement("w:left"), "w:w") == "108");
    CHECK(attr(cell_margins->FirstChildElement("w:top"), "w:w") == "0");
    const auto* one = style_el(x, "ChronikOneLiners");
    REQUIRE(one);
    CHECK(attr(one, "w:type") == "table");
    CHECK(attr(one->FirstChildElement("w:name"), "w:val") == "One-liners");
    CHECK(attr(one->FirstChildElement("w:basedOn"), "w:val") == "TableNormal");
    const auto* pr = one->FirstChildElement("w:tblPr");
    for (const auto* b = pr->FirstChildElement("w:tblBorders")->FirstChildElement(); b;
         b = b->NextSiblingElement())
        CHECK(attr(b, "w:val") == "none");
    CHECK(attr(pr->FirstChildElement("w:tblCellMar")->FirstChildElement("w:left"), "w:w") == "0");
    CHECK(attr(pr->FirstChildElement("w:tblCellMar")->FirstChildElement("w:right"), "w:w") == "0");
}

TEST_CASE("styles: Word's latent styles, 376 of them, the gallery kept to the main styles") {
    const auto p = parts_for(style::default_style());
    Xml x(p.at("word/styles.xml"));
    const auto* latent = x.first("w:latentStyles");
    REQUIRE(latent);
    CHECK(attr(latent, "w:count") == "376");
    CHECK(attr(latent, "w:defUIPriority") == "99");
    CHECK(attr(latent, "w:defSemiHidden") == "0");
    std::set<std::string> names, quick;
    std::map<std::string, const tinyxml2::XMLElement*> by_name;
    for (const auto* e : x.all("w:lsdException")) {
        const std::string name = attr(e, "w:name");
        CHECK_MESSAGE(names.insert(name).second, name);
        by_name[name] = e;
        if (attr(e, "w:qFormat") == "1")
            quick.insert(name);
    }
    CHECK(names.size() == 376);
    CHECK(quick == std::set<std::string>{"Normal", "heading 1", "heading 2", "heading 3",
                                         "heading 4", "heading 5", "heading 6", "heading 7",
                                         "heading 8", "heading 9", "caption", "Title", "Subtitle",
                                         "Strong", "Emphasis"});
    // A few as Word writes them.
    CHECK(attr(by_name.at("Quote"), "w:uiPriority") == "29");
    CHECK(attr(by_name.at("toc 3"), "w:semiHidden") == "1");
    CHECK(attr(by_name.at("toc 3"), "w:unhideWhenUsed") == "1");
    CHECK(attr(by_name.at("Plain Table 5"), "w:uiPriority") == "45");
    CHECK(attr(by_name.at("Grid Table 7 Colorful Accent 6"), "w:uiPriority") == "52");
    CHECK(attr(by_name.at("Colorful Grid Accent 6"), "w:uiPriority") == "73");
    CHECK(attr(by_name.at("Placeholder Text"), "w:semiHidden") == "1");
    CHECK(attr(by_name.at("Placeholder Text"), "w:unhideWhenUsed") == "");
    CHECK(by_name.count("Smart Link") == 1);
    // The element comes after the document defaults, before the first style.
    const auto* defaults = x.first("w:docDefaults");
    CHECK(defaults->NextSiblingElement() == latent);
}

TEST_CASE("settings: compatibility mode 15 with Word's compatibility settings") {
    const auto p = parts_for(style::default_style());
    Xml x(p.at("word/settings.xml"));
    std::map<std::string, std::string> compat;
    for (const auto* c : x.all("w:compatSetting"))
        compat[attr(c, "w:name")] = attr(c, "w:val");
    CHECK(compat.at("compatibilityMode") == "15");
    CHECK(compat.at("overrideTableStyleFontSizeAndJustification") == "1");
    CHECK(compat.at("enableOpenTypeFeatures") == "1");
    CHECK(compat.at("doNotFlipMirrorIndents") == "1");
    CHECK(compat.at("differentiateMultirowTableHeaders") == "1");
    CHECK(compat.at("useWord2013TrackBottomHyphenation") == "0");
}

TEST_CASE("mammoth: the DOCX carries a style map naming every style it defines") {
    const auto p = parts_for(style::default_style());
    REQUIRE(p.count("mammoth/style-map") == 1);
    const std::string& map = p.at("mammoth/style-map");
    Xml x(p.at("word/styles.xml"));
    for (const auto* s : x.all("w:style")) {
        const std::string type = attr(s, "w:type");
        const std::string name = attr(s->FirstChildElement("w:name"), "w:val");
        const char* kind = type == "paragraph" ? "p" : type == "character" ? "r" : "table";
        if (name == "Default Paragraph Font" || name == "Normal Table")
            continue; // never named by a paragraph, run or table
        CHECK_MESSAGE(map.find(std::string(kind) + "[style-name='" + name + "'] =>") !=
                          std::string::npos,
                      name);
    }
    CHECK(p.at("[Content_Types].xml").find(R"(PartName="/mammoth/style-map")") !=
          std::string::npos);
    CHECK(
        p.at("word/_rels/document.xml.rels")
            .find(
                R"(Id="rMammothStyleMap" Type="http://schemas.zwobble.org/mammoth/style-map" Target="/mammoth/style-map")") !=
        std::string::npos);
}

namespace {
// The w:pBdr child `side` of a style ("<none>" if none): "val sz space color".
std::string border(const tinyxml2::XMLElement* s, const char* side) {
    const auto* ppr = s ? s->FirstChildElement("w:pPr") : nullptr;
    const auto* bdr = ppr ? ppr->FirstChildElement("w:pBdr") : nullptr;
    const auto* e = bdr ? bdr->FirstChildElement(side) : nullptr;
    if (!e)
        return "<none>";
    return attr(e, "w:val") + " " + attr(e, "w:sz") + " " + attr(e, "w:space") + " " +
           attr(e, "w:color");
}
} // namespace

TEST_CASE("styles: the brochure's look: running head with the period and a rule, the rail, the "
          "title rule, dates in the accent colour") {
    const auto sheet = style::default_style();
    const auto p = parts_for(sheet);
    Xml x(p.at("word/styles.xml"));
    // The header: the title, a tab to the right edge, the current period.
    Xml h(p.at("word/header1.xml"));
    REQUIRE(h.all("w:instrText").size() == 1);
    CHECK(std::string(h.first("w:instrText")->GetText()) == R"( STYLEREF "heading 1" )");
    CHECK(h.all("w:tab").size() == 1);
    const auto* hdr = style_el(x, "Header");
    REQUIRE(hdr);
    // 0.4 pt (3 eighths) in the header's colour blended half with white.
    CHECK(border(hdr, "w:bottom") == "single 3 4 B5B5B5");
    CHECK(hdr->FirstChildElement("w:pPr")->FirstChildElement("w:tabs")->FirstChildElement() ==
          hdr->FirstChildElement("w:pPr")->FirstChildElement("w:tabs")->LastChildElement());

    // The rail: a left border at the rail's line, the text past the rail
    // column (A4, 158 mm measure: 158/11 = 14.4 mm = 814 twips, the line at
    // 2/5 of it: 3/5 = 24 pt left of the text).
    const std::string rail = "single 7 24 E1BDB4"; // 0.9 pt, accent blended 35 %
    for (const char* id : {"BodyText", "Heading2", "MilestoneDate", "Figure", "Caption"}) {
        CHECK_MESSAGE(border(style_el(x, id), "w:left") == rail, id);
        CHECK_MESSAGE(prop(style_el(x, id), "w:pPr", "w:ind", "w:left") == "814", id);
    }
    // Periods stand past the rail, where the PDF puts its marker, without
    // the line (so each period's rail is one group of paragraphs).
    CHECK(border(style_el(x, "Heading1"), "w:left") == "<none>");
    CHECK(prop(style_el(x, "Heading1"), "w:pPr", "w:ind", "w:left") == "814");
    // The intro (based on the body text) takes neither.
    CHECK(border(style_el(x, "Intro"), "w:left") == "nil   ");
    CHECK(prop(style_el(x, "Intro"), "w:pPr", "w:ind", "w:left") == "0");
    // The one-liners' table stands in the column right of the rail.
    Xml d(p.at("word/document.xml"));
    CHECK(attr(d.first("w:tblInd"), "w:w") == "814");
    const auto text_width = std::stoll(attr(d.first("w:pgSz"), "w:w")) -
                            std::stoll(attr(d.first("w:pgMar"), "w:left")) -
                            std::stoll(attr(d.first("w:pgMar"), "w:right"));
    CHECK(std::stoll(attr(d.first("w:tblW"), "w:w")) == text_width - 814);

    // The title rule: 4 pt in the accent colour, title-bar-width (36 mm) long.
    const auto* rule = style_el(x, "TitleRule");
    REQUIRE(rule);
    CHECK(border(rule, "w:bottom").starts_with("single 32 0 " + std::string("A8432A")));
    CHECK(d.all("w:p").size() > 1);
    CHECK(style_of(d.all("w:p")[0]) == "TitleRule");
    CHECK(style_of(d.all("w:p")[1]) == "Title");

    // Dates in the accent colour.
    CHECK(prop(style_el(x, "MilestoneDate"), "w:rPr", "w:color") == "A8432A");
    CHECK(prop(style_el(x, "ListDate"), "w:rPr", "w:color") == "A8432A");
}

TEST_CASE("styles: line spacing grows with the text: proportional, never exact but for the rule") {
    const auto p = parts_for(style::default_style());
    Xml x(p.at("word/styles.xml"));
    for (const auto* s : x.all("w:style")) {
        const auto* sp = s->FirstChildElement("w:pPr")
                             ? s->FirstChildElement("w:pPr")->FirstChildElement("w:spacing")
                             : nullptr;
        if (!sp || attr(sp, "w:lineRule").empty())
            continue;
        const bool rule = attr(s, "w:styleId") == "TitleRule"; // an empty paragraph's border
        CHECK_MESSAGE(attr(sp, "w:lineRule") == (rule ? "exact" : "auto"), attr(s, "w:styleId"));
    }
    // The body's 14.5 pt at 10.5 pt: Charis SIL's single line (ascent 2450 +
    // descent 900 of 2048 units, each rounded up: 252 + 93 = 345 twips) at
    // 84 %, which Word reads as 202/240 and LibreOffice as whole per cent:
    // 289 twips.
    CHECK(prop(style_el(x, "BodyText"), "w:pPr", "w:spacing", "w:line") == "202");
    Xml d(p.at("word/document.xml"));
    for (const auto* sp : d.all("w:spacing"))
        CHECK(attr(sp, "w:lineRule") != "exact");
}
