// support/colour: sRGB into the inks of the built-in FOGRA39 profile and
// back, K-only greys, total ink, and what load() refuses.
#include "helpers.hpp"
#include "support/colour.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace chronik;
using colour::Cmyk;
using colour::OutputProfile;
using colour::Rgb;

namespace {

const std::string fogra39 =
    "/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc";
const std::string srgb_icc = "/usr/share/color/icc/sRGB.icc";

struct Lab {
    double l, a, b;
};

// CIE L*a*b* (D65 white) of an sRGB colour, written out independently of
// lcms2 (IEC 61966-2-1, CIE 15), for the delta E of a round trip.
Lab lab_of(Rgb c) {
    auto lin = [](std::uint8_t v) {
        const double x = v / 255.0;
        return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    const double r = lin(c.r), g = lin(c.g), b = lin(c.b);
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) {
        return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16) / 116;
    };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double delta_e(Rgb p, Rgb q) {
    const Lab a = lab_of(p), b = lab_of(q);
    return std::sqrt((a.l - b.l) * (a.l - b.l) + (a.a - b.a) * (a.a - b.a) +
                     (a.b - b.b) * (a.b - b.b));
}

std::string refusal(const std::string& path) {
    try {
        OutputProfile::load(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(accepted)";
}

} // namespace

TEST_CASE("colour: the built-in profile is FOGRA39L_coated, byte for byte") {
    const auto p = OutputProfile::builtin();
    REQUIRE(p);
    CHECK(p == OutputProfile::builtin()); // one shared instance
    CHECK(p->icc() == test::read_file(fogra39));
    CHECK(p->description().find("FOGRA39") != std::string::npos);
    CHECK(p->icc().substr(16, 4) == "CMYK");
}

TEST_CASE("colour: neutral greys go to the black plate alone, darker greys to more K") {
    const auto p = OutputProfile::builtin();
    double previous = 2;
    for (int v = 0; v < 256; ++v) {
        const auto u = static_cast<std::uint8_t>(v);
        const Cmyk c = p->from_srgb({u, u, u});
        CAPTURE(v);
        CHECK(c.c == 0);
        CHECK(c.m == 0);
        CHECK(c.y == 0);
        CHECK(c.k < previous); // strictly lighter as the grey gets lighter
        previous = c.k;
    }
    const Cmyk black = p->from_srgb({0, 0, 0});
    CHECK(black.k == 1);
    CHECK(colour::total_ink(black) == 100);
    const Cmyk white = p->from_srgb({255, 255, 255});
    CHECK(white.c == 0);
    CHECK(white.m == 0);
    CHECK(white.y == 0);
    CHECK(white.k == 0);
    // The body text #222222 of issue 13 (C79 M71 Y62 K78 as DeviceRGB): K
    // alone, dark but not solid, and #111111 stays darker than it.
    const double body = p->from_srgb({0x22, 0x22, 0x22}).k;
    CHECK(body > 0.8);
    CHECK(body < 0.97);
    CHECK(p->from_srgb({0x11, 0x11, 0x11}).k > body + 0.02);
    // Mid grey (#777777, L* 50): K about half, not an sRGB value's ratio.
    const double mid = p->from_srgb({0x77, 0x77, 0x77}).k;
    CHECK(mid > 0.45);
    CHECK(mid < 0.75);
}

TEST_CASE("colour: K-only greys print as light as the grey (L* through to_srgb)") {
    // K alone, seen through the profile back on screen, is the same grey
    // within a small delta E from mid grey up (K-only has no colour cast in
    // FOGRA39). Darker greys come back a little lighter: solid K is lighter
    // than the press's four-colour black, which to_srgb maps to screen black.
    const auto p = OutputProfile::builtin();
    for (std::uint8_t v : {0x77, 0x99, 0xcc, 0xee, 0xff}) {
        const Rgb back = p->to_srgb(p->from_srgb({v, v, v}));
        CAPTURE(int(v));
        CAPTURE(int(back.r));
        CHECK(delta_e({v, v, v}, back) < 2.0);
    }
    for (std::uint8_t v : {0x00, 0x22, 0x40}) {
        const Rgb back = p->to_srgb(p->from_srgb({v, v, v}));
        CAPTURE(int(v));
        CAPTURE(int(back.r));
        CHECK(back.r >= v);
        CHECK(lab_of(back).l - lab_of({v, v, v}).l < 13);
        CHECK(std::abs(lab_of(back).a) < 2);
        CHECK(std::abs(lab_of(back).b) < 2);
    }
}

TEST_CASE("colour: a chromatic colour converts to sensible inks and back") {
    const auto p = OutputProfile::builtin();
    const Rgb accent{0x17, 0x32, 0x4d}; // the sample's dark blue
    const Cmyk c = p->from_srgb(accent);
    CAPTURE(c.c);
    CAPTURE(c.m);
    CAPTURE(c.y);
    CAPTURE(c.k);
    // Dark blue: much cyan, less magenta, little yellow, black for depth.
    CHECK(c.c > 0.7);
    CHECK(c.c <= 1.0);
    CHECK(c.m > 0.3);
    CHECK(c.m < c.c);
    CHECK(c.y > 0.1);
    CHECK(c.y < c.m);
    CHECK(c.k > 0.2);
    CHECK(c.k < 0.9);
    CHECK(colour::total_ink(c) < 330); // FOGRA39's limit for coated paper
    const Rgb back = p->to_srgb(c);
    CAPTURE(int(back.r));
    CAPTURE(int(back.g));
    CAPTURE(int(back.b));
    CHECK(delta_e(accent, back) < 3.0);
    // A light colour well inside the press's gamut: no black at all is
    // needed, and it comes back closely.
    const Rgb sky{0xa0, 0xc8, 0xe8};
    const Cmyk s = p->from_srgb(sky);
    CHECK(s.k < 0.05);
    CHECK(delta_e(sky, p->to_srgb(s)) < 3.0);
    // Paper white and solid black as inks on screen.
    const Rgb paper = p->to_srgb({0, 0, 0, 0});
    CHECK(paper.r == 255);
    CHECK(paper.g == 255);
    CHECK(paper.b == 255);
    const Rgb solid = p->to_srgb({0, 0, 0, 1});
    CHECK(solid.r < 80);
    CHECK(std::abs(int(solid.r) - int(solid.b)) < 10);
}

TEST_CASE("colour: total_ink sums the inks in per cent") {
    CHECK(colour::total_ink({}) == 0);
    CHECK(colour::total_ink({1, 1, 1, 1}) == 400);
    CHECK(colour::total_ink({0.79, 0.71, 0.62, 0.78}) == doctest::Approx(290));
    CHECK(colour::total_ink({0, 0, 0, 0.5}) == doctest::Approx(50));
}

TEST_CASE("colour: pixels convert like colours, white to no ink, from a picture's profile") {
    const auto p = OutputProfile::builtin();
    const std::string rgb = std::string("\xff\xff\xff", 3) + std::string("\x17\x32\x4d", 3) +
                            std::string("\x00\x00\x00", 3);
    const std::string cmyk = p->cmyk_pixels(rgb, "");
    REQUIRE(cmyk.size() == 12);
    CHECK(cmyk.substr(0, 4) == std::string(4, '\0')); // white: no ink
    const Cmyk c = p->from_srgb({0x17, 0x32, 0x4d});
    for (int i = 0; i < 4; ++i) {
        const double ink[4] = {c.c, c.m, c.y, c.k};
        CHECK(std::abs(static_cast<unsigned char>(cmyk[4 + i]) - 255 * ink[i]) < 3);
    }
    CHECK(static_cast<unsigned char>(cmyk[11]) > 200); // black: mostly K (rich in photos)
    // The picture's own sRGB profile (icc-profiles-free) gives what sRGB gives.
    const std::string own = p->cmyk_pixels(rgb, test::read_file(srgb_icc));
    REQUIRE(own.size() == 12);
    for (int i = 0; i < 12; ++i)
        CHECK(std::abs(int(static_cast<unsigned char>(own[i])) -
                       int(static_cast<unsigned char>(cmyk[i]))) <= 2);
    CHECK(p->cmyk_pixels("", "").empty());
    CHECK_THROWS_WITH_AS(p->cmyk_pixels("ab", ""), doctest::Contains("whole pixels"),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(p->cmyk_pixels(rgb, std::string(p->icc())),
                         doctest::Contains("not an RGB profile"), std::runtime_error);
    CHECK_THROWS_WITH_AS(p->cmyk_pixels(rgb, "garbage"), doctest::Contains("unreadable"),
                         std::runtime_error);
}

TEST_CASE("colour: one profile serves many threads at once") {
    const auto p = OutputProfile::builtin();
    std::string rgb;
    for (int i = 0; i < 3000; ++i)
        rgb += static_cast<char>(i * 7 % 256);
    const std::string expected = p->cmyk_pixels(rgb, "");
    const Cmyk accent = p->from_srgb({0x17, 0x32, 0x4d});
    std::vector<int> ok(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const Cmyk c = p->from_srgb({0x17, 0x32, 0x4d});
                ok[t] += p->cmyk_pixels(rgb, "") == expected && c.c == accent.c && c.k == accent.k;
            }
        });
    for (auto& t : threads)
        t.join();
    for (int n : ok)
        CHECK(n == 50);
}

TEST_CASE("colour: load() reads a CMYK output profile and refuses others, saying why") {
    const auto p = OutputProfile::load(fogra39);
    CHECK(p->icc() == OutputProfile::builtin()->icc());
    CHECK(p->from_srgb({0x22, 0x22, 0x22}).k ==
          OutputProfile::builtin()->from_srgb({0x22, 0x22, 0x22}).k);

    test::TempDir dir;
    // An RGB display profile.
    CHECK(refusal(srgb_icc).find("not CMYK") != std::string::npos);
    CHECK(refusal(srgb_icc).find("RGB") != std::string::npos);
    CHECK(refusal(srgb_icc).find(srgb_icc) != std::string::npos); // names the file
    // Cut short: the header's size says so.
    const std::string bytes = test::read_file(fogra39);
    test::write_file(dir / "cut.icc", bytes.substr(0, 5000));
    CHECK(refusal((dir / "cut.icc").string()).find("truncated") != std::string::npos);
    CHECK(refusal((dir / "cut.icc").string()).find("5000") != std::string::npos);
    // Not an ICC profile at all.
    test::write_file(dir / "text.icc", std::string(200, 'x'));
    CHECK(refusal((dir / "text.icc").string()).find("not an ICC profile") != std::string::npos);
    test::write_file(dir / "empty.icc", "");
    CHECK(refusal((dir / "empty.icc").string()).find("not an ICC profile") != std::string::npos);
    // A CMYK profile of another class (a colour space profile, not prtr).
    std::string spac = bytes;
    spac.replace(12, 4, "spac");
    test::write_file(dir / "spac.icc", spac);
    CHECK(refusal((dir / "spac.icc").string()).find("not an output (prtr) profile") !=
          std::string::npos);
    // Version 5 (iccMAX).
    std::string v5 = bytes;
    v5[8] = 5;
    test::write_file(dir / "v5.icc", v5);
    CHECK(refusal((dir / "v5.icc").string()).find("version 5") != std::string::npos);
    // A header that passes with a tag table cut away: lcms2 refuses it.
    std::string broken = bytes.substr(0, 132);
    broken[0] = 0, broken[1] = 0, broken[2] = 0, broken[3] = char(132);
    broken.replace(128, 4, std::string("\x00\x00\x00\x09", 4)); // 9 tags, none there
    test::write_file(dir / "tags.icc", broken);
    const std::string tags = refusal((dir / "tags.icc").string());
    CHECK(tags != "(accepted)");
    CHECK(tags.find("tags.icc") != std::string::npos);
    // A missing file, a folder, a device that never ends.
    CHECK(refusal((dir / "none.icc").string()).find("cannot read") != std::string::npos);
    CHECK(refusal(dir.path().string()).find("is not a file") != std::string::npos);
    CHECK(refusal("/dev/zero").find("'/dev/zero' is not a file") != std::string::npos);
    // Too large to be a profile (sparse: no disk used).
    {
        std::ofstream big(dir / "big.icc", std::ios::binary);
        big.seekp((64 << 20) + 1);
        big.put('x');
    }
    CHECK(refusal((dir / "big.icc").string()).find("too large for an ICC profile") !=
          std::string::npos);
}
