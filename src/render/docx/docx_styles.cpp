#include "docx_styles.hpp"

#include "docx_document.hpp"
#include "docx_latent_styles.hpp"
#include "docx_one_liners.hpp"
#include "docx_theme.hpp"
#include "docx_units.hpp"
#include "docx_widths.hpp"
#include "docx_xml.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace chronik::render::docx {

namespace {

using style::Align;
using style::Role;
using style::TextStyle;

const char* jc(Align a) {
    switch (a) {
    case Align::Left:
        return "left";
    case Align::Justify:
        return "both";
    case Align::Center:
        return "center";
    case Align::Right:
        return "right";
    }
    return "left";
}

struct Tab {
    const char* kind; // "left", "center", "right"
    std::int64_t pos; // twips
    const char* leader = nullptr;
};

// A paragraph border (CT_Border): w:sz in eighths of a point, w:space in
// points; val "nil" takes away a border the based-on style has.
struct Border {
    const char* side; // "w:top", "w:left", "w:bottom", "w:right"
    int eighths = 0;
    int space = 0;
    std::string color;
    const char* val = "single";
};

// One paragraph or character style. `look` is the role whose font, size,
// colour, spacing and alignment it takes; the fields after it adjust.
struct StyleDef {
    const char* type = "paragraph";
    const char* id = "";
    const char* name = "";
    const char* based_on = nullptr;
    const char* next = nullptr;
    TextStyle look;
    const TextStyle* parent = nullptr; // the based-on style's look, to reset b/i
    bool is_default = false;
    bool keep_next = false;
    bool keep_lines = false;
    bool contextual_spacing = false;
    bool exact_leading = false; // only where no text grows (the title rule)
    bool proportional = true;   // the leading as a proportion (Widths::proportional_line)
    int outline = -1;           // 0 = level 1; -1 = none; 9 = body text
    std::int64_t indent_left = 0, hanging = 0, indent_right = 0;
    bool reset_indent = false;   // w:ind w:left="0" against the based-on style's
    std::vector<Border> borders; // in CT_PBdr order: top, left, bottom, right
    std::vector<Tab> tabs;
    // Built-in styles carry Word's own id, name and UI flags; the others
    // are marked w:customStyle, so Word, python-docx and mammoth tell them
    // apart. uiPriority, semiHidden and unhideWhenUsed as Word writes them
    // for the built-in style in use; qFormat only on the main styles.
    bool custom = false;
    bool major_font = false; // the theme's major (heading) font, else minor
    bool auto_redefine = false;
    int ui_priority = 0; // 0: none written (custom styles sort last)
    bool quick = false;  // in the Quick Styles gallery
    bool semi_hidden = false;
    bool unhide_when_used = false;
};

class StylesWriter {
public:
    explicit StylesWriter(const Context& ctx) : ctx_(ctx) {}

