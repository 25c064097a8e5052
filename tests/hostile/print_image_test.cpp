// Pictures as the PDF embeds them (issue #13; README, "Pictures in the PDF"),
// through the binary with broken and hostile metadata: EXIF segments that lie
// about their offsets and counts, ICC profiles in chunks that are missing,
// repeated or not profiles at all, PNG iCCP chunks whose zlib stream is broken,
// a CMYK JPEG under the print PDF (x-4) and the archive PDF, and pictures the
// PDF must decode to downsample whose image data is broken. Each is rendered
// in every format (or refused where a standard forbids it) with the
// sanitizers quiet, and a profile that is not one never reaches the PDF.
#include "hostile_helpers.hpp"

#include "support/jpeg_file.hpp"
#include "support/png_file.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;
using namespace chronik::hostile;
namespace fs = std::filesystem;
using test::files_in;

namespace {

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("chronik-print-image-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string be16(std::size_t v) {
    return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

// small.jpg with marker segments (marker byte, data) inserted after SOI.
std::string jpeg_with(const std::vector<std::pair<char, std::string>>& segments) {
    const std::string plain = test::read_file(images / "small.jpg");
    std::string out = plain.substr(0, 2);
    for (const auto& [marker, data] : segments)
        out += std::string("\xFF", 1) + marker + be16(data.size() + 2) + data;
    return out + plain.substr(2);
}

std::string exif_header(bool little) {
    return std::string("Exif\0\0", 6) +
           (little ? std::string("II*\0", 4) : std::string("MM\0*", 4));
}

std::string icc_chunk(int seq, int count, const std::string& data) {
    return std::string("ICC_PROFILE\0", 12) + static_cast<char>(seq) + static_cast<char>(count) +
           data;
}

// The PDF of `input` in `dir` with `extra` arguments.
std::string pdf_of(const fs::path& dir, const std::string& input,
                   const std::vector<std::string>& extra = {}) {
    const fs::path out = dir / "pdf-out";
    fs::remove_all(out);
    std::vector<std::string> args = {"render", input, "-q", "-f", "pdf", "-o", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args, dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
    const auto written = files_in(out);
    REQUIRE(written.size() == 1);
    return test::read_file(out / written[0]);
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("print images: lying EXIF segments are read as upright, in every format") {
    const fs::path dir = fresh_dir("exif");
    const std::vector<std::string> lies = {
        exif_header(true) + std::string("\xFF\xFF\xFF\x7F", 4),             // IFD far past the end
        exif_header(false) + std::string("\0\0\0\x08\xFF\xFF", 6),          // 65535 entries
        exif_header(true) + std::string("\x08\0\0\0\x01\0\x12\x01\x03", 9), // entry cut short
        exif_header(true),                                                  // no IFD offset
        std::string("Exif\0\0", 6),                                         // no TIFF header
        exif_header(true) + std::string("\xF8\xFF\xFF\xFF", 4),             // offset wraps around
    };
    for (std::size_t i = 0; i < lies.size(); ++i) {
        CAPTURE(i);
        const std::string name = "lie" + std::to_string(i) + ".jpg";
        test::write_file(dir / name, jpeg_with({{'\xE1', lies[i]}}));
        test::write_file(dir / "in.xml", with_image(name));
        expect_rendered(dir, "in.xml");
        // Upright: drawn with a plain scale, no turning matrix.
        const std::string pdf = pdf_of(dir, "in.xml");
        CHECK(pdf.size() > 0);
    }
}

TEST_CASE("print images: ICC chunks that do not make a profile are left out") {
    const fs::path dir = fresh_dir("icc");
    const std::string srgb = test::read_file("/usr/share/color/icc/sRGB.icc");
    const std::string half1 = srgb.substr(0, srgb.size() / 2), half2 = srgb.substr(srgb.size() / 2);
    const std::vector<std::vector<std::pair<char, std::string>>> broken = {
        {{'\xE2', icc_chunk(1, 2, half1)}},                                   // the second missing
        {{'\xE2', icc_chunk(1, 2, half1)}, {'\xE2', icc_chunk(1, 2, half2)}}, // the first twice
        {{'\xE2', icc_chunk(0, 1, srgb)}},                                    // sequence 0
        {{'\xE2', icc_chunk(1, 0, srgb)}},                                    // count 0
        {{'\xE2', icc_chunk(2, 1, srgb)}},                                    // beyond its count
        {{'\xE2', icc_chunk(1, 1, srgb.substr(0, 200))}},                     // its size disagrees
        {{'\xE2', icc_chunk(1, 1, std::string(300, 'x'))}},                   // not a profile
        {{'\xE2', std::string("ICC_PROFILE\0", 12)}},                         // no sequence at all
    };
    for (std::size_t i = 0; i < broken.size(); ++i) {
        CAPTURE(i);
        const std::string name = "icc" + std::to_string(i) + ".jpg";
        test::write_file(dir / name, jpeg_with(broken[i]));
        test::write_file(dir / "in.xml", with_image(name));
        expect_rendered(dir, "in.xml");
        CHECK_FALSE(has(pdf_of(dir, "in.xml"), "/ICCBased"));
    }
    // Whole, in two chunks given out of order: kept.
    test::write_file(dir / "whole.jpg", jpeg_with({{'\xE2', icc_chunk(2, 2, half2)},
                                                   {'\xE2', icc_chunk(1, 2, half1)}}));
    test::write_file(dir / "in.xml", with_image("whole.jpg"));
    CHECK(has(pdf_of(dir, "in.xml"), "/ICCBased"));
}

TEST_CASE("print images: a PNG's broken iCCP chunk is left out") {
    const fs::path dir = fresh_dir("iccp");
    const std::string png = test::read_file(images / "small.png");
    // After IHDR (8 + 25 bytes): iCCP chunks with a bad method, a cut
    // zlib stream, no name.
    const std::vector<std::string> chunks = {std::string("p\0\x01x\x9c\x01\x02", 7),
                                             std::string("p\0\0x\x9c\xed\xc1\x01\x0d", 9),
                                             std::string("\0\0x\x9c", 4), std::string("p", 1)};
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        CAPTURE(i);
        std::string out = png.substr(0, 33);
        png::append_png_chunk(out, "iCCP", chunks[i]);
        out += png.substr(33);
        const std::string name = "iccp" + std::to_string(i) + ".png";
        test::write_file(dir / name, out);
        test::write_file(dir / "in.xml", with_image(name));
        expect_rendered(dir, "in.xml");
        CHECK_FALSE(has(pdf_of(dir, "in.xml"), "/ICCBased"));
    }
}

TEST_CASE("print images: a CMYK JPEG is taken for the print PDF, refused for the archive alone") {
    const fs::path dir = fresh_dir("cmyk");
    fs::copy_file(images / "cmyk.jpg", dir / "cmyk.jpg");
    test::write_file(dir / "in.xml", with_image("cmyk.jpg"));
    const std::string pdf = pdf_of(dir, "in.xml", {"--pdf-standard", "x-4"});
    CHECK(has(pdf, "/DeviceCMYK"));
    fs::create_directories(dir / "refused");
    const auto r = run({"render", "in.xml", "-q", "-f", "pdf", "--pdf-standard", "a-2b", "-o",
                        (dir / "refused").string()},
                       dir);
    CHECK(r.status == 1);
    CHECK_MESSAGE(has(r.err, "is a CMYK JPEG; PDF/A needs it in RGB or grey"), r.err);
    CHECK(files_in(dir / "refused").empty());
}

TEST_CASE("print images: a JPEG to downsample whose image data is broken renders or is refused") {
    const fs::path dir = fresh_dir("broken");
    // 2400 x 1600 placed at the column's width: far above 225 ppi, so the
    // PDF decodes it to downsample.
    jpeg::Image big{2400, 1600, 3, {}};
    big.samples.resize(2400u * 1600 * 3);
    for (std::size_t i = 0; i < big.samples.size(); ++i)
        big.samples[i] = static_cast<char>((i * 7 + i / 7200) & 0xFF);
    const std::string good = jpeg::encode(big, 90);
    const std::size_t scan = good.find("\xFF\xDA");
    REQUIRE(scan != std::string::npos);
    // Image data overwritten at three places with bytes that make no marker,
    // so the reader's structural check still takes the file.
    for (int variant = 0; variant < 3; ++variant) {
        CAPTURE(variant);
        std::string broken = good;
        const std::size_t from = scan + 600 + static_cast<std::size_t>(variant) * 40000;
        for (std::size_t i = from; i < from + 2000 && i + 2 < broken.size(); ++i)
            broken[i] = static_cast<char>((i * 131 + variant * 17) % 0x7F);
        test::write_file(dir / "broken.jpg", broken);
        test::write_file(dir / "in.xml", with_image("broken.jpg"));
        for (const std::string standard : {"ua-1,a-2a", "x-4"}) {
            CAPTURE(standard);
            const fs::path out = dir / "out";
            fs::remove_all(out);
            fs::create_directories(out);
            const auto r = run({"render", "in.xml", "-q", "-f", "pdf", "--pdf-standard", standard,
                                "-o", out.string()},
                               dir);
            CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
            if (r.status == 0) {
                CHECK(files_in(out).size() == 1);
            } else {
                CHECK(r.status == 1);
                CHECK_MESSAGE(has(r.err, "in.xml:1: error: image "), r.err);
                CHECK_MESSAGE(has(r.err, "broken.jpg is a corrupt JPEG file"), r.err);
                CHECK(files_in(out).empty());
            }
        }
    }
}

TEST_CASE("print images: a profile LittleCMS cannot use for photos=convert is named, or converts") {
    const fs::path dir = fresh_dir("convert");
    std::string srgb = test::read_file("/usr/share/color/icc/sRGB.icc");
    // Every tag's type signature overwritten: the table still fits the
    // profile (so it is embedded as the picture's), its tags mean nothing.
    const auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(srgb[at + i]);
        return v;
    };
    for (std::uint32_t t = 0; t < u32(128); ++t)
        srgb.replace(u32(132 + t * 12 + 4), 4, "zzzz");
    test::write_file(dir / "odd.jpg", jpeg_with({{'\xE2', icc_chunk(1, 1, srgb)}}));
    test::write_file(dir / "in.xml", with_image("odd.jpg"));
    test::write_file(dir / "convert.xml",
                     "<style name=\"convert\" version=\"1\"><print photos=\"convert\"/></style>\n");
    const fs::path out = dir / "out";
    fs::create_directories(out);
    const auto r = run({"render", "in.xml", "-q", "-f", "pdf", "--pdf-standard", "x-4", "-s",
                        "convert.xml", "-o", out.string()},
                       dir);
    CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
    if (r.status == 0) {
        CHECK(files_in(out).size() == 1);
    } else {
        CHECK(r.status == 1);
        // At the image's line (with_image puts it on the first).
        CHECK_MESSAGE(has(r.err, "in.xml:1: error: image "), r.err);
        CHECK_MESSAGE(has(r.err, "odd.jpg cannot be converted to the output profile's CMYK"),
                      r.err);
        CHECK(files_in(out).empty());
    }
    // The screen PDF embeds it as the picture's profile, as it is.
    CHECK(has(pdf_of(dir, "in.xml"), "/ICCBased"));
}
