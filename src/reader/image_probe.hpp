// Reads and checks a PNG or JPEG file: its format and size in pixels, and
// whether every output format can use it. Decides by content, not by the
// file name's ending.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace chronik::reader {

struct ImageInfo {
    enum class Format { Png, Jpeg } format = Format::Png;
    int width = 0;
    int height = 0;
    int bit_depth = 8;                        // PNG: bits per channel
    bool interlaced = false;                  // PNG Adam7, progressive JPEG
    bool cmyk = false;                        // a JPEG of four components
    int orientation = 1;                      // a JPEG's EXIF orientation (1..8)
    std::shared_ptr<const std::string> bytes; // the whole file, as checked
};

// Images with more pixels than this are refused (see README, "Limits").
inline constexpr long long max_image_pixels = 40'000'000;
// ... and image files larger than this: more than any 8-bit PNG of
// max_image_pixels needs (4 bytes a pixel, uncompressed), so only padding
// is refused; the DOCX embeds the file as it is.
inline constexpr long long max_image_bytes = 256LL * 1024 * 1024;

// nullopt with `why` set ("is a truncated PNG file ...", to follow the
// image's name) when the file cannot be read, is not a regular file, is
// neither PNG nor JPEG, is corrupt, is too large, or is a kind of JPEG
// PDF viewers cannot show (lossless, hierarchical or arithmetic-coded).
// 16-bit and interlaced PNGs are taken (the PDF converts them). A PNG is
// decoded in full with libpng; a JPEG's structure is checked (markers,
// frame header, scans, end of image), not its pixels. The file is read
// once: the result keeps its bytes for the renderers.
std::optional<ImageInfo> probe_image(const std::string& path, std::string& why);

} // namespace chronik::reader
