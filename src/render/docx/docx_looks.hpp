// The look of each paragraph style the DOCX writer defines, derived once
// from the style sheet's roles. styles.xml is written from these, and the
// page estimate (docx_pages) measures with them, so the two cannot drift.
#pragma once

#include "style/style.hpp"

#include <cstdint>

namespace chronik::render::docx {

struct Looks {
    style::TextStyle normal, body, milestone_body, intro;
    style::TextStyle title_rule, title, subtitle, organization;
    style::TextStyle heading1, heading2, date_heading, date;
    style::TextStyle dated_list, figure, caption;
    style::TextStyle toc_heading, toc1, toc2;
    style::TextStyle header, footer;
    std::int64_t toc2_indent = 0; // twips
};

// `c` mixed with white (1 = c, 0 = white), as the PDF's designs tint their
// rules (design/paragraph_styles.hpp blend(), RGB only: DOCX colours are).
style::Color mix_with_white(style::Color c, double amount);

// `text_height`: of the page's text area, in twips; `title_rule`: the
// title page has the accent bar above the title (Context::title_rule).
Looks make_looks(const style::Style& s, std::int64_t text_height, bool title_rule);

} // namespace chronik::render::docx
