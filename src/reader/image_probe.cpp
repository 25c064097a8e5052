#include "image_probe.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace chronik::reader {

namespace {

unsigned be16(const unsigned char* p) { return (p[0] << 8) | p[1]; }
unsigned long be32(const unsigned char* p) {
    return (static_cast<unsigned long>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

std::optional<ImageInfo> probe_png(const std::vector<unsigned char>& b, std::string& why) {
    // Signature, then the IHDR chunk must come first (PNG spec 11.2.2).
    if (b.size() < 33 || std::memcmp(b.data() + 12, "IHDR", 4) != 0) {
        why = "is a truncated or corrupt PNG file (no IHDR chunk)";
        return std::nullopt;
    }
    ImageInfo info;
    info.format = ImageInfo::Format::Png;
    const auto w = be32(b.data() + 16), h = be32(b.data() + 20);
    info.bit_depth = b[24];
    if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF) {
        why = "is a corrupt PNG file (impossible size)";
        return std::nullopt;
    }
    info.width = static_cast<int>(w);
    info.height = static_cast<int>(h);
    return info;
}

std::optional<ImageInfo> probe_jpeg(std::ifstream& in, std::string& why) {
    // Walk the marker segments to the first start-of-frame (ITU T.81, B.1.1).
    in.seekg(2);
    unsigned char m[2];
    while (in.read(reinterpret_cast<char*>(m), 2)) {
        if (m[0] != 0xFF)
            break;
        if (m[1] == 0xFF) {
            in.seekg(-1, std::ios::cur);
            continue;
        }
        if (m[1] == 0xD8 || (m[1] >= 0xD0 && m[1] <= 0xD7) || m[1] == 0x01)
            continue;
        unsigned char lenb[2];
        if (!in.read(reinterpret_cast<char*>(lenb), 2))
            break;
        const unsigned len = be16(lenb);
        if (len < 2)
            break;
        const bool sof = m[1] >= 0xC0 && m[1] <= 0xCF && m[1] != 0xC4 && m[1] != 0xC8 &&
                         m[1] != 0xCC;
        if (sof) {
            unsigned char f[5];
            if (!in.read(reinterpret_cast<char*>(f), 5))
                break;
            ImageInfo info;
            info.format = ImageInfo::Format::Jpeg;
            info.bit_depth = f[0];
            info.height = static_cast<int>(be16(f + 1));
            info.width = static_cast<int>(be16(f + 3));
            if (info.width == 0 || info.height == 0) {
                why = "is a corrupt JPEG file (impossible size)";
                return std::nullopt;
            }
            return info;
        }
        in.seekg(len - 2, std::ios::cur);
    }
    why = "is a truncated or corrupt JPEG file (no frame header)";
    return std::nullopt;
}

} // namespace

std::optional<ImageInfo> probe_image(const std::string& path, std::string& why) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = std::string("cannot be opened: ") + std::strerror(errno);
        return std::nullopt;
    }
    std::vector<unsigned char> head(64);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    std::optional<ImageInfo> info;
    static const unsigned char png_sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (head.size() >= 8 && std::memcmp(head.data(), png_sig, 8) == 0)
        info = probe_png(head, why);
    else if (head.size() >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        info = probe_jpeg(in, why);
    else
        why = "is neither a PNG nor a JPEG image";
    if (info && static_cast<long long>(info->width) * info->height > max_image_pixels) {
        why = "is too large (" + std::to_string(info->width) + "x" +
              std::to_string(info->height) + " pixels; the limit is " +
              std::to_string(max_image_pixels) + " pixels)";
        return std::nullopt;
    }
    return info;
}

} // namespace chronik::reader
