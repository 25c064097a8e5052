#include "docx_theme.hpp"

#include "docx_xml.hpp"

#include <cmath>
#include <vector>

namespace chronik::render::docx {

namespace {

using style::Color;
using style::Role;

// `c` mixed with white: 1 = c, 0 = white.
Color tint(const Color& c, double amount) {
    auto mix = [&](std::uint8_t v) {
        return static_cast<std::uint8_t>(std::lround(255 - (255 - v) * amount));
    };
    return Color{mix(c.r), mix(c.g), mix(c.b)};
}

bool same_rgb(const Color& a, const Color& b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

// The fill, line, effect and background styles of Word's own Office theme
// (2013 and later): shapes an editor draws get Word's usual look in the
// sheet's colours (phClr is the colour the shape asks for).
void format_scheme(XmlWriter& x) {
    auto scheme = [&](std::initializer_list<std::pair<const char*, int>> mods) {
        x.open("a:schemeClr", {{"val", "phClr"}});
        for (const auto& [name, val] : mods)
            x.leaf(name, "val", val);
        x.close();
    };
    auto gradient =
        [&](std::initializer_list<std::initializer_list<std::pair<const char*, int>>> stops) {
            x.open("a:gradFill", {{"rotWithShape", "1"}});
            x.open("a:gsLst");
            const int pos[] = {0, 50000, 100000};
            int i = 0;
            for (const auto& mods : stops) {
                x.open("a:gs");
                x.attr("pos", pos[i++]);
                scheme(mods);
                x.close();
            }
            x.close();
            x.leaf("a:lin", {{"ang", "5400000"}, {"scaled", "0"}});
            x.close();
        };
    auto solid = [&](std::initializer_list<std::pair<const char*, int>> mods) {
        x.open("a:solidFill");
        scheme(mods);
        x.close();
    };

    x.open("a:fmtScheme", {{"name", "Office"}});
    x.open("a:fillStyleLst");
    solid({});
    gradient({{{"a:lumMod", 110000}, {"a:satMod", 105000}, {"a:tint", 67000}},
              {{"a:lumMod", 105000}, {"a:satMod", 103000}, {"a:tint", 73000}},
              {{"a:lumMod", 105000}, {"a:satMod", 109000}, {"a:tint", 81000}}});
    gradient({{{"a:satMod", 103000}, {"a:lumMod", 102000}, {"a:tint", 94000}},
              {{"a:satMod", 110000}, {"a:lumMod", 100000}, {"a:shade", 100000}},
              {{"a:lumMod", 99000}, {"a:satMod", 120000}, {"a:shade", 78000}}});
    x.close();
    x.open("a:lnStyleLst");
    for (const char* w : {"6350", "12700", "19050"}) {
        x.open("a:ln", {{"w", w}, {"cap", "flat"}, {"cmpd", "sng"}, {"algn", "ctr"}});
        solid({});
        x.leaf("a:prstDash", {{"val", "solid"}});
        x.leaf("a:miter", {{"lim", "800000"}});
        x.close();
    }
    x.close();
    x.open("a:effectStyleLst");
    for (int i = 0; i < 2; ++i) {
        x.open("a:effectStyle");
        x.leaf("a:effectLst");
        x.close();
    }
    x.open("a:effectStyle");
    x.open("a:effectLst");
    x.open("a:outerShdw", {{"blurRad", "57150"},
                           {"dist", "19050"},
                           {"dir", "5400000"},
                           {"algn", "ctr"},
                           {"rotWithShape", "0"}});
    x.open("a:srgbClr", {{"val", "000000"}});
    x.leaf("a:alpha", {{"val", "63000"}});
    x.close();
    x.close();
    x.close();
    x.close();
    x.close();
    x.open("a:bgFillStyleLst");
    solid({});
    solid({{"a:tint", 95000}, {"a:satMod", 170000}});
    gradient({{{"a:tint", 93000}, {"a:satMod", 150000}, {"a:shade", 98000}, {"a:lumMod", 102000}},
              {{"a:tint", 98000}, {"a:satMod", 130000}, {"a:shade", 90000}, {"a:lumMod", 103000}},
              {{"a:shade", 63000}, {"a:satMod", 120000}}});
    x.close();
    x.close();
}

} // namespace

std::string hex_color(const Color& c) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string s;
    for (auto v : {c.r, c.g, c.b}) {
        s += hex[v >> 4];
        s += hex[v & 15];
    }
    return s;
}

Theme make_theme(const style::Style& s) {
    Theme t;
    t.name = "chronik " + (s.name.empty() ? std::string("style") : s.name);
    t.major = s.role(Role::PeriodHeading).font.family;
    t.minor = s.role(Role::Body).font.family;
    // Text: the body's colour on white; the second pair: the headings'
    // colour and a light tint of it (Word's backgrounds and table bands).
    t.dk1 = s.role(Role::Body).color;
    t.lt1 = Color{255, 255, 255};
    t.dk2 = s.role(Role::PeriodHeading).color;
    t.lt2 = tint(t.dk2, 0.1);
    // Accent 1 is the design's accent; then the sheet's other colours in
    // the order of its roles, the text colour left out (an accent that is
    // the text's colour marks nothing); tints of the accent and of the
    // headings' colour fill what the sheet does not have.
    std::vector<Color> accents{s.role(Role::MilestoneDate).color};
    auto add = [&](const Color& c) {
        if (accents.size() >= 6 || same_rgb(c, t.dk1))
            return;
        for (const auto& a : accents)
            if (same_rgb(a, c))
                return;
        accents.push_back(Color{c.r, c.g, c.b});
    };
    for (const auto& r : s.roles)
        add(r.color);
    for (double amount : {0.6, 0.4, 0.25})
        for (const Color& c : {accents.front(), t.dk2})
            add(tint(c, amount));
    for (std::size_t i = 0; i < t.accents.size(); ++i)
        t.accents[i] = i < accents.size() ? accents[i] : tint(accents.front(), 0.15);
    // Links as the DOCX shows them (the Hyperlink style): the headings'
    // colour, visited or not (a printed brochure has no history).
    t.hlink = t.fol_hlink = t.dk2;
    return t;
}

const char* theme_color_name(const Theme& t, const Color& c) {
    static constexpr const char* accent_names[] = {"accent1", "accent2", "accent3",
                                                   "accent4", "accent5", "accent6"};
    if (same_rgb(c, t.accents[0]))
        return "accent1";
    if (same_rgb(c, t.dk1))
        return "text1";
    if (same_rgb(c, t.dk2))
        return "text2";
    for (std::size_t i = 1; i < t.accents.size(); ++i)
        if (same_rgb(c, t.accents[i]))
            return accent_names[i];
    return nullptr;
}

std::string theme_xml(const Theme& t) {
    XmlWriter x;
    x.open("a:theme", {{"xmlns:a", ns::a}, {"name", t.name}});
    x.open("a:themeElements");

    x.open("a:clrScheme", {{"name", t.name}});
    auto srgb = [&](const char* slot, const Color& c) {
        x.open(slot);
        x.leaf("a:srgbClr", {{"val", hex_color(c)}});
        x.close();
    };
    srgb("a:dk1", t.dk1);
    srgb("a:lt1", t.lt1);
    srgb("a:dk2", t.dk2);
    srgb("a:lt2", t.lt2);
    static constexpr const char* accent_slots[] = {"a:accent1", "a:accent2", "a:accent3",
                                                   "a:accent4", "a:accent5", "a:accent6"};
    for (std::size_t i = 0; i < t.accents.size(); ++i)
        srgb(accent_slots[i], t.accents[i]);
    srgb("a:hlink", t.hlink);
    srgb("a:folHlink", t.fol_hlink);
    x.close();

    x.open("a:fontScheme", {{"name", t.name}});
    for (const auto& [slot, family] :
         {std::pair{"a:majorFont", &t.major}, {"a:minorFont", &t.minor}}) {
        x.open(slot);
        x.leaf("a:latin", {{"typeface", *family}});
        x.leaf("a:ea", {{"typeface", ""}});
        x.leaf("a:cs", {{"typeface", ""}});
        x.close();
    }
    x.close();

    format_scheme(x);
    x.close(); // themeElements
    x.leaf("a:objectDefaults");
    x.leaf("a:extraClrSchemeLst");
    x.close();
    return std::string(x.bytes());
}

} // namespace chronik::render::docx
