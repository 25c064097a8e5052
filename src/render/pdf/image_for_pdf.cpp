#include "image_for_pdf.hpp"

#include "support/png_file.hpp"

#include <zlib.h>

#include <cstdint>
#include <vector>

namespace chronik::render::pdf {

namespace {

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((v >> shift) & 0xFF);
}

// A PNG of `rows` (filter type 0 each, PNG spec 9.2) with the given header
// fields, and PLTE and tRNS when given.
std::string build(const png::Header& h, int depth, int colour, std::string_view rows,
                  std::size_t rowbytes, std::string_view palette, std::string_view transparency,
                  std::string& error) {
    std::string raw;
    raw.reserve((rowbytes + 1) * h.height);
    for (std::uint32_t y = 0; y < h.height; ++y) {
        raw += '\0';
        raw.append(rows.substr(static_cast<std::size_t>(y) * rowbytes, rowbytes));
    }
    uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(packed_size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                  reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                  Z_DEFAULT_COMPRESSION) != Z_OK) {
        error = "cannot compress the converted image";
        return {};
    }
    packed.resize(packed_size);
    std::string header;
    put32(header, h.width);
    put32(header, h.height);
    header += static_cast<char>(depth);
    header += static_cast<char>(colour);
    header.append(3, '\0'); // compression, filter, no interlace
    std::string out("\x89PNG\r\n\x1a\n", 8);
    png::append_png_chunk(out, "IHDR", header);
    if (!palette.empty())
        png::append_png_chunk(out, "PLTE", palette);
    if (!transparency.empty())
        png::append_png_chunk(out, "tRNS", transparency);
    png::append_png_chunk(out, "IDAT", packed);
    png::append_png_chunk(out, "IEND", "");
    return out;
}

// Any PNG as 8 bits a channel, not interlaced, without palette or tRNS.
std::string as_8bit(const png::Parsed& parsed, std::string& error) {
    std::vector<unsigned char> rows;
    int channels = 0;
    error = png::decode_8bit(parsed.essential, rows, channels);
    if (!error.empty())
        return {};
    static constexpr int colour[] = {0, 0, 4, 2, 6}; // by channels
    if (channels < 1 || channels > 4) {
        error = "an unexpected number of channels";
        return {};
    }
    const std::size_t rowbytes = static_cast<std::size_t>(parsed.header.width) * channels;
    const std::string_view decoded(reinterpret_cast<const char*>(rows.data()), rows.size());
    return build(parsed.header, 8, colour[channels], decoded, rowbytes, {}, {}, error);
}

std::string normalised(const png::Parsed& parsed, std::string& error) {
    const auto& h = parsed.header;
    // 16 bits a channel, which the library misreads, or interlaced, which
    // it refuses: decoded with libpng to 8 bits a channel (a palette to
    // RGB, transparency to alpha) and written again without interlacing.
    if (h.bit_depth == 16 || h.interlaced)
        return as_8bit(parsed, error);
    // The library reads a palette with transparency one byte per pixel, past
    // the row of a 1, 2 or 4-bit image: widen it to 8 bits. And it takes an
    // RGB image with a transparent colour (tRNS) for a palette image and
    // looks its pixels up in a palette that is not there (a null pointer):
    // give it the same picture with an alpha channel instead.
    const bool widen = h.color_type == 3 && h.bit_depth < 8 && !parsed.transparency.empty();
    const bool add_alpha = h.color_type == 2 && !parsed.transparency.empty();
    std::vector<unsigned char> rows;
    error = png::decode(parsed.essential, widen || add_alpha ? &rows : nullptr);
    if (!error.empty())
        return {};
    const std::string_view decoded(reinterpret_cast<const char*>(rows.data()), rows.size());
    if (widen)
        return build(h, 8, 3, decoded, h.width, parsed.palette, parsed.transparency, error);
    if (add_alpha) {
        if (h.bit_depth != 8 || parsed.transparency.size() != 6)
            return as_8bit(parsed, error);
        const auto key = [&](int i) {
            return static_cast<unsigned char>(parsed.transparency[2 * i + 1]);
        };
        std::string rgba;
        rgba.reserve(static_cast<std::size_t>(h.width) * h.height * 4);
        for (std::size_t i = 0; i + 2 < rows.size(); i += 3) {
            rgba.append(reinterpret_cast<const char*>(rows.data()) + i, 3);
            const bool clear = rows[i] == key(0) && rows[i + 1] == key(1) && rows[i + 2] == key(2);
            rgba += clear ? '\0' : '\xFF';
        }
        return build(h, 8, 6, rgba, static_cast<std::size_t>(h.width) * 4, {}, {}, error);
    }
    return parsed.essential;
}

} // namespace

