// Page breaking: a vertical list of slices (a line of text, a heading, an
// image with its caption) is cut into pages. Greedy, like TeX's page
// builder: fill a page, and when the next slice does not fit, break at the
// last place the keep rules allow. The rules live in the slices:
// `before` says whether a page may end just before a slice, which is how
// headings keep with their text and paragraphs avoid widows and orphans.
#pragma once

#include "page.hpp"

#include <vector>

namespace chronik::layout {

enum class BreakBefore {
    Allowed, // a page may end before this slice
    Avoid,   // keep with the slice before (never break here, unless one page cannot hold the chain)
    Page,    // always start a new page here
};

enum class Marker { None, Period, Milestone };

struct Slice {
    Length height = 0;
    Length space_before = 0; // dropped at the top of a page
    BreakBefore before = BreakBefore::Allowed;
    int period = -1;               // index of the period it belongs to (-1: front matter)
    Marker marker = Marker::None;  // a timeline marker on this slice
    Length marker_y = 0;           // relative to the slice's top
    std::vector<PageItem> items;   // x absolute, y relative to the slice's top
    std::vector<Anchor> anchors;   // y relative to the slice's top
    int toc_entry = -1;            // index into the TOC's targets
};

struct PlacedSlice {
    std::size_t slice;
    Length y; // top, from the page's top
};

// Indices of slices per page. `area_top`/`area_height`: the text area.
std::vector<std::vector<PlacedSlice>> paginate(const std::vector<Slice>& slices, Length area_top,
                                               Length area_height);

} // namespace chronik::layout
