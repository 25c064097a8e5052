// What an embedder (the PDF writer) needs of a font file besides the
// advances FontFace measures: each character's glyph id and the metrics a
// font descriptor carries. Read with FreeType here, so that the text stage
// stays the one place that speaks to it.
//
// Units: 1/1000 em, truncated, as PDF font descriptors and widths use them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::text {

struct FontProgramFacts {
    std::string postscript_name; // "Font" when the file names none
    int ascent = 0, descent = 0; // descent negative
    int cap_height = 0, x_height = 0;
    int bbox[4] = {0, 0, 0, 0}; // xMin yMin xMax yMax
    double italic_angle = 0;    // degrees, counter-clockwise from vertical
    bool fixed_pitch = false, italic = false, bold = false;
    std::vector<std::uint32_t> glyphs; // for each of `codes`: its glyph id, 0 = none
};

// `file`: the font file's bytes (first face). Throws std::runtime_error
// naming `path` when FreeType cannot read it. Safe to call on several
// threads at once (each call has its own FreeType library).
FontProgramFacts font_program_facts(std::string_view file, const std::string& path,
                                    const std::vector<char32_t>& codes);

} // namespace chronik::text
