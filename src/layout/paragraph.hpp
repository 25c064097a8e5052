// Setting one paragraph: inline content to lines. Line-break opportunities
// come from the text stage (UAX #14 and libhyphen's patterns), the
// breaks themselves from the Knuth–Plass breaker.
#pragma once

#include "linebreak.hpp"
#include "model/inline.hpp"
#include "support/diagnostics.hpp"
#include "text/font_set.hpp"
#include "text/hyphenator.hpp"

#include <map>
#include <memory>
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
    std::string lang; // BCP 47 tag of a passage in another language; "" = the paragraph's
    // A word space follows in the text: the next piece starts after a gap,
    // or the line broke at a space (or a forced break inside the paragraph).
    bool space_after = false;
};

struct Line {
    std::vector<Piece> pieces;
    Length width = 0;          // set width (the measure for justified lines)
    double ratio = 0;          // adjustment ratio of its spaces
    bool hyphenated = false;   // ends in a hyphen (added or written)
    bool hyphen_added = false; // its last piece is the hyphen hyphenation added
    bool last = false;         // the paragraph's last line (or before a forced break)
};

struct SetParagraph {
    std::vector<Line> lines;
    Length leading = 0;
    Length ascent = 0; // of the first line
};

// Characters the fonts lack, counted over a document and reported once
// each when the layout ends (lay_out in galley.cpp): a font without Latin
// letters made one warning per character and line, thousands of them.
struct MissingGlyphs {
    struct Entry {
        char32_t cp = 0;
        std::string font;         // the family that lacks it
        std::string set_in;       // the family it was set in; "" when left out
        bool outside_bmp = false; // above U+FFFF: the PDF cannot set it at all
        std::size_t count = 0;
        std::vector<int> lines; // the first few chronicle lines it is on
    };
    std::vector<Entry> entries; // in the order first met
    std::size_t total = 0;      // characters counted, all entries
    void add(char32_t cp, const std::string& font, const std::string& set_in, bool outside_bmp,
             int line);
    // One warning per entry: "the font 'X' has no glyph for 'ä' (U+00E4),
    // used 312 times (first at lines 12, 14, 19); set in 'DejaVu Sans'".
    void report(const std::string& source, Diagnostics& diags) const;

private:
    std::map<std::pair<char32_t, std::string>, std::size_t> index_;
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
    MissingGlyphs missing = {};
    // The document's language as written ("de-AT"); a <span> in it sets no
    // Piece::lang. Empty: every span's language is kept.
    std::string document_language = {};
    // Patterns for passages in other languages, loaded when first met:
    // the dictionary of each lower-cased tag ("" = none installed, no
    // hyphenation), and each dictionary loaded once.
    std::map<std::string, std::string> span_dictionaries = {};
    std::map<std::string, std::unique_ptr<Hyphenator>> span_hyphenators = {};
};

SetParagraph set_paragraph(const model::Inlines& content, const ParagraphStyle& style, Length width,
                           TypesetContext& ctx);

} // namespace chronik::layout
