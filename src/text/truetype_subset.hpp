// The TrueType font program embedded for a face: a subset of its file,
// for the PDF writer (FontFile2) and the DOCX writer (word/fonts/).
//
// The PDF library's own subset keeps only the outlines of the glyphs shown
// but copies the rest of the font whole (for Charis SIL 130 KB a face, with
// 40 KB of glyph names, a character map of all 3,500 glyphs and every name
// record), and writing it takes 2 to 3 ms a face. A PDF viewer reads none
// of that: it finds glyphs by id through the CIDToGIDMap. This subset keeps
// glyph ids as they are (so the CIDToGIDMap stays right), the outlines of
// the glyphs shown and of the glyphs they are composed of, the metrics and
// the hinting, and makes 'cmap', 'post' and 'name' small. A word processor
// that installs an embedded font (DOCX) needs a little more: Extras.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::text::truetype {

struct Mapping {
    std::uint16_t code; // Unicode code point (BMP)
    std::uint16_t gid;
};

// What a font that Word or LibreOffice installs from a document keeps
// besides: the typographic family and subfamily names (name ids 16, 17,
// where the font has them), by which they group faces beyond the four
// styles. The layout tables (GDEF, GPOS, GSUB) stay out as for the PDF:
// Word and LibreOffice kern a DOCX's text only where w:kern asks, which
// chronik does not (nor does its own layout), and GSUB's substitutes are
// glyphs the subset may not keep. Measured: LibreOffice sets the sample in
// the same lines, at the same positions, with GPOS kept or not.
struct Extras {
    bool typographic_names = false;
};

// The subset of `font` (a TrueType file) for the characters `shown`
// (ascending codes): tables OS/2, cvt, fpgm, gasp, glyf, head, hhea, hmtx,
// loca (long offsets), maxp, prep as needed; 'cmap' as one format 4
// subtable of `shown`; 'post' as version 3 (no glyph names); 'name' with the
// Windows records of copyright, names, version, PostScript name and licence.
// Checksums are recomputed. Throws std::runtime_error if `font` cannot be read.
// `extras`: what a word processor needs besides (Extras).
std::string subset(std::string_view font, const std::vector<Mapping>& shown, Extras extras = {});

} // namespace chronik::text::truetype
