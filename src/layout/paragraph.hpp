// Setting one paragraph: inline content to lines. Line-break opportunities
// come from the text stage (UAX #14 and libhyphen's patterns), the
// breaks themselves from the Knuth–Plass breaker.
#pragma once

#include "linebreak.hpp"
#include "model/inline.hpp"
#include "support/diagnostics.hpp"
#include "text/font_set.hpp"
#include "text/hyphenator.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace chronik::layout {

// The text stage's fonts and hyphenation, as the layout names them.
using text::FontFace;
using text::FontSet;
using text::Hyphenator;

struct ParagraphStyle {
    style::Font font;
    Length size = 0;
    Length leading = 0;
    style::Color color;
    style::Color link_color;
    style::Align align = style::Align::Left;
    bool hyphenate = false;
    // How much glyphs may widen or narrow in justified lines (0.02 = 2 %),
    // so spaces need to vary less. Only for justified text.
    double expansion = 0.02;
};

// A piece of a line: text in one face, placed at x from the line's start.
struct Piece {
    Length x = 0;
    Length width = 0;
    std::string text;
    int face = 0;
    Length size = 0;
    style::Color color;
    std::string href; // inside a link
    int scale = 1000; // horizontal glyph scaling, per mille (font expansion)
};

struct Line {
    std::vector<Piece> pieces;
    Length width = 0; // set width (the measure for justified lines)
    double ratio = 0; // adjustment ratio of its spaces
    bool hyphenated = false;
    bool last = false; // the paragraph's last line (or before a forced break)
};

struct SetParagraph {
    std::vector<Line> lines;
    Length leading = 0;
    Length ascent = 0; // of the first line
};

// Everything a paragraph needs that is the same for many paragraphs.
struct TypesetContext {
    FontSet& fonts;
    const Hyphenator* hyphenator; // nullptr: no hyphenation
    std::string language;         // for line-break opportunities
    std::string source;           // the chronicle's file, for warnings
    Diagnostics& diags;
    BreakParams params;
    // Words recur (names, "Stadt Leipzig"): their hyphenation points, by word.
    std::unordered_map<std::string, std::vector<std::size_t>> hyphenations = {};
};

SetParagraph set_paragraph(const model::Inlines& content, const ParagraphStyle& style, Length width,
                           TypesetContext& ctx);

} // namespace chronik::layout