    std::string write() {
        const Looks& l = ctx_.looks;
        x_.open("w:styles", {{"xmlns:w", ns::w}});
        defaults();
        write_latent_styles(x_);
        normal_look_ = l.normal;

        StyleDef d;
        d.id = "Normal";
        d.name = "Normal";
        d.look = l.normal;
        d.is_default = true;
        d.quick = true;
        paragraph_style(d);

        // A built-in style, in the Quick Styles gallery when `quick`.
        auto para = [&](const char* id, const char* name, const TextStyle& look,
                        const char* based_on = "Normal", const TextStyle* parent = nullptr) {
            StyleDef p;
            p.id = id;
            p.name = name;
            p.look = look;
            p.based_on = based_on;
            p.parent = parent ? parent : &normal_look_;
            return p;
        };
        // One of chronik's own.
        auto custom = [&](const char* id, const char* name, const TextStyle& look,
                          const char* based_on = "Normal", const TextStyle* parent = nullptr) {
            StyleDef p = para(id, name, look, based_on, parent);
            p.custom = true;
            return p;
        };

        // The brochure's timeline: milestones' paragraphs past the rail
        // column, the rail their left border (grouped paragraphs with the
        // same border draw one line); a period heading past it, unlined.
        const Border rail{"w:left", 7, ctx_.rail_space, hex_color(ctx_.rail_color)};
        auto on_rail = [&](StyleDef& d, bool line = true) {
            d.indent_left = ctx_.rail_indent;
            if (line && ctx_.rail_indent > 0)
                d.borders.push_back(rail);
        };

        auto b = para(style_id::body, "Body Text", l.body);
        b.ui_priority = 99;
        b.unhide_when_used = true;
        b.quick = true;
        on_rail(b);
        paragraph_style(b);

        auto mb = custom(style_id::milestone_body, "Milestone Body", l.milestone_body,
                         style_id::body, &l.body);
        mb.next = style_id::body;
        paragraph_style(mb);

        // The organization and the intro under the names pandoc's DOCX reader
        // takes as the document's author and abstract (its metaStyles).
        auto intro = custom(style_id::intro, "Abstract", l.intro, style_id::body, &l.body);
        if (ctx_.rail_indent > 0) { // off the body text's rail
            intro.reset_indent = true;
            intro.borders.push_back({"w:left", 0, 0, "", "nil"});
        }
        paragraph_style(intro);

        // The accent bar above the title on the title page: the bottom
        // border of an empty paragraph as long as the bar.
        if (ctx_.title_rule > 0) {
            auto rule = custom(style_id::title_rule, "Title Rule", l.title_rule);
            rule.keep_next = true;
            rule.exact_leading = true;
            rule.indent_right = ctx_.text_width() - ctx_.title_rule;
            rule.borders.push_back({"w:bottom", 32, 0, hex_color(l.title_rule.color)});
            rule.next = style_id::title;
            paragraph_style(rule);
        }

        auto title = para(style_id::title, "Title", l.title);
        title.next = style_id::subtitle;
        title.ui_priority = 10;
        title.quick = true;
        title.major_font = true;
        title.keep_next = true;
        paragraph_style(title);

        auto subtitle = para(style_id::subtitle, "Subtitle", l.subtitle);
        subtitle.next = style_id::body;
        subtitle.ui_priority = 11;
        subtitle.quick = true;
        subtitle.keep_next = true;
        paragraph_style(subtitle);

        auto org = custom(style_id::organization, "Author", l.organization);
        org.next = style_id::body;
        paragraph_style(org);

        auto heading = [&](const char* id, const char* name, const TextStyle& look, int level) {
            auto h = para(id, name, look);
            h.next = style_id::body;
            h.keep_next = h.keep_lines = true;
            h.outline = level - 1;
            h.ui_priority = 9;
            h.unhide_when_used = level > 1;
            h.quick = true;
            h.major_font = true;
            return h;
        };
        auto h1 = heading(style_id::heading1, "heading 1", l.heading1, 1);
        on_rail(h1, false);
        paragraph_style(h1);
        auto h2 = heading(style_id::heading2, "heading 2", l.heading2, 2);
        on_rail(h2);
        paragraph_style(h2);
        // Not used by chronik: a level under the milestone heads for an
        // editor, in the milestone title's face at the body's size.
        TextStyle h3_look = l.heading2;
        h3_look.size = l.body.size;
        h3_look.leading = l.body.leading;
        auto h3 = heading(style_id::heading3, "heading 3", h3_look, 3);
        on_rail(h3);
        paragraph_style(h3);

        auto dh = custom(style_id::milestone_date_heading, "Milestone Date Heading", l.date_heading,
                         style_id::heading2, &l.heading2);
        dh.next = style_id::body;
        dh.keep_next = dh.keep_lines = true;
        dh.outline = 1;
        dh.major_font = true;
        paragraph_style(dh);

        auto date = custom(style_id::milestone_date, "Milestone Date", l.date);
        date.next = style_id::heading2;
        date.keep_next = date.keep_lines = true;
        date.quick = true; // what an editor adding a milestone starts with
        on_rail(date);
        paragraph_style(date);

        // Dated one-liners: the cells of their table (docx_one_liners.hpp),
        // whose grid places the titles.
        paragraph_style(custom(style_id::dated_list, "Dated List", l.dated_list));

        // A list an editor starts: the body's look, indented as Word does.
        auto lp = para(style_id::list_paragraph, "List Paragraph", l.body);
        lp.look.align = Align::Left;
        lp.indent_left = 720;
        lp.contextual_spacing = true;
        lp.ui_priority = 34;
        paragraph_style(lp);

        auto fig = custom(style_id::figure, "Figure", l.figure);
        fig.keep_next = true;
        fig.proportional = false; // single: a smaller one would clip the picture
        fig.next = style_id::caption;
        on_rail(fig);
        paragraph_style(fig);

        auto cap = para(style_id::caption, "caption", l.caption);
        cap.next = style_id::body;
        cap.ui_priority = 35;
        cap.unhide_when_used = true;
        cap.quick = true;
        on_rail(cap);
        paragraph_style(cap);

        auto toch = para(style_id::toc_heading, "TOC Heading", l.toc_heading);
        toch.next = style_id::toc1;
        toch.keep_next = true;
        toch.outline = 9;
        toch.ui_priority = 39;
        toch.unhide_when_used = true;
        toch.major_font = true;
        paragraph_style(toch);

        const Tab page_tab{"right", ctx_.text_width(), "dot"};
        auto toc = [&](const char* id, const char* name, const TextStyle& look) {
            auto t = para(id, name, look);
            t.next = style_id::body;
            t.tabs.push_back(page_tab);
            t.auto_redefine = true;
            t.ui_priority = 39;
            t.unhide_when_used = true;
            return t;
        };
        paragraph_style(toc(style_id::toc1, "toc 1", l.toc1));
        auto t2 = toc(style_id::toc2, "toc 2", l.toc2);
        t2.indent_left = l.toc2_indent;
        paragraph_style(t2);

        const Tab center{"center", ctx_.text_width() / 2};
        const Tab right{"right", ctx_.text_width()};
        auto hdr = para(style_id::header, "header", l.header);
        // The title, then the period at the right edge; the PDF's rule
        // under both, 0.4 pt in the header's colour half tinted.
        hdr.tabs = {right};
        hdr.borders.push_back({"w:bottom", 3, 4, hex_color(mix_with_white(l.header.color, 0.5))});
        hdr.ui_priority = 99;
        hdr.unhide_when_used = true;
        paragraph_style(hdr);
        auto ftr = para(style_id::footer, "footer", l.footer);
        ftr.tabs = {center, right};
        ftr.ui_priority = 99;
        ftr.unhide_when_used = true;
        paragraph_style(ftr);

        character_styles();
        table_styles();
        x_.close();
        return std::string(x_.bytes());
    }

private:
    void defaults() {
        const TextStyle& body = ctx_.style.role(Role::Body);
        x_.open("w:docDefaults");
        x_.open("w:rPrDefault");
        x_.open("w:rPr");
        fonts(body.font.family, false);
        x_.leaf("w:sz", "w:val", half_points(body.size));
        x_.leaf("w:szCs", "w:val", half_points(body.size));
        x_.leaf("w:lang", {{"w:val", ctx_.language}});
        x_.close();
        x_.close();
        x_.open("w:pPrDefault");
        x_.open("w:pPr");
        x_.leaf("w:spacing", {{"w:after", "0"}, {"w:line", "240"}, {"w:lineRule", "auto"}});
        x_.close();
        x_.close();
        x_.close();
    }

