// Saddle stitching: sheets folded once and stapled in the fold, four pages
// a sheet, so a booklet has a multiple of four pages.
#include "rules.hpp"

namespace chronik::preflight {

namespace {

std::size_t short_of_four(std::size_t pages) {
    return (4 - pages % 4) % 4;
}

std::string pages_count(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " page" : " pages");
}

} // namespace

void check_page_count(const Inputs& in) {
    const auto& print = in.style.print;
    const std::size_t pages = in.pages.pages.size();
    const std::size_t missing = short_of_four(pages);
    if (!print.booklet || missing == 0)
        return;
    in.diags.warning(in.style.source, print.line,
                     "the booklet has " + pages_count(pages) +
                         ", not a multiple of 4, which saddle stitching needs; " +
                         pages_count(missing) + " short of " + std::to_string(pages + missing) +
                         " (pad=\"true\" adds blank pages at the end)");
}

void pad_booklet(layout::PageTree& tree, const style::Style& style, Diagnostics& diags) {
    const auto& print = style.print;
    const std::size_t missing = short_of_four(tree.pages.size());
    if (!print.booklet || !print.pad || missing == 0 || tree.pages.empty())
        return;
    // Blank: no items (so nothing for the structure tree), no anchors, no
    // number printed; the size of the page before, for a booklet's pages
    // are all of one size.
    layout::Page blank;
    blank.width = tree.pages.back().width;
    blank.height = tree.pages.back().height;
    const std::size_t had = tree.pages.size();
    tree.pages.insert(tree.pages.end(), missing, blank);
    diags.note(style.source, print.line,
               "added " + std::to_string(missing) +
                   (missing == 1 ? " blank page" : " blank pages") +
                   " at the end of the booklet: " + std::to_string(had) + " + " +
                   std::to_string(missing) + " = " + std::to_string(tree.pages.size()) +
                   " pages, a multiple of 4 for saddle "
                   "stitching");
}

} // namespace chronik::preflight
