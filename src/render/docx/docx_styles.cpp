#include "docx_styles.hpp"

#include "docx_document.hpp"
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

std::string hex_color(const style::Color& c) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string s;
    for (auto v : {c.r, c.g, c.b}) {
        s += hex[v >> 4];
        s += hex[v & 15];
    }
    return s;
}

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
    int ui_priority = 0;
    bool quick = false; // in the style gallery
    bool semi_hidden = false;
};

class StylesWriter {
public:
    explicit StylesWriter(const Context& ctx) : ctx_(ctx) {}

    std::string write() {
        const Looks& l = ctx_.looks;
        x_.open("w:styles", {{"xmlns:w", ns::w}});
        defaults();
        normal_look_ = l.normal;

        StyleDef d;
        d.id = "Normal";
        d.name = "Normal";
        d.look = l.normal;
        d.is_default = true;
        d.quick = true;
        paragraph_style(d);

        auto para = [&](const char* id, const char* name, const TextStyle& look,
                        const char* based_on = "Normal", const TextStyle* parent = nullptr) {
            StyleDef p;
            p.id = id;
            p.name = name;
            p.look = look;
            p.based_on = based_on;
            p.parent = parent ? parent : &normal_look_;
            p.quick = true;
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
        b.ui_priority = 1;
        on_rail(b);
        paragraph_style(b);

        auto mb = para(style_id::milestone_body, "Milestone Body", l.milestone_body, style_id::body,
                       &l.body);
        mb.next = style_id::body;
        paragraph_style(mb);

        auto intro = para(style_id::intro, "Intro", l.intro, style_id::body, &l.body);
        if (ctx_.rail_indent > 0) { // off the body text's rail
            intro.reset_indent = true;
            intro.borders.push_back({"w:left", 0, 0, "", "nil"});
        }
        paragraph_style(intro);

        // The accent bar above the title on the title page: the bottom
        // border of an empty paragraph as long as the bar.
        if (ctx_.title_rule > 0) {
            auto rule = para(style_id::title_rule, "Title Rule", l.title_rule);
            rule.keep_next = true;
            rule.exact_leading = true;
            rule.indent_right = ctx_.text_width() - ctx_.title_rule;
            rule.borders.push_back({"w:bottom", 32, 0, hex_color(l.title_rule.color)});
            rule.next = style_id::title;
            rule.quick = false;
            paragraph_style(rule);
        }

        auto title = para(style_id::title, "Title", l.title);
        title.next = style_id::subtitle;
        title.ui_priority = 10;
        title.keep_next = true;
        paragraph_style(title);

        auto subtitle = para(style_id::subtitle, "Subtitle", l.subtitle);
        subtitle.next = style_id::body;
        subtitle.ui_priority = 11;
        subtitle.keep_next = true;
        paragraph_style(subtitle);

        auto org = para(style_id::organization, "Organization", l.organization);
        org.next = style_id::body;
        paragraph_style(org);

        auto h1 = para(style_id::heading1, "heading 1", l.heading1);
        h1.next = style_id::body;
        h1.keep_next = h1.keep_lines = true;
        h1.outline = 0;
        h1.ui_priority = 9;
        on_rail(h1, false);
        paragraph_style(h1);

        auto h2 = para(style_id::heading2, "heading 2", l.heading2);
        h2.next = style_id::body;
        h2.keep_next = h2.keep_lines = true;
        h2.outline = 1;
        h2.ui_priority = 9;
        on_rail(h2);
        paragraph_style(h2);

        auto dh = para(style_id::milestone_date_heading, "Milestone Date Heading", l.date_heading,
                       style_id::heading2, &l.heading2);
        dh.next = style_id::body;
        dh.keep_next = dh.keep_lines = true;
        dh.outline = 1;
        paragraph_style(dh);

        auto date = para(style_id::milestone_date, "Milestone Date", l.date);
        date.next = style_id::heading2;
        date.keep_next = date.keep_lines = true;
        on_rail(date);
        paragraph_style(date);

        // Dated one-liners: the cells of their table (docx_one_liners.hpp),
        // whose grid places the titles.
        paragraph_style(para(style_id::dated_list, "Dated List", l.dated_list));

        auto fig = para(style_id::figure, "Figure", l.figure);
        fig.keep_next = true;
        fig.proportional = false; // single: a smaller one would clip the picture
        fig.next = style_id::caption;
        on_rail(fig);
        paragraph_style(fig);

        auto cap = para(style_id::caption, "caption", l.caption);
        cap.next = style_id::body;
        cap.ui_priority = 35;
        on_rail(cap);
        paragraph_style(cap);

        auto toch = para(style_id::toc_heading, "TOC Heading", l.toc_heading);
        toch.next = style_id::toc1;
        toch.keep_next = true;
        toch.outline = 9;
        toch.ui_priority = 39;
        paragraph_style(toch);

        const Tab page_tab{"right", ctx_.text_width(), "dot"};
        auto t1 = para(style_id::toc1, "toc 1", l.toc1);
        t1.next = style_id::body;
        t1.tabs.push_back(page_tab);
        t1.ui_priority = 39;
        paragraph_style(t1);
        auto t2 = para(style_id::toc2, "toc 2", l.toc2);
        t2.next = style_id::body;
        t2.tabs.push_back(page_tab);
        t2.indent_left = l.toc2_indent;
        t2.ui_priority = 39;
        paragraph_style(t2);

        const Tab center{"center", ctx_.text_width() / 2};
        const Tab right{"right", ctx_.text_width()};
        auto hdr = para(style_id::header, "header", l.header);
        // The title, then the period at the right edge; the PDF's rule
        // under both, 0.4 pt in the header's colour half tinted.
        hdr.tabs = {right};
        hdr.borders.push_back({"w:bottom", 3, 4, hex_color(mix_with_white(l.header.color, 0.5))});
        hdr.quick = false;
        paragraph_style(hdr);
        auto ftr = para(style_id::footer, "footer", l.footer);
        ftr.tabs = {center, right};
        ftr.quick = false;
        paragraph_style(ftr);

        character_styles();
        x_.close();
        return std::string(x_.bytes());
    }

private:
    void defaults() {
        const TextStyle& body = ctx_.style.role(Role::Body);
        x_.open("w:docDefaults");
        x_.open("w:rPrDefault");
        x_.open("w:rPr");
        fonts(body.font.family);
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

    void fonts(const std::string& family) {
        x_.leaf(
            "w:rFonts",
            {{"w:ascii", family}, {"w:hAnsi", family}, {"w:eastAsia", family}, {"w:cs", family}});
    }

    void header(const StyleDef& d) {
        x_.open("w:style", {{"w:type", d.type}, {"w:styleId", d.id}});
        if (d.is_default)
            x_.attr("w:default", "1");
        x_.leaf("w:name", {{"w:val", d.name}});
        if (d.based_on)
            x_.leaf("w:basedOn", {{"w:val", d.based_on}});
        if (d.next)
            x_.leaf("w:next", {{"w:val", d.next}});
        if (d.ui_priority)
            x_.leaf("w:uiPriority", "w:val", d.ui_priority);
        if (d.semi_hidden)
            x_.leaf("w:semiHidden");
        if (d.quick)
            x_.leaf("w:qFormat");
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
    void run_properties(const TextStyle& t, const TextStyle* parent, bool with_size = true) {
        x_.open("w:rPr");
        if (!parent || parent->font.family != t.font.family)
            fonts(t.font.family);
        toggle("w:b", "w:bCs", t.font.bold, parent && parent->font.bold);
        toggle("w:i", "w:iCs", t.font.italic, parent && parent->font.italic);
        x_.leaf("w:color", {{"w:val", hex_color(t.color)}});
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
        run_properties(d.look, d.is_default ? nullptr : d.parent);
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
        header(dpf);
        x_.close();

        auto simple = [&](const char* id, const char* name, bool bold, bool italic, int priority) {
            StyleDef c;
            c.type = "character";
            c.id = id;
            c.name = name;
            c.based_on = "DefaultParagraphFont";
            c.ui_priority = priority;
            c.quick = true;
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
        simple("StrongEmphasis", "Strong Emphasis", true, true, 23);

        // Links in the colour of the headings, underlined: visible on screen
        // and in print without the default blue.
        StyleDef link;
        link.type = "character";
        link.id = "Hyperlink";
        link.name = "Hyperlink";
        link.based_on = "DefaultParagraphFont";
        link.ui_priority = 99;
        header(link);
        x_.open("w:rPr");
        x_.leaf("w:color", {{"w:val", hex_color(ctx_.style.role(Role::PeriodHeading).color)}});
        x_.leaf("w:u", {{"w:val", "single"}});
        x_.close();
        x_.close();

        // The date of a dated one-liner: the milestone date's face and
        // colour at the size of the list's text.
        StyleDef ld;
        ld.type = "character";
        ld.id = style_id::list_date;
        ld.name = "List Date";
        ld.based_on = "DefaultParagraphFont";
        header(ld);
        TextStyle look = ctx_.style.role(Role::MilestoneDate);
        run_properties(look, &normal_look_, false);
        x_.close();
    }

    const Context& ctx_;
    XmlWriter x_;
    TextStyle normal_look_;
    Widths widths_;
};

// The generic family Word falls back on when the font is not installed.
const char* generic_family(std::string_view name) {
    std::string lower(name);
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* mono : {"mono", "courier", "consol", "code"})
        if (lower.find(mono) != std::string::npos)
            return "modern";
    for (const char* sans : {"sans", "grotesk", "arial", "helvetica", "carlito", "calibri",
                             "verdana", "frutiger", "gothic"})
        if (lower.find(sans) != std::string::npos && lower.find("serif") == std::string::npos)
            return "swiss";
    if (lower.find("sans") != std::string::npos)
        return "swiss";
    return "roman";
}

} // namespace

std::string styles_xml(const Context& ctx) {
    return StylesWriter(ctx).write();
}

std::string font_table_xml(const Context& ctx) {
    std::set<std::string> families;
    for (const auto& r : ctx.style.roles)
        families.insert(r.font.family);
    XmlWriter x;
    x.open("w:fonts", {{"xmlns:w", ns::w}});
    for (const auto& f : families) {
        x.open("w:font", {{"w:name", f}});
        x.leaf("w:charset", {{"w:val", "00"}});
        x.leaf("w:family", {{"w:val", generic_family(f)}});
        x.leaf("w:pitch",
               {{"w:val", generic_family(f) == std::string_view("modern") ? "fixed" : "variable"}});
        x.close();
    }
    x.close();
    return std::string(x.bytes());
}

} // namespace chronik::render::docx