    // The family by name, and as the theme's major or minor font where it
    // is that one (Word then takes the theme's, the same family; an editor
    // who picks other theme fonts changes headings and text alike).
    void fonts(const std::string& family, bool major) {
        x_.open(
            "w:rFonts",
            {{"w:ascii", family}, {"w:hAnsi", family}, {"w:eastAsia", family}, {"w:cs", family}});
        const std::string& themed = major ? theme_.major : theme_.minor;
        if (family == themed) {
            const char* slot = major ? "majorHAnsi" : "minorHAnsi";
            x_.attr("w:asciiTheme", slot);
            x_.attr("w:hAnsiTheme", slot);
        }
        x_.close();
    }

    // w:color, with the theme's name for it where it is one of the theme's.
    void color(const style::Color& c, const char* theme_name = nullptr) {
        x_.open("w:color", {{"w:val", hex_color(c)}});
        if (!theme_name)
            theme_name = theme_color_name(theme_, c);
        if (theme_name)
            x_.attr("w:themeColor", theme_name);
        x_.close();
    }

    // Children in the order of CT_Style (17.7.4.17).
    void header(const StyleDef& d) {
        x_.open("w:style", {{"w:type", d.type}});
        if (d.is_default)
            x_.attr("w:default", "1");
        if (d.custom)
            x_.attr("w:customStyle", "1");
        x_.attr("w:styleId", d.id);
        x_.leaf("w:name", {{"w:val", d.name}});
        if (d.based_on)
            x_.leaf("w:basedOn", {{"w:val", d.based_on}});
        if (d.next)
            x_.leaf("w:next", {{"w:val", d.next}});
        if (d.auto_redefine)
            x_.leaf("w:autoRedefine");
        if (d.ui_priority)
            x_.leaf("w:uiPriority", "w:val", d.ui_priority);
        if (d.semi_hidden)
            x_.leaf("w:semiHidden");
        if (d.unhide_when_used)
            x_.leaf("w:unhideWhenUsed");
        if (d.quick)
            x_.leaf("w:qFormat");
        if (d.major_font)
            major_ids_.insert(d.id);
    }

