// What only the PDF needs of an image: its bytes rewritten where the PDF
// library (libharu 2.3, used by pdf_writer.cpp) would misread or refuse
// them. The bytes come from the reader (model::Image::bytes), which has
// checked them; nothing here reads a file.
#pragma once

#include <string>
#include <string_view>

namespace chronik::render::pdf {

// The PNG to give PdfWriter::add_png: the chunks a picture needs (colour
// profiles, text dropped), converted where the library would misread it:
// 16 bits a channel or interlaced (to 8 bits, not interlaced), a palette of
// 1, 2 or 4 bits with transparency (8 bits an index), RGB with a
// transparent colour (RGB with alpha). Empty with `error` set ("is a
// corrupt PNG file (...)", to follow the image's name) when libpng cannot
// decode it cleanly.
std::string png_for_pdf(std::string_view file, std::string& error);

// The JPEG to give PdfWriter::add_jpeg: the library reads the header as
// marker segments back to back up to the frame header and fails on fill
// bytes (0xFF padding before a marker, ITU T.81 B.1.1.2) or markers without
// a segment there. Both are valid (the reader takes them), so that part is
// rewritten without them; the rest is passed on as it is.
std::string jpeg_for_pdf(std::string_view file);

// What a JPEG's header says, read from its marker segments up to the first
// scan (nothing outside the file is read; a malformed header gives what
// was found before the fault).
struct JpegHeader {
    int components = 0; // of the frame header: 1 grey, 3 RGB, 4 CMYK
    int width = 0, height = 0;
    // Its ICC profile: the APP2 ICC_PROFILE chunks (ICC.1:2010, B.4)
    // joined in their sequence order; empty when there is none or a chunk
    // is missing, repeated or numbered inconsistently.
    std::string icc;
};
JpegHeader jpeg_header(std::string_view file);

// The number of colour components an ICC profile describes (1 grey, 3
// RGB, 4 CMYK: its header's data colour space, ICC.1:2010 7.2.6), or 0
// when it is too short to be a profile, its size field disagrees, a tag of
// its tag table lies outside it, its
// version is 5 or later (iccMAX, which PDF does not know), or it is of
// another space.
int icc_components(std::string_view icc);

} // namespace chronik::render::pdf
