// The brochure: the document model laid out on pages. Title page, intro,
// table of contents, then the periods along a timeline rail: a vertical
// rule in the left column of the text area with a marker for each period
// and each milestone. Running header (title, current period) and page
// numbers on every page but the title page.
#pragma once

#include "model/document.hpp"
#include "page.hpp"
#include "support/diagnostics.hpp"
#include "text/font_set.hpp"

namespace chronik::text {
class Hyphenator;
}

namespace chronik::layout {

// The text stage's fonts and hyphenation, as the layout names them.
using text::FontFace;
using text::FontSet;
using text::Hyphenator;

// Documents that would run to more pages are refused (README, "Limits"),
// with a std::runtime_error saying so. The layout stops as soon as its lines
// and pictures alone would fill that many pages.
inline constexpr std::size_t max_pages = 2000;

// `hyphenator`: for the document's language (Hyphenator::for_language), or
// nullptr when none is installed; the caller may load it ahead of time.
// With `threads` > 1 a long document's paragraphs are set on two threads;
// the pages are the same whatever `threads` is.
PageTree lay_out_brochure(const model::Document& doc, const style::Style& style, FontSet& fonts,
                          const Hyphenator* hyphenator, Diagnostics& diags, unsigned threads = 1);

// Plain-text dump of a page tree: what was set where (for golden tests).
std::string dump(const PageTree& tree, const FontSet& fonts);

} // namespace chronik::layout
