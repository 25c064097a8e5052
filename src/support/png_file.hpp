// PNG files checked with libpng before another library sees them.
//
// The PDF writer (render/pdf/) hands PNG files to libpng with an error handler
// that returns, which libpng answers with abort(): a corrupt PNG would end
// chronik. It also fails on libpng's mere warnings (a colour profile libpng
// dislikes), reads past its row buffer for palette images of fewer than 8
// bits with transparency, and dereferences a null pointer for RGB images
// with a transparent colour. So the reader checks every PNG here, and the
// PDF renderer gives its writer only what passed: the chunks a picture needs,
// such palettes widened to 8 bits, such RGB images given an alpha channel.
//
// libpng reports errors by longjmp; png_file.cpp is the only place that
// calls it, and no C++ object with a destructor lives across its setjmp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::png {

struct Header {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int bit_depth = 0;
    int color_type = 0; // 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha
    bool interlaced = false;
};

struct Parsed {
    Header header;
    // The file reduced to IHDR, PLTE, tRNS, IDAT and IEND (ancillary chunks
    // such as colour profiles and text dropped: PDF does not use them).
    std::string essential;
    std::string palette;      // PLTE's data, empty when there is none
    std::string transparency; // tRNS's data, empty when there is none
    // Why the file is not a usable PNG ("is a truncated PNG file ..."), to
    // follow the file's name; empty when it is.
    std::string error;
};

// The chunk structure: signature, IHDR first, every chunk inside the file
// with a correct CRC, no critical chunk chronik does not know, image data,
// IEND. Linear in the file's size; decodes nothing.
Parsed parse(std::string_view file);

// Decodes every row of a parsed file (`essential`) with libpng. Returns an
// empty string when that worked without an error or a warning, else libpng's
// message. With `rows`, keeps the decoded rows, one byte per palette index
// (libpng's png_set_packing).
std::string decode(std::string_view essential, std::vector<unsigned char>* rows = nullptr);

// The PNG to give the PDF writer: `essential`, or the same picture converted
// where the writer would misread it (a palette of 1, 2 or 4 bits with transparency:
// 8 bits per index; RGB with a transparent colour: RGB with alpha). Empty
// with `error` set when libpng cannot decode it cleanly.
std::string for_pdf(const Parsed& parsed, std::string& error);

} // namespace chronik::png
