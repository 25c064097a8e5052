#include "attachment.hpp"

#include <algorithm>
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

std::string picture_uri(const model::Image& image, std::vector<Attachment>* attachments,
                        bool embed) {
    if (embed || !attachments)
        return data_uri(image);
    std::string path = attachment_path(image);
    if (std::none_of(attachments->begin(), attachments->end(),
                     [&](const Attachment& a) { return a.path == path; }))
        attachments->push_back(
            {path, image.bytes ? image.bytes : std::make_shared<const std::string>()});
    return path;
}

std::string base64(std::string_view bytes) {
    static constexpr char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k)
            v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= n ? digits[(v >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
}

std::string data_uri(const model::Image& image) {
    const char* type = image.format == model::Image::Format::Jpeg ? "image/jpeg" : "image/png";
    return std::string("data:") + type + ";base64," + (image.bytes ? base64(*image.bytes) : "");
}

} // namespace chronik::render
