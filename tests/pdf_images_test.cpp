// The picture pipeline below the binary (render/pdf/pdf_images.hpp,
// image_resample.hpp, image_for_pdf.hpp; support/jpeg_file.hpp): the
// resolution policy, the orientation matrices, area averaging, ICC headers
// and chunks, libjpeg round trips. Read back through the binary in
// tests/pdf/check_images.py and tests/hostile/print_image_test.cpp.
#include "helpers.hpp"
#include "render/pdf/image_for_pdf.hpp"
#include "render/pdf/image_resample.hpp"
#include "render/pdf/pdf_images.hpp"
#include "support/jpeg_file.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace chronik;
using namespace chronik::render::pdf;

namespace {

std::string bytes(std::initializer_list<int> v) {
    std::string s;
    for (int x : v)
        s += static_cast<char>(x);
    return s;
}

// Where the matrix puts a point of the image's unit square.
std::pair<double, double> apply(const std::array<double, 6>& m, double u, double v) {
    return {m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]};
}

} // namespace

TEST_CASE("pdf images: the resolution policy") {
    const style::Images r; // 150 screen, 300 print, 450 at most
    // 3000 x 2000 shown 5 in wide: 600 ppi.
    auto s = embedded_size(3000, 2000, 1, 360, 240, r, false);
    CHECK(s.width == 750);
    CHECK(s.height == 500);
    s = embedded_size(3000, 2000, 1, 360, 240, r, true);
    CHECK(s.width == 1500);
    CHECK(s.height == 1000);
    // 400 ppi: screen downsamples, print keeps it (under 450).
    s = embedded_size(2000, 1000, 1, 360, 180, r, false);
    CHECK(s.width == 750);
    s = embedded_size(2000, 1000, 1, 360, 180, r, true);
    CHECK(s.width == 2000);
    CHECK(s.height == 1000);
    // At most 1.5 x 150 ppi on screen: as it is; never enlarged.
    s = embedded_size(1125, 750, 1, 360, 240, r, false); // 225 ppi
    CHECK(s.width == 1125);
    s = embedded_size(300, 200, 1, 360, 240, r, true);
    CHECK(s.width == 300);
    // Turned a quarter (6): the stored height is shown across.
    s = embedded_size(2000, 3000, 6, 360, 240, r, false);
    CHECK(s.width == 500);
    CHECK(s.height == 750);
    // The lower of the two resolutions counts (distorted placement), and
    // rounding goes up: never below the target.
    s = embedded_size(3001, 2000, 1, 360, 240, r, true);
    CHECK(s.width == 1501);
    CHECK(s.height == 1000);
    // Nothing placed, nothing known.
    CHECK(embedded_size(3000, 2000, 1, 0, 0, r, false).width == 3000);
}

TEST_CASE("pdf images: each EXIF orientation shows the stored top-left corner where TIFF says") {
    // The stored top-left corner is (0, 1) of the unit square. Box 10,20
    // 100 x 50.
    const std::pair<double, double> tl{10, 70}, tr{110, 70}, bl{10, 20}, br{110, 20};
    const std::pair<double, double> corner[9] = {tl, tl, tr, br, bl, tl, tr, br, bl};
    for (int o = 1; o <= 8; ++o) {
        CAPTURE(o);
        const auto m = image_matrix(o, 10, 20, 100, 50);
        CHECK(apply(m, 0, 1) == corner[o]);
        // The whole square still fills the box.
        const auto a = apply(m, 0, 0), b = apply(m, 1, 1);
        CHECK(std::min(a.first, b.first) == 10);
        CHECK(std::max(a.first, b.first) == 110);
        CHECK(std::min(a.second, b.second) == 20);
        CHECK(std::max(a.second, b.second) == 70);
    }
    // Stored row 0 runs along the shown right edge for 6 (turned clockwise to be upright).
    const auto m6 = image_matrix(6, 10, 20, 100, 50);
    CHECK(apply(m6, 1, 1) == br);
    CHECK(image_matrix(0, 1, 2, 3, 4) == image_matrix(1, 1, 2, 3, 4));
}

TEST_CASE("pdf images: area averaging") {
    // 3 -> 2 across: each new pixel is 1.5 source pixels.
    CHECK(downscale(bytes({0, 255, 0}), 3, 1, 1, 2, 1) == bytes({85, 85}));
    CHECK(downscale(bytes({10, 20, 30, 40}), 4, 1, 1, 2, 1) == bytes({15, 35}));
    // 2 x 2 -> 1 x 1, three channels.
    CHECK(downscale(bytes({0, 0, 0, 100, 0, 0, 0, 200, 0, 100, 200, 255}), 2, 2, 3, 1, 1) ==
          bytes({50, 100, 64}));
    // A flat picture stays flat at any ratio.
    const std::string flat(7 * 5 * 2, static_cast<char>(200));
    CHECK(downscale(flat, 7, 5, 2, 3, 2) == std::string(3 * 2 * 2, static_cast<char>(200)));
    CHECK(downscale(flat, 7, 5, 2, 7, 5) == flat);
    CHECK_THROWS_AS(downscale(flat, 7, 5, 2, 8, 5), std::invalid_argument);
    CHECK_THROWS_AS(downscale(flat, 7, 4, 2, 3, 2), std::invalid_argument);
}

