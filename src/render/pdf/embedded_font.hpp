// What the PDF embeds of a TrueType face: the subset program for the
// characters shown, their glyph ids and the descriptor's metrics, read
// through the text stage (text/font_program.hpp; PdfWriter writes the dictionaries).
#pragma once

#include "pdf_writer.hpp"

#include <string>
#include <utility>
#include <vector>

namespace chronik::render::pdf {

// `shown`: the characters shown (ascending BMP code points) with their
// advances in 1/1000 em as the layout measured them (FontFace::advance,
// so the PDF's /W agrees with the positions in the content streams).
// Characters the face has no glyph for are left out. Throws
// std::runtime_error naming the file if it cannot be read or subset.
// Safe to call for several faces at once on different threads.
EmbeddedFont embedded_font(const std::string& path,
                           const std::vector<std::pair<char32_t, int>>& shown);

} // namespace chronik::render::pdf
