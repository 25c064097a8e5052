#include "image_probe.hpp"

#include "support/png_file.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string_view>

namespace chronik::reader {

namespace {

unsigned be16(const std::string& b, std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(b[at])) << 8) |
           static_cast<unsigned char>(b[at + 1]);
}

// The whole file, or nullopt with `why` set. Opened without blocking, so a
// FIFO or device named as an image cannot stop the reader.
std::optional<std::string> read_regular_file(const std::string& path, std::string& why) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        why = std::string("cannot be opened: ") + std::strerror(errno);
        return std::nullopt;
    }
    struct stat st {};
    std::optional<std::string> bytes;
    if (::fstat(fd, &st) != 0) {
        why = std::string("cannot be read: ") + std::strerror(errno);
    } else if (S_ISDIR(st.st_mode)) {
        why = "is a folder, not an image file";
    } else if (!S_ISREG(st.st_mode)) {
        why = "is not a regular file";
    } else if (st.st_size > max_image_bytes) {
        why = "is too large (" + std::to_string(static_cast<long long>(st.st_size)) +
              " bytes; the limit is " + std::to_string(max_image_bytes) + " bytes)";
    } else {
        std::string b(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < b.size()) {
            const ssize_t n = ::read(fd, b.data() + got, b.size() - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += static_cast<std::size_t>(n);
        }
        if (got != b.size())
            why = "cannot be read completely (did it change while chronik read it?)";
        else
            bytes = std::move(b);
    }
    ::close(fd);
    return bytes;
}

std::optional<ImageInfo> check_png(const std::string& file, std::string& why) {
    const auto parsed = png::parse(file);
    if (!parsed.error.empty()) {
        why = parsed.error;
        return std::nullopt;
    }
    ImageInfo info;
    info.format = ImageInfo::Format::Png;
    info.width = static_cast<int>(parsed.header.width);
    info.height = static_cast<int>(parsed.header.height);
    info.bit_depth = parsed.header.bit_depth;
    info.interlaced = parsed.header.interlaced;
    if (static_cast<long long>(info.width) * info.height > max_image_pixels)
        return info; // refused by the caller, before anything is decoded
    // Decoding every row with libpng is the only sure test (the PDF
    // converts what its library cannot take: render/pdf/image_for_pdf.hpp).
    const std::string problem = png::decode(parsed.essential);
    if (!problem.empty()) {
        why = "is a corrupt PNG file (" + problem + ")";
        return std::nullopt;
    }
    return info;
}

// The orientation (TIFF 6.0 tag 274, 1..8) in an APP1 segment's data
// (`seg`, the bytes after the length): "Exif\0\0", a TIFF header of either
// byte order, IFD0's entries. Nothing is read outside `seg`; 1 (upright)
// for anything else: no Exif, no tag, a value out of range, offsets that
// point outside.
int exif_orientation(std::string_view seg) {
    if (seg.size() < 6 || seg.substr(0, 6) != std::string_view("Exif\0\0", 6))
        return 1;
    const std::string_view tiff = seg.substr(6);
    if (tiff.size() < 8)
        return 1;
    const bool little = tiff.substr(0, 4) == std::string_view("II*\0", 4);
    if (!little && tiff.substr(0, 4) != std::string_view("MM\0*", 4))
        return 1;
    auto u16 = [&](std::size_t at) -> unsigned {
        const auto a = static_cast<unsigned char>(tiff[at]);
        const auto b = static_cast<unsigned char>(tiff[at + 1]);
        return little ? a | (b << 8) : (a << 8) | b;
    };
    auto u32 = [&](std::size_t at) -> std::uint32_t {
        return little ? u16(at) | (static_cast<std::uint32_t>(u16(at + 2)) << 16)
                      : (static_cast<std::uint32_t>(u16(at)) << 16) | u16(at + 2);
    };
    const std::uint32_t ifd = u32(4);
    if (ifd > tiff.size() - 2)
        return 1;
    const unsigned count = u16(ifd);
    for (unsigned i = 0; i < count; ++i) {
        const std::size_t entry = ifd + 2 + static_cast<std::size_t>(i) * 12;
        if (entry + 12 > tiff.size())
            return 1;
        // SHORT (type 3), one value, left-justified in the value field.
        if (u16(entry) == 274) {
            const unsigned value = u16(entry + 8);
            return u16(entry + 2) == 3 && u32(entry + 4) == 1 && value >= 1 && value <= 8
                       ? static_cast<int>(value)
                       : 1;
        }
    }
    return 1;
}

