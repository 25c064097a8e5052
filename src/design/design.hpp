// A design: what goes where on the PDF's pages. It walks the document
// model, decides the look (which roles, where, what is drawn around the
// text) and hands slices to the generic engine (layout/galley.hpp), which
// breaks them into pages. Every number a design takes from the style sheet
// is a tunable declared once in style/tunables.hpp; docs/designs.md says
// how to add a design.
#pragma once

#include "layout/page.hpp"
#include "model/document.hpp"
#include "style/style.hpp"
#include "style/tunables.hpp"
#include "support/diagnostics.hpp"
#include "text/font_set.hpp"
#include "text/hyphenator.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace chronik::design {

struct Inputs {
    const model::Document& doc;
    const style::Style& style;
    text::FontSet& fonts;
    const text::Hyphenator* hyphenator; // nullptr: none for the language
    Diagnostics& diags;
    unsigned threads = 1; // > 1: the engine may set paragraphs on a second thread
    // Print output: elements that run off the page extend this far past the
    // trim (the style's print bleed); 0 for the screen.
    layout::Length bleed = 0;
    // Print output: pictures are shown no larger than their pixels at the
    // style's print resolution (Images::print_ppi) unless the chronicle asks.
    bool print = false;
};

class Design {
public:
    virtual ~Design() = default;
    virtual std::string_view name() const = 0;        // as a style sheet names it
    virtual std::string_view description() const = 0; // one line
    // The tunables it reads: the shared ones and its own (style/tunables.hpp).
    std::vector<const style::Tunable*> tunables() const;
    // Throws std::runtime_error for a document that cannot be laid out.
    virtual layout::PageTree lay_out(const Inputs& in) const = 0;
};

// Every registered design, in the order of style::design_names().
std::span<const Design* const> designs();
// By name, or nullptr.
const Design* find_design(std::string_view name);

// Warns once when a role asks for hyphenation and no dictionary is there.
void warn_without_hyphenator(const Inputs& in);

} // namespace chronik::design
