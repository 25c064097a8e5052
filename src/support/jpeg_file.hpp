// JPEG pixels through libjpeg (Debian's libjpeg62-turbo), for the pictures
// chronik must change: downsampled or converted to CMYK for print
// (render/pdf/pdf_images.hpp). Every other JPEG passes into the PDF as it is
// and is never decoded.
//
// libjpeg reports errors by longjmp; jpeg_file.cpp is the only place that
// calls it, and no C++ object with a destructor lives across its setjmp.
#pragma once

#include <string>
#include <string_view>

namespace chronik::jpeg {

// 8 bits a sample, `components` interleaved (1 grey, 3 RGB, 4 CMYK as the
// file stores it: Adobe's CMYK JPEGs hold inverted inks), rows top down.
struct Image {
    int width = 0, height = 0, components = 0;
    std::string samples;
};

// Decodes `file` (the islow DCT, so every machine gets the same pixels).
// Returns an empty string when that worked, else libjpeg's message.
std::string decode(std::string_view file, Image& out);

// A baseline JPEG of `image` at `quality` (1..100), the same bytes for the
// same pixels; a CMYK image is written with Adobe's marker, as stored.
// Throws std::runtime_error with libjpeg's message when it fails.
std::string encode(const Image& image, int quality);

} // namespace chronik::jpeg