    // Child elements in the order of CT_PPrBase (ECMA-376 Part 1, 17.3.1.26):
    // Word rejects a file whose elements are out of schema order.
    void paragraph_properties(const StyleDef& d) {
        const TextStyle& t = d.look;
        x_.open("w:pPr");
        if (d.keep_next)
            x_.leaf("w:keepNext");
        if (d.keep_lines)
            x_.leaf("w:keepLines");
        if (d.is_default)
            x_.leaf("w:widowControl");
        if (!d.borders.empty()) {
            x_.open("w:pBdr");
            for (const auto& b : d.borders) {
                x_.open(b.side, {{"w:val", b.val}});
                if (std::string_view(b.val) != "nil") {
                    x_.attr("w:sz", b.eighths);
                    x_.attr("w:space", b.space);
                    x_.attr("w:color", b.color);
                }
                x_.close();
            }
            x_.close();
        }
        if (!d.tabs.empty()) {
            x_.open("w:tabs");
            for (const auto& tab : d.tabs) {
                x_.open("w:tab", {{"w:val", tab.kind}});
                if (tab.leader)
                    x_.attr("w:leader", tab.leader);
                x_.attr("w:pos", tab.pos);
                x_.close();
            }
            x_.close();
        }
        if (!t.hyphenate)
            x_.leaf("w:suppressAutoHyphens");
        else if (d.parent && !d.parent->hyphenate)
            x_.leaf("w:suppressAutoHyphens", {{"w:val", "0"}});
        x_.open("w:spacing");
        x_.attr("w:before", twips_from_pt(t.space_before));
        x_.attr("w:after", twips_from_pt(t.space_after));
        if (d.exact_leading) {
            x_.attr("w:line", twips_from_pt(t.leading));
            x_.attr("w:lineRule", "exact");
        } else if (d.proportional) {
            x_.attr("w:line", widths_.proportional_line(t));
            x_.attr("w:lineRule", "auto");
        } else {
            x_.attr("w:line", "240");
            x_.attr("w:lineRule", "auto");
        }
        x_.close();
        if (d.indent_left || d.hanging || d.indent_right || d.reset_indent) {
            x_.open("w:ind");
            x_.attr("w:left", d.indent_left);
            if (d.indent_right)
                x_.attr("w:right", d.indent_right);
            if (d.hanging)
                x_.attr("w:hanging", d.hanging);
            x_.close();
        }
        if (d.contextual_spacing)
            x_.leaf("w:contextualSpacing");
        x_.leaf("w:jc", {{"w:val", jc(t.align)}});
        if (d.outline >= 0)
            x_.leaf("w:outlineLvl", "w:val", d.outline);
        x_.close();
    }

    // Children in the order of CT_RPr (17.3.2.28).
    // `major`: the style's font is the theme's major font; `parent_major`:
    // its parent's is.
    void run_properties(const TextStyle& t, const TextStyle* parent, bool with_size = true,
                        bool major = false, bool parent_major = false) {
        x_.open("w:rPr");
        if (!parent || parent->font.family != t.font.family || major != parent_major)
            fonts(t.font.family, major);
        toggle("w:b", "w:bCs", t.font.bold, parent && parent->font.bold);
        toggle("w:i", "w:iCs", t.font.italic, parent && parent->font.italic);
        color(t.color);
        if (with_size) {
            x_.leaf("w:sz", "w:val", half_points(t.size));
            x_.leaf("w:szCs", "w:val", half_points(t.size));
        }
        x_.close();
    }

    void toggle(const char* name, const char* cs_name, bool on, bool parent_on) {
        if (on) {
            x_.leaf(name);
            x_.leaf(cs_name);
        } else if (parent_on) {
            x_.leaf(name, {{"w:val", "0"}});
            x_.leaf(cs_name, {{"w:val", "0"}});
        }
    }

    void paragraph_style(const StyleDef& d) {
        header(d);
        paragraph_properties(d);
        run_properties(d.look, d.is_default ? nullptr : d.parent, true, d.major_font,
                       d.based_on && major_ids_.count(d.based_on) > 0);
        x_.close();
    }

