// Reads the header of a PNG or JPEG file: its format and size in pixels.
// Decides by content, not by the file name's ending.
#pragma once

#include <optional>
#include <string>

namespace chronik::reader {

struct ImageInfo {
    enum class Format { Png, Jpeg } format = Format::Png;
    int width = 0;
    int height = 0;
    int bit_depth = 8; // PNG: bits per channel
};

// Images with more pixels than this are refused (see README, "Limits").
inline constexpr long long max_image_pixels = 40'000'000;

// nullopt with `why` set when the file is unreadable or not a PNG or JPEG.
std::optional<ImageInfo> probe_image(const std::string& path, std::string& why);

} // namespace chronik::reader