std::string png_for_pdf(std::string_view file, std::string& error) {
    const auto parsed = png::parse(file);
    if (!parsed.error.empty()) {
        error = parsed.error;
        return {};
    }
    std::string problem;
    std::string out = normalised(parsed, problem);
    if (!problem.empty()) {
        error = "is a corrupt PNG file (" + problem + ")";
        return {};
    }
    return out;
}

std::string jpeg_for_pdf(std::string_view file) {
    const std::string b(file);
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    std::string out = b.substr(0, 2);
    for (std::size_t pos = 2; pos + 1 < b.size();) {
        if (byte(pos) != 0xFF)
            return b; // not for us to judge: the library says what it thinks
        while (pos + 1 < b.size() && byte(pos + 1) == 0xFF)
            ++pos;
        if (pos + 1 >= b.size())
            return b;
        const unsigned m = byte(pos + 1);
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            pos += 2;
            continue;
        }
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
            return out.append(b, pos, std::string::npos); // the frame header and the rest
        if (pos + 4 > b.size())
            return b;
        const std::size_t length = (static_cast<std::size_t>(byte(pos + 2)) << 8) | byte(pos + 3);
        if (length < 2 || length > b.size() - pos - 2)
            return b;
        out.append(b, pos, 2 + length);
        pos += 2 + length;
    }
    return b;
}

JpegHeader jpeg_header(std::string_view b) {
    JpegHeader h;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    std::vector<std::string_view> chunks; // by sequence number - 1
    bool consistent = true;
    for (std::size_t pos = 2; pos + 3 < b.size();) {
        if (byte(pos) != 0xFF)
            break;
        if (byte(pos + 1) == 0xFF) {
            ++pos; // a fill byte
            continue;
        }
        const unsigned m = byte(pos + 1);
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            pos += 2;
            continue;
        }
        if (m == 0xDA || m == 0xD9)
            break;
        const std::size_t length = (static_cast<std::size_t>(byte(pos + 2)) << 8) | byte(pos + 3);
        if (length < 2 || length > b.size() - pos - 2)
            break;
        const std::string_view data = b.substr(pos + 4, length - 2);
        const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof && data.size() >= 6) {
            h.height = (byte(pos + 5) << 8) | byte(pos + 6);
            h.width = (byte(pos + 7) << 8) | byte(pos + 8);
            h.components = static_cast<unsigned char>(data[5]);
        }
        static constexpr std::string_view icc_tag("ICC_PROFILE\0", 12);
        if (m == 0xE2 && data.size() >= 14 && data.substr(0, 12) == icc_tag) {
            const unsigned seq = static_cast<unsigned char>(data[12]);
            const unsigned count = static_cast<unsigned char>(data[13]);
            if (chunks.empty() && count > 0)
                chunks.resize(count);
            if (seq == 0 || count != chunks.size() || seq > count || !chunks[seq - 1].empty())
                consistent = false;
            else
                chunks[seq - 1] = data.substr(14);
        }
        pos += 2 + length;
    }
    for (const auto& c : chunks)
        consistent = consistent && !c.empty();
    if (consistent)
        for (const auto& c : chunks)
            h.icc.append(c);
    return h;
}

int icc_components(std::string_view icc) {
    if (icc.size() < 132)
        return 0;
    auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(icc[at + i]);
        return v;
    };
    // ICC.1:2010 (version 4) at most: PDF/A-2 and PDF/X-4 know no iccMAX (5).
    if (u32(0) != icc.size() || icc.substr(36, 4) != "acsp" ||
        static_cast<unsigned char>(icc[8]) >= 5)
        return 0;
    // The tag table (7.3): every tag inside the profile.
    const std::uint32_t tags = u32(128);
    if (tags == 0 || tags > (icc.size() - 132) / 12)
        return 0;
    for (std::uint32_t t = 0; t < tags; ++t) {
        const std::size_t entry = 132 + static_cast<std::size_t>(t) * 12;
        const std::uint64_t offset = u32(entry + 4), size = u32(entry + 8);
        if (offset < 128 || offset + size > icc.size())
            return 0;
    }
    const std::string_view space = icc.substr(16, 4);
    return space == "GRAY" ? 1 : space == "RGB " ? 3 : space == "CMYK" ? 4 : 0;
}

} // namespace chronik::render::pdf
