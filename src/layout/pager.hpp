// Page breaking: a vertical list of slices (a line of text, a heading, an
// image with its caption) is cut into pages. Greedy, like TeX's page
// builder: fill a page, and when the next slice does not fit, break at the
// last place the keep rules allow. The rules live in the slices:
// `before` says whether a page may end just before a slice, which is how
// headings keep with their text and paragraphs avoid widows and orphans.
//
// Figures float, as LaTeX's do, but only forward and only one page: a
// figure with its caption (slices sharing a float_id) stays together, and
// when it does not fit where it stands on a page that has something on
// it, the slices after it of the same group (the design's section) are
// set in the space instead, and the figure goes to the top of the next
// page, so it leaves no hole and stays near its text.
#pragma once

#include "page.hpp"

#include <string>
#include <vector>

namespace chronik::layout {

enum class BreakBefore {
    Allowed, // a page may end before this slice
    Avoid,   // keep with the slice before (never break here, unless one page cannot hold the chain)
    Page,    // always start a new page here
};

// One piece of the vertical list. The engine reads height, space_before,
// before, items and anchors; `group`, `mark`, `mark_y`, `tag` and
// `page_ref` are the design's, carried to its page decorator untouched
// (galley.hpp): the engine gives them no meaning.
struct Slice {
    Length height = 0;
    Length space_before = 0; // dropped at the top of a page
    BreakBefore before = BreakBefore::Allowed;
    std::vector<PageItem> items; // x from the text area's left, y from the slice's top
    std::vector<Anchor> anchors; // y relative to the slice's top
    int group = -1;              // the design's: e.g. the section the slice belongs to
    int mark = 0;                // the design's: a mark to draw at this slice (0: none)
    Length mark_y = 0;           // where the mark goes, from the slice's top
    int tag = -1;                // the design's: an index into its own table
    std::string page_ref;        // an anchor whose page number the design prints here
    // > 0: part of a figure, with the slices next to it of the same id
    // (kept together; see above). Its first slice's `before` still says
    // whether it may move: Avoid keeps it where its heading is.
    int float_id = 0;
};

struct PlacedSlice {
    std::size_t slice;
    Length y; // top, from the page's top
};

// Indices of slices per page. `area_top`/`area_height`: the text area.
std::vector<std::vector<PlacedSlice>> paginate(const std::vector<Slice>& slices, Length area_top,
                                               Length area_height);

} // namespace chronik::layout