TEST_CASE("pdf images: ICC profiles are recognised by their header, JPEG chunks joined in order") {
    const std::string srgb = test::read_file("/usr/share/color/icc/sRGB.icc");
    CHECK(icc_components(srgb) == 3);
    CHECK(icc_components(srgb.substr(0, 200)) == 0); // its size field says more
    std::string v5 = srgb;
    v5[8] = 5;
    CHECK(icc_components(v5) == 0);
    std::string cmyk = srgb;
    cmyk.replace(16, 4, "CMYK");
    CHECK(icc_components(cmyk) == 4);
    cmyk.replace(16, 4, "Lab ");
    CHECK(icc_components(cmyk) == 0);
    // A tag past the end, or a tag count the table cannot hold.
    std::string far = srgb;
    far[132 + 4] = '\x7F';
    CHECK(icc_components(far) == 0);
    std::string many = srgb;
    many.replace(128, 4, std::string("\x10\0\0\0", 4));
    CHECK(icc_components(many) == 0);

    const std::string jpeg = test::read_file(test::source_dir / "tests/images/small.jpg");
    auto with = [&](const std::vector<std::string>& chunks) {
        std::string out = jpeg.substr(0, 2);
        for (const auto& c : chunks) {
            const std::size_t n = c.size() + 2;
            out += std::string("\xFF\xE2", 2) + static_cast<char>(n >> 8) +
                   static_cast<char>(n & 0xFF) + c;
        }
        return out + jpeg.substr(2);
    };
    auto chunk = [](int seq, int count, const std::string& data) {
        return std::string("ICC_PROFILE\0", 12) + static_cast<char>(seq) +
               static_cast<char>(count) + data;
    };
    const auto plain = jpeg_header(jpeg);
    CHECK(plain.components == 3);
    CHECK(plain.width == 64);
    CHECK(plain.height == 48);
    CHECK(plain.icc.empty());
    CHECK(jpeg_header(with({chunk(2, 3, "bb"), chunk(3, 3, "c"), chunk(1, 3, "aa")})).icc ==
          "aabbc");
    CHECK(jpeg_header(with({chunk(1, 3, "aa"), chunk(3, 3, "c")})).icc.empty());
    CHECK(jpeg_header(with({chunk(1, 2, "aa"), chunk(1, 2, "bb")})).icc.empty());
    CHECK(jpeg_header(with({chunk(1, 2, "aa"), chunk(2, 3, "bb")})).icc.empty());
    CHECK(jpeg_header(with({chunk(0, 1, "aa")})).icc.empty());
    // Cut short inside a segment: what was found before.
    const std::string cut = with({chunk(1, 1, "aa")});
    CHECK(jpeg_header(cut.substr(0, 10)).components == 0);
}

TEST_CASE("pdf images: libjpeg round trips, the same bytes each time") {
    const std::string file = test::read_file(test::source_dir / "tests/images/small.jpg");
    jpeg::Image img;
    REQUIRE(jpeg::decode(file, img).empty());
    CHECK(img.width == 64);
    CHECK(img.height == 48);
    CHECK(img.components == 3);
    CHECK(img.samples.size() == 64u * 48 * 3);
    const std::string once = jpeg::encode(img, 90), twice = jpeg::encode(img, 90);
    CHECK(once == twice);
    jpeg::Image back;
    REQUIRE(jpeg::decode(once, back).empty());
    CHECK(back.width == 64);
    // CMYK as stored (Adobe's marker written).
    jpeg::Image cmyk{2, 2, 4, std::string(16, '\x40')};
    const std::string c = jpeg::encode(cmyk, 90);
    CHECK(c.find("Adobe") != std::string::npos);
    REQUIRE(jpeg::decode(c, back).empty());
    CHECK(back.components == 4);
    // Broken data: a message, no pixels.
    CHECK_FALSE(jpeg::decode(file.substr(0, 100), back).empty());
    CHECK(back.samples.empty());
    CHECK_FALSE(jpeg::decode("not a jpeg", back).empty());
}

TEST_CASE("pdf images: a picture with a clip box covers its box and is cut to the clip box") {
    layout::ImageItem im;
    im.x = layout::pt(-20);
    im.y = layout::pt(0);
    im.width = layout::pt(200);
    im.height = layout::pt(100);
    ContentStream plain;
    const Box whole = draw_image(plain, "Im1", im, layout::pt(500));
    CHECK(plain.take() == "q\n200 0 0 100 -20 400 cm\n/Im1 Do\nQ\n");
    CHECK(whole.left == -20);
    CHECK(whole.top == 500);
    im.clip_x = layout::pt(0);
    im.clip_y = layout::pt(10);
    im.clip_w = layout::pt(150);
    im.clip_h = layout::pt(80);
    im.orientation = 3;
    ContentStream clipped;
    const Box shows = draw_image(clipped, "Im1", im, layout::pt(500));
    CHECK(clipped.take() ==
          "q\n0 410 150 80 re\nW n\nq\n-200 0 0 -100 180 500 cm\n/Im1 Do\nQ\nQ\n");
    CHECK(shows.left == 0);
    CHECK(shows.bottom == 410);
    CHECK(shows.right == 150);
    CHECK(shows.top == 490);
}

TEST_CASE("pdf images: with alpha, colour is averaged by its weight in alpha") {
    // Opaque red beside transparent black: red stays red, alpha halves.
    const auto [colour, alpha] =
        downscale_masked(bytes({255, 0, 0, 0, 0, 0}), bytes({255, 0}), 2, 1, 3, 1, 1);
    CHECK(colour == bytes({255, 0, 0}));
    CHECK(alpha == bytes({128}));
    // All transparent: no weight, colour 0.
    CHECK(downscale_masked(bytes({9, 9}), bytes({0, 0}), 2, 1, 1, 1, 1).first == bytes({0}));
    // All opaque: as downscale.
    const std::string grey = bytes({10, 20, 30, 40, 50, 60});
    CHECK(downscale_masked(grey, std::string(6, '\xFF'), 3, 2, 1, 2, 1).first ==
          downscale(grey, 3, 2, 1, 2, 1));
    CHECK_THROWS_AS(downscale_masked(grey, bytes({1}), 3, 2, 1, 2, 1), std::invalid_argument);
}
