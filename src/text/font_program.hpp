// What an embedder (the PDF writer, the DOCX writer) needs of a font file besides the
// advances FontFace measures: each character's glyph id and the metrics a
// font descriptor carries. Read with FreeType here, so that the text stage
// stays the one place that speaks to it.
//
// Units: 1/1000 em, truncated, as PDF font descriptors and widths use them.
#pragma once

#include <array>
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
    bool truetype = false;             // TrueType outlines ('glyf'), which can be subset

    // From the OS/2 table, where the font has one (has_os2): what its
    // licence allows an embedder (fsType), and how it classifies itself,
    // for a reader that has to pick a substitute (DOCX's fontTable).
    bool has_os2 = false;
    std::uint16_t fs_type = 0;                      // embedding permissions; 0 = installable
    std::int16_t family_class = 0;                  // sFamilyClass: IBM class << 8 | subclass
    std::array<unsigned char, 10> panose{};         // PANOSE 1.0 classification
    std::array<std::uint32_t, 4> unicode_range{};   // ulUnicodeRange1-4
    std::array<std::uint32_t, 2> code_page_range{}; // ulCodePageRange1-2 (version 1 and later)
};

// `file`: the font file's bytes (first face). Throws std::runtime_error
// naming `path` when FreeType cannot read it. Safe to call on several
// threads at once (each call has its own FreeType library).
FontProgramFacts font_program_facts(std::string_view file, const std::string& path,
                                    const std::vector<char32_t>& codes);

} // namespace chronik::text
