// Advance widths of the faces a style's fonts resolve to, found as Word
// and LibreOffice find them (fontconfig), through the text stage: for the
// decisions DOCX makes from the width of text (the page estimate of
// docx_pages.cpp, the date column of the dated list). Units: em.
#pragma once

#include "style/style.hpp"
#include "text/font_set.hpp"

#include <optional>
#include <string_view>

namespace chronik::render::docx {

class Widths {
public:
    Widths(); // without a font configuration every character is half an em

    // The face `t`'s font resolves to; null when there is none.
    const text::FontFace* face(const style::TextStyle& t);

    // A character the face lacks is set in another one by the reader:
    // half an em is typical of a text face.
    static double em(char32_t c, const text::FontFace* f) {
        if (!f || !f->has_glyph(c))
            return 0.5;
        return static_cast<double>(f->advance_units(c)) / f->units_per_em();
    }
    // The width of UTF-8 `text` in `t`'s font, in em.
    double em(std::string_view text, const style::TextStyle& t);

    // Line spacing that grows with the text (no exact heights, which clip
    // enlarged text): proportional, as near t.leading as LibreOffice can
    // read it. Single spacing is the face's ascent plus descent (hhea, as
    // vcl and Word take them), each rounded to twips at t's size; Word
    // reads w:line in 240ths of it, LibreOffice as whole per cent
    // (truncated), so w:line is the least value that reads as the per cent
    // nearest leading / single in both.
    std::int64_t single_line(const style::TextStyle& t); // twips
    int line_percent(const style::TextStyle& t);
    int proportional_line(const style::TextStyle& t) { return (line_percent(t) * 12 + 4) / 5; }
    // A line of t's paragraphs in LibreOffice, twips.
    std::int64_t line_height(const style::TextStyle& t) {
        return single_line(t) * line_percent(t) / 100;
    }

private:
    std::optional<text::FontSet> fonts_;
};

} // namespace chronik::render::docx
