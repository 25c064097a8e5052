// A style sheet's text role as the engine's ParagraphStyle (shared by the
// designs).
#pragma once

#include "layout/paragraph.hpp"
#include "layout/units.hpp"
#include "style/style.hpp"

namespace chronik::design {

// Links take the milestone date's colour, the accent of every design.
inline layout::ParagraphStyle paragraph_style(const style::Style& s, style::Role r) {
    const auto& t = s.role(r);
    layout::ParagraphStyle p;
    p.font = t.font;
    p.size = layout::pt(t.size);
    p.leading = layout::pt(t.leading);
    p.color = t.color;
    p.link_color = s.role(style::Role::MilestoneDate).color;
    p.align = t.align;
    p.hyphenate = t.hyphenate;
    return p;
}

// `line`: the chronicle's line the text came from, for warnings about it.
inline model::Inlines text_inlines(const std::string& s, int line = 0) {
    return {model::Text{s, line}};
}

// `c` mixed with white: 1 = c, 0 = white. A CMYK colour's tint is its own
// inks, less of each (a tint screen), so a rule in a tint of magenta prints
// on the magenta plate alone.
inline style::Color blend(style::Color c, double amount) {
    auto mix = [&](std::uint8_t v) {
        return static_cast<std::uint8_t>(255 - (255 - v) * amount + 0.5);
    };
    style::Color out{mix(c.r), mix(c.g), mix(c.b)};
    if (c.cmyk) {
        auto less = [&](std::uint8_t ink) { return static_cast<std::uint8_t>(ink * amount + 0.5); };
        out.cmyk = true;
        out.c = less(c.c);
        out.m = less(c.m);
        out.y = less(c.y);
        out.k = less(c.k);
    }
    return out;
}

} // namespace chronik::design
