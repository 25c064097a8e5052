#include "docx_looks.hpp"

#include "docx_units.hpp"
#include "style/tunables.hpp"

#include <algorithm>

namespace chronik::render::docx {

style::Color mix_with_white(style::Color c, double amount) {
    auto mix = [&](std::uint8_t v) {
        return static_cast<std::uint8_t>(255 - (255 - v) * amount + 0.5);
    };
    return {mix(c.r), mix(c.g), mix(c.b)};
}

Looks make_looks(const style::Style& s, std::int64_t text_height, bool title_rule) {
    using style::Align;
    using style::Role;
    Looks l;
    l.body = s.role(Role::Body);
    l.normal = l.body;
    l.normal.space_before = l.normal.space_after = 0;
    l.normal.align = Align::Left;

    // The first paragraph of a milestone that shows no head of its own
    // keeps the milestone's distance from the one before.
    l.milestone_body = l.body;
    l.milestone_body.space_before = s.role(Role::MilestoneDate).space_before;
    l.intro = s.role(Role::Intro);

    // On a title page of its own, the title block stands as far down the
    // text area as in the PDF (the declared title-position) rather than at
    // its top edge.
    l.title = s.role(Role::Title);
    const double title_at = static_cast<double>(text_height) / twips_per_pt *
                            style::tunable(s, style::tune::title_position);
    if (title_rule) {
        // As the PDF: the 4 pt bar's top 24 pt above where the title block
        // starts, the title its space before below that. The rule's
        // paragraph is a point high, its border under it.
        l.title_rule = l.title;
        l.title_rule.color = s.role(Role::MilestoneDate).color;
        l.title_rule.size = l.title_rule.leading = 1;
        l.title_rule.space_before = std::max(0.0, title_at - 24);
        l.title_rule.space_after = 0;
        l.title.space_before += std::min(title_at, 24.0) - 1 - 4;
    } else if (s.title_page) {
        l.title.space_before = std::max(l.title.space_before, title_at);
    }
    l.subtitle = s.role(Role::Subtitle);
    l.organization = s.role(Role::Organization);

    l.heading1 = s.role(Role::PeriodHeading);
    l.heading2 = s.role(Role::MilestoneTitle);
    l.date_heading = s.role(Role::MilestoneDate);
    l.date = s.role(Role::MilestoneDate);

    // Dated one-liners: the cells of a table whose header row (in the
    // milestone date's look) sets it off like a milestone; its rows a fifth
    // of a line apart, as in the PDF.
    l.dated_list = l.body;
    l.dated_list.align = Align::Left;
    l.dated_list.space_before = l.body.leading / 5;
    l.dated_list.space_after = 0;

    l.figure = l.body;
    l.figure.align = Align::Left;
    l.figure.space_before = s.role(Role::Caption).space_before;
    l.figure.space_after = 0;
    l.caption = s.role(Role::Caption);

    l.toc_heading = s.role(Role::PeriodHeading);
    l.toc1 = s.role(Role::Toc);
    l.toc2 = s.role(Role::Toc);
    l.toc2_indent = twips_from_pt(2 * l.toc2.size);
    l.header = s.role(Role::Header);
    l.footer = s.role(Role::Footer);
    return l;
}

} // namespace chronik::render::docx