    void character_styles() {
        StyleDef dpf;
        dpf.type = "character";
        dpf.id = "DefaultParagraphFont";
        dpf.name = "Default Paragraph Font";
        dpf.is_default = true;
        dpf.ui_priority = 1;
        dpf.semi_hidden = true;
        dpf.unhide_when_used = true;
        header(dpf);
        x_.close();

        // Built-in (Emphasis, Strong) in the gallery; priority 0: custom.
        auto simple = [&](const char* id, const char* name, bool bold, bool italic, int priority) {
            StyleDef c;
            c.type = "character";
            c.id = id;
            c.name = name;
            c.based_on = "DefaultParagraphFont";
            c.ui_priority = priority;
            c.custom = priority == 0;
            c.quick = !c.custom;
            header(c);
            x_.open("w:rPr");
            if (bold) {
                x_.leaf("w:b");
                x_.leaf("w:bCs");
            }
            if (italic) {
                x_.leaf("w:i");
                x_.leaf("w:iCs");
            }
            x_.close();
            x_.close();
        };
        simple("Emphasis", "Emphasis", false, true, 20);
        simple("Strong", "Strong", true, false, 22);
        simple(style_id::strong_emphasis, "Strong Emphasis", true, true, 0);

        // Links in the colour of the headings, underlined: visible on screen
        // and in print without the default blue.
        StyleDef link;
        link.type = "character";
        link.id = "Hyperlink";
        link.name = "Hyperlink";
        link.based_on = "DefaultParagraphFont";
        link.ui_priority = 99;
        link.unhide_when_used = true;
        header(link);
        x_.open("w:rPr");
        color(theme_.hlink, "hyperlink");
        x_.leaf("w:u", {{"w:val", "single"}});
        x_.close();
        x_.close();

        // The date of a dated one-liner: the milestone date's face, colour
        // and size, as the PDF sets it beside the title.
        StyleDef ld;
        ld.type = "character";
        ld.id = style_id::list_date;
        ld.name = "List Date";
        ld.based_on = "DefaultParagraphFont";
        ld.custom = true;
        header(ld);
        TextStyle look = ctx_.style.role(Role::MilestoneDate);
        run_properties(look, &normal_look_);
        x_.close();
    }

    // Normal Table as Word defines it, and the one-liners' table on it:
    // no borders, no cell margins at the sides (the columns start where
    // the text does), the cells' paragraphs in their own styles.
    void table_styles() {
        StyleDef tn;
        tn.type = "table";
        tn.id = style_id::table_normal;
        tn.name = "Normal Table";
        tn.is_default = true;
        tn.ui_priority = 99;
        tn.semi_hidden = true;
        tn.unhide_when_used = true;
        header(tn);
        table_properties(108);
        x_.close();

        StyleDef one;
        one.type = "table";
        one.id = one_liners_table_style;
        one.name = "One-liners";
        one.based_on = style_id::table_normal;
        one.custom = true;
        header(one);
        table_properties(0, true);
        x_.close();
    }

    // CT_TblPrBase in schema order: tblInd, tblBorders, tblCellMar.
    void table_properties(std::int64_t side_margin, bool borderless = false) {
        x_.open("w:tblPr");
        x_.leaf("w:tblInd", {{"w:w", "0"}, {"w:type", "dxa"}});
        if (borderless) {
            x_.open("w:tblBorders");
            for (const char* side :
                 {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
                x_.leaf(side,
                        {{"w:val", "none"}, {"w:sz", "0"}, {"w:space", "0"}, {"w:color", "auto"}});
            x_.close();
        }
        x_.open("w:tblCellMar");
        for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
            const bool horizontal = side[2] == 'l' || side[2] == 'r';
            x_.open(side);
            x_.attr("w:w", horizontal ? side_margin : 0);
            x_.attr("w:type", "dxa");
            x_.close();
        }
        x_.close();
        x_.close();
    }

    const Context& ctx_;
    const Theme theme_{make_theme(ctx_.style)};
    XmlWriter x_;
    TextStyle normal_look_;
    Widths widths_;
    std::set<std::string> major_ids_; // styles set in the theme's major font
};

} // namespace

std::string styles_xml(const Context& ctx) {
    return StylesWriter(ctx).write();
}

} // namespace chronik::render::docx
