#include "attachment.hpp"

#include <cstdint>
#include <filesystem>

namespace chronik::render {

std::string attachment_path(const model::Image& image) {
    std::string stem = std::filesystem::path(image.source).stem().string();
    for (char& c : stem) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                          (u >= '0' && u <= '9') || c == '-' || c == '_' || c == '.';
        if (!keep)
            c = '-';
    }
    if (stem.size() > 40)
        stem.resize(40);
    if (stem.empty() || stem.front() == '.')
        stem.insert(0, "image");
    std::uint64_t h = 14695981039346656037ull; // FNV-1a, 64 bits
    if (image.bytes)
        for (const char c : *image.bytes) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ull;
        }
    static constexpr char hex[] = "0123456789abcdef";
    std::string digits(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4)
        digits[static_cast<std::size_t>(i)] = hex[h & 15];
    return std::string(attachment_folder) + "/" + stem + "-" + digits +
           (image.format == model::Image::Format::Jpeg ? ".jpg" : ".png");
}

} // namespace chronik::render
