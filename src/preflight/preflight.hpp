// Preflight: what a print shop would send back, found on the laid-out pages
// of a print PDF (--pdf-standard x-4, `chronik check --print`) before they
// are painted. The PDF renderer calls pad_booklet() and check() between
// layout and painting, so `render` and `check --print` say the same.
//
// Every finding is one warning with the file and line to fix: the
// chronicle's line for an image, the style sheet's line for a role's size
// or colour, the sheet's <print> for the booklet. Repeats are gathered (one
// warning an image or a role, naming its pages), never one a page item.
//
// Units: page lengths in millipoints (layout/units.hpp); inks 0..1.
#pragma once

#include "layout/page.hpp"
#include "model/document.hpp"
#include "style/style.hpp"
#include "support/colour.hpp"
#include "support/diagnostics.hpp"

#include <functional>

namespace chronik::preflight {

// A colour's inks on press (0..1 each): what the print PDF paints for it
// (render/pdf's PrintColours: a cmyk() colour as written, an sRGB one
// through the output profile, greys on K alone).
using Inks = colour::Cmyk;
using PrintInks = std::function<Inks(const style::Color&)>;

// The limits the rules hold the pages to (the image resolution is the
// style's <images warn-below-ppi>).
inline constexpr double small_text_pt = 6;     // text under this is set on one plate
inline constexpr double max_total_ink = 300;   // per cent, the sum of the four inks
inline constexpr double ink_threshold = 0.005; // an ink under 0.5 % makes no plate

struct Inputs {
    const layout::PageTree& pages;
    const model::Document& doc; // its source names the chronicle in messages
    const style::Style& style;
    PrintInks inks;
    Diagnostics& diags;
};

// Every rule on the pages: images under the style's resolution or touching
// the trim without bleed, small text on more than one plate, role colours
// over the total ink limit, a booklet whose page count is no multiple of 4.
// (Characters a font lacks the layout reports itself, once each.)
void check(const Inputs& in);

// A saddle-stitched booklet with <print pad="yes">: blank pages (no
// number, no content, the last page's size) appended up to a multiple of
// four, and a note saying how many. Does nothing otherwise.
void pad_booklet(layout::PageTree& tree, const style::Style& style, Diagnostics& diags);

} // namespace chronik::preflight