// Walks the marker segments (ITU T.81, B.1.1): a frame header PDF can show
// (baseline or progressive DCT, 8 bits, 1, 3 or 4 components), at least one
// scan, and the end-of-image marker after the last scan's data.
std::optional<ImageInfo> check_jpeg(const std::string& b, std::string& why) {
    const std::size_t n = b.size();
    std::size_t pos = 2;
    std::optional<ImageInfo> frame;
    bool scanned = false;
    std::optional<int> orientation; // from the first Exif APP1 segment
    while (true) {
        if (pos >= n) {
            why = scanned ? "is a truncated JPEG file (it ends inside its image data)"
                          : "is a truncated or corrupt JPEG file (no frame header)";
            return std::nullopt;
        }
        if (static_cast<unsigned char>(b[pos]) != 0xFF) {
            why = "is a corrupt JPEG file (no marker where one belongs)";
            return std::nullopt;
        }
        while (pos < n && static_cast<unsigned char>(b[pos]) == 0xFF)
            ++pos; // fill bytes
        if (pos >= n)
            continue;
        const unsigned m = static_cast<unsigned char>(b[pos++]);
        if (m == 0xD9) { // end of image
            if (!frame || !scanned) {
                why = "is a truncated or corrupt JPEG file (it ends before its image data)";
                return std::nullopt;
            }
            frame->orientation = orientation.value_or(1);
            return frame;
        }
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01)
            continue; // markers without a segment
        if (m == 0xD8 || m == 0x00) {
            why = "is a corrupt JPEG file (a misplaced marker)";
            return std::nullopt;
        }
        if (n - pos < 2 || be16(b, pos) < 2 || be16(b, pos) > n - pos) {
            why = "is a truncated or corrupt JPEG file (a segment runs past the end of the file)";
            return std::nullopt;
        }
        const std::size_t length = be16(b, pos);
        if (m == 0xE1 && !orientation && length >= 8 &&
            b.compare(pos + 2, 6, std::string_view("Exif\0\0", 6)) == 0)
            orientation = exif_orientation(std::string_view(b).substr(pos + 2, length - 2));
        const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (m != 0xC0 && m != 0xC1 && m != 0xC2) {
                why = "is a lossless, hierarchical or arithmetic-coded JPEG, which PDF viewers "
                      "cannot show; save it as a baseline or progressive JPEG";
                return std::nullopt;
            }
            if (frame || length < 8) {
                why = "is a corrupt JPEG file (a second or malformed frame header)";
                return std::nullopt;
            }
            ImageInfo info;
            info.format = ImageInfo::Format::Jpeg;
            info.bit_depth = static_cast<unsigned char>(b[pos + 2]);
            info.height = static_cast<int>(be16(b, pos + 3));
            info.width = static_cast<int>(be16(b, pos + 5));
            const unsigned components = static_cast<unsigned char>(b[pos + 7]);
            info.cmyk = components == 4;
            if (info.width == 0 || info.height == 0) {
                why = "is a corrupt JPEG file (impossible size)";
                return std::nullopt;
            }
            if (info.bit_depth != 8 || (components != 1 && components != 3 && components != 4)) {
                why = "is a JPEG with " + std::to_string(info.bit_depth) + "-bit samples and " +
                      std::to_string(components) +
                      " components; chronik embeds 8-bit grey, RGB or CMYK JPEGs only";
                return std::nullopt;
            }
            info.interlaced = m == 0xC2;
            frame = info;
            if (static_cast<long long>(info.width) * info.height > max_image_pixels)
                return frame; // refused by the caller
        }
        pos += length;
        if (m == 0xDA) { // start of scan: entropy-coded data up to the next marker
            if (!frame) {
                why = "is a corrupt JPEG file (image data before its frame header)";
                return std::nullopt;
            }
            scanned = true;
            while (pos + 1 < n && !(static_cast<unsigned char>(b[pos]) == 0xFF &&
                                    static_cast<unsigned char>(b[pos + 1]) != 0x00 &&
                                    !(static_cast<unsigned char>(b[pos + 1]) >= 0xD0 &&
                                      static_cast<unsigned char>(b[pos + 1]) <= 0xD7)))
                ++pos;
            if (pos + 1 >= n) {
                why = "is a truncated JPEG file (it ends inside its image data)";
                return std::nullopt;
            }
        }
    }
}

} // namespace

std::optional<ImageInfo> probe_image(const std::string& path, std::string& why) {
    auto file = read_regular_file(path, why);
    if (!file)
        return std::nullopt;
    std::optional<ImageInfo> info;
    static const char png_signature[] = "\x89PNG\r\n\x1a\n";
    if (file->compare(0, 8, png_signature, 8) == 0)
        info = check_png(*file, why);
    else if (file->size() >= 3 && file->compare(0, 3, "\xFF\xD8\xFF", 3) == 0)
        info = check_jpeg(*file, why);
    else
        why = "is neither a PNG nor a JPEG image";
    if (info)
        info->bytes = std::make_shared<const std::string>(std::move(*file));
    if (info && static_cast<long long>(info->width) * info->height > max_image_pixels) {
        why = "is too large (" + std::to_string(info->width) + "x" + std::to_string(info->height) +
              " pixels; the limit is " + std::to_string(max_image_pixels) + " pixels)";
        return std::nullopt;
    }
    return info;
}

} // namespace chronik::reader
