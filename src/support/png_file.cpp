#include "png_file.hpp"

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>

namespace chronik::png {

namespace {

std::uint32_t be32(std::string_view s, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint32_t crc_of(std::string_view type_and_data) {
    // zlib's crc32 takes a uInt length: feed it in pieces.
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t i = 0; i < type_and_data.size(); i += 1u << 30) {
        const auto n = std::min<std::size_t>(type_and_data.size() - i, 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(type_and_data.data() + i),
                    static_cast<uInt>(n));
    }
    return static_cast<std::uint32_t>(crc);
}

void append_chunk(std::string& out, std::string_view type, std::string_view data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t at = out.size();
    out.append(type).append(data);
    put32(out, crc_of(std::string_view(out).substr(at)));
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// --- libpng, C style ------------------------------------------------------

struct Decoder {
    std::jmp_buf jump;
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
    char message[256] = {}; // the error, or the first warning
    png_structp png = nullptr;
    png_infop info = nullptr;
    png_bytep row = nullptr;

    Decoder() = default;
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;
    ~Decoder() {
        if (png) {
            if (row)
                png_free(png, row);
            png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
        }
    }
};

void on_error(png_structp png, png_const_charp msg) {
    auto* d = static_cast<Decoder*>(png_get_error_ptr(png));
    std::snprintf(d->message, sizeof d->message, "%s", msg ? msg : "libpng error");
    std::longjmp(d->jump, 1);
}

void on_warning(png_structp png, png_const_charp msg) {
    auto* d = static_cast<Decoder*>(png_get_error_ptr(png));
    if (!d->message[0])
        std::snprintf(d->message, sizeof d->message, "%s", msg ? msg : "libpng warning");
}

void on_read(png_structp png, png_bytep out, png_size_t n) {
    auto* d = static_cast<Decoder*>(png_get_io_ptr(png));
    if (n > d->size - d->pos)
        png_error(png, "the file ends too early");
    std::memcpy(out, d->data + d->pos, n);
    d->pos += n;
}

// The frame that calls setjmp holds only plain values; everything that
// must be released lives in the Decoder, which the caller owns. `rows`,
// when given, is sized before any row is read (a bad_alloc there leaves
// through ordinary C++ frames).
bool run(Decoder& d, std::vector<unsigned char>* rows, bool expand = false,
         int* channels = nullptr) {
    d.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &d, on_error, on_warning);
    if (!d.png) {
        std::snprintf(d.message, sizeof d.message, "out of memory");
        return false;
    }
    d.info = png_create_info_struct(d.png);
    if (!d.info) {
        std::snprintf(d.message, sizeof d.message, "out of memory");
        return false;
    }
    if (setjmp(d.jump))
        return false;
    png_set_read_fn(d.png, &d, on_read);
    png_read_info(d.png, d.info);
    if (expand) {
        // Palette to RGB, grey to 8 bits, tRNS to alpha, 16 to 8 bits.
        png_set_expand(d.png);
        png_set_strip_16(d.png);
    } else if (rows) {
        png_set_packing(d.png);
    }
    const int passes = png_set_interlace_handling(d.png);
    png_read_update_info(d.png, d.info);
    if (channels)
        *channels = png_get_channels(d.png, d.info);
    const png_size_t rowbytes = png_get_rowbytes(d.png, d.info);
    const png_uint_32 height = png_get_image_height(d.png, d.info);
    if (rows)
        rows->assign(rowbytes * height, 0);
    else
        d.row = static_cast<png_bytep>(png_malloc(d.png, rowbytes));
    for (int pass = 0; pass < passes; ++pass)
        for (png_uint_32 y = 0; y < height; ++y)
            png_read_row(d.png, rows ? rows->data() + y * rowbytes : d.row, nullptr);
    png_read_end(d.png, nullptr);
    return true;
}

} // namespace

Parsed parse(std::string_view f) {
    Parsed p;
    static const char signature[] = "\x89PNG\r\n\x1a\n";
    if (f.size() < 8 || f.substr(0, 8) != std::string_view(signature, 8)) {
        p.error = "is not a PNG file";
        return p;
    }
    p.essential.assign(f.substr(0, 8));
    bool seen_header = false, seen_data = false;
    for (std::size_t pos = 8;;) {
        if (f.size() - pos < 12) {
            p.error = "is a truncated or corrupt PNG file (it ends before its IEND chunk)";
            return p;
        }
        const std::uint32_t length = be32(f, pos);
        if (length > 0x7FFFFFFFu || length > f.size() - pos - 12) {
            p.error = "is a truncated or corrupt PNG file (a chunk runs past the end of the file)";
            return p;
        }
        const std::string_view type = f.substr(pos + 4, 4);
        const std::string_view data = f.substr(pos + 8, length);
        if (!is_letter(type[0]) || !is_letter(type[1]) || !is_letter(type[2]) ||
            !is_letter(type[3])) {
            p.error = "is a corrupt PNG file (a chunk without a valid name)";
            return p;
        }
        if (crc_of(f.substr(pos + 4, 4 + length)) != be32(f, pos + 8 + length)) {
            p.error = "is a corrupt PNG file (the checksum of its " + std::string(type) +
                      " chunk is wrong)";
            return p;
        }
        if (!seen_header && type != "IHDR") {
            p.error = "is a corrupt PNG file (IHDR is not its first chunk)";
            return p;
        }
        if (type == "IHDR") {
            if (seen_header || length != 13) {
                p.error = "is a corrupt PNG file (a second or malformed IHDR chunk)";
                return p;
            }
            seen_header = true;
            p.header.width = be32(data, 0);
            p.header.height = be32(data, 4);
            p.header.bit_depth = static_cast<unsigned char>(data[8]);
            p.header.color_type = static_cast<unsigned char>(data[9]);
            p.header.interlaced = data[12] != 0;
            if (p.header.width == 0 || p.header.height == 0 || p.header.width > 0x7FFFFFFFu ||
                p.header.height > 0x7FFFFFFFu) {
                p.error = "is a corrupt PNG file (impossible size)";
                return p;
            }
        }
        const bool essential =
            type == "IHDR" || type == "PLTE" || type == "tRNS" || type == "IDAT" || type == "IEND";
        if (!essential && type[0] >= 'A' && type[0] <= 'Z') {
            p.error = "is a PNG file with a critical chunk '" + std::string(type) +
                      "' that chronik does not know";
            return p;
        }
        if (essential)
            p.essential.append(f.substr(pos, 12 + length));
        if (type == "PLTE")
            p.palette.assign(data);
        else if (type == "tRNS")
            p.transparency.assign(data);
        else if (type == "iCCP" && p.iccp.empty())
            p.iccp.assign(data);
        seen_data = seen_data || type == "IDAT";
        pos += 12 + length;
        if (type == "IEND")
            break;
    }
    if (!seen_data) {
        p.error = "is a corrupt PNG file (no image data)";
        return p;
    }
    return p;
}

std::string decode(std::string_view essential, std::vector<unsigned char>* rows) {
    Decoder d;
    d.data = reinterpret_cast<const unsigned char*>(essential.data());
    d.size = essential.size();
    if (!run(d, rows))
        return d.message[0] ? d.message : "libpng cannot decode it";
    return d.message; // a warning, or empty
}

std::string decode_8bit(std::string_view essential, std::vector<unsigned char>& rows,
                        int& channels) {
    Decoder d;
    d.data = reinterpret_cast<const unsigned char*>(essential.data());
    d.size = essential.size();
    channels = 0;
    if (!run(d, &rows, true, &channels))
        return d.message[0] ? d.message : "libpng cannot decode it";
    return d.message;
}

std::string icc_profile(std::string_view iccp) {
    const std::size_t nul = iccp.find('\0');
    if (nul == 0 || nul == std::string_view::npos || nul > 79 || nul + 2 > iccp.size() ||
        iccp[nul + 1] != '\0')
        return {};
    const std::string_view packed = iccp.substr(nul + 2);
    constexpr std::size_t limit = 16u << 20;
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return {};
    std::string out;
    char buf[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    z.avail_in = static_cast<uInt>(std::min<std::size_t>(packed.size(), 0x7FFFFFFF));
    int status = Z_OK;
    while (status == Z_OK && out.size() <= limit) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
        if (status == Z_BUF_ERROR || (status == Z_OK && z.avail_in == 0 && z.avail_out != 0))
            break; // input ends before the stream does
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END || out.size() > limit)
        return {};
    return out;
}

void append_png_chunk(std::string& out, std::string_view type, std::string_view data) {
    append_chunk(out, type, data);
}

} // namespace chronik::png
