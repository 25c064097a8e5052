// PNG files checked with libpng before another library sees them.
//
// The PDF's library hands PNG files to libpng with an error handler that
// returns, which libpng answers with abort(): a corrupt PNG would end
// chronik. So the reader checks every PNG here, and the PDF renderer gives
// its library only what passed, converted where it would misread it
// (render/pdf/image_for_pdf.hpp).
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
    std::string iccp;         // iCCP's data (name, method, zlib stream), empty when none
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

// Decodes every row as 8 bits per channel (palette expanded to RGB, a
// transparent colour or palette entry to an alpha channel, 16 bits cut to
// 8, interlacing undone): `rows` holds width x channels bytes a row, and
// `channels` is 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA). Returns
// what decode() returns.
std::string decode_8bit(std::string_view essential, std::vector<unsigned char>& rows,
                        int& channels);

// The ICC profile of an iCCP chunk's data (`iccp`, PNG spec 11.3.3.3),
// inflated; empty when there is none or it is not a well-formed chunk
// (no name, another compression method, a broken zlib stream, a profile
// over 16 MB): the picture is then shown as if it had none.
std::string icc_profile(std::string_view iccp);

// Appends a chunk (length, type, data, CRC) to a PNG being written.
void append_png_chunk(std::string& out, std::string_view type, std::string_view data);

} // namespace chronik::png
