// render/pdf/print_colour: the colour operators the painter writes, for the
// screen PDF (DeviceRGB, as always) and the print PDF (DeviceCMYK, greys on
// K alone, cmyk() as written), and the content stream's CMYK operators.
#include "render/pdf/content_stream.hpp"
#include "render/pdf/print_colour.hpp"
#include "support/colour.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace chronik;
using render::pdf::ContentStream;
using render::pdf::PrintColours;

namespace {

std::string filled(const PrintColours& pc, const style::Color& c) {
    ContentStream cs;
    pc.fill(cs, c);
    return cs.take();
}

std::string stroked(const PrintColours& pc, const style::Color& c) {
    ContentStream cs;
    pc.stroke(cs, c);
    return cs.take();
}

style::Color cmyk(int c, int m, int y, int k) {
    style::Color out;
    out.cmyk = true;
    out.c = static_cast<std::uint8_t>(c);
    out.m = static_cast<std::uint8_t>(m);
    out.y = static_cast<std::uint8_t>(y);
    out.k = static_cast<std::uint8_t>(k);
    out.r = out.g = out.b = 0x1f; // its screen look
    return out;
}

} // namespace

TEST_CASE("content stream: CMYK fill and stroke operators") {
    ContentStream cs;
    cs.fill_cmyk(0, 0, 0, 1);
    cs.stroke_cmyk(1, 0.6, 0, 0.2);
    cs.fill_cmyk(0.8624, 0.5, 0.0004, 0.9999);
    CHECK(cs.take() == "0 0 0 1 k\n1 0.6 0 0.2 K\n0.862 0.5 0 1 k\n");
}

TEST_CASE("print colours: the screen PDF writes DeviceRGB exactly as before") {
    const PrintColours screen;
    CHECK_FALSE(screen.print());
    CHECK_FALSE(screen.profile());
    for (const style::Color c : {style::Color{0x22, 0x22, 0x22}, style::Color{0x17, 0x32, 0x4d},
                                 style::Color{255, 255, 255}, cmyk(0, 0, 0, 100)}) {
        ContentStream before;
        before.fill_color(c);
        before.stroke_color(c);
        CHECK(filled(screen, c) + stroked(screen, c) == before.take());
    }
    CHECK(filled(screen, {0x22, 0x22, 0x22}) == "0.133 0.133 0.133 rg\n");
    // A cmyk() colour on screen is its look (r, g, b), not its inks.
    CHECK(stroked(screen, cmyk(100, 60, 0, 20)) == "0.122 0.122 0.122 RG\n");
}

TEST_CASE("print colours: greys and black on K alone, white no ink, colours through the profile") {
    const auto profile = colour::OutputProfile::builtin();
    const PrintColours print(profile);
    CHECK(print.print());
    CHECK(print.profile() == profile);
    CHECK(filled(print, {0, 0, 0}) == "0 0 0 1 k\n");
    CHECK(stroked(print, {0, 0, 0}) == "0 0 0 1 K\n");
    CHECK(filled(print, {255, 255, 255}) == "0 0 0 0 k\n"); // the rail markers: paper
    // The body text: K alone, the K the profile gives for its lightness.
    const auto body = print.paint({0x22, 0x22, 0x22});
    CHECK(body.cmyk);
    CHECK(body.values[0] == 0);
    CHECK(body.values[1] == 0);
    CHECK(body.values[2] == 0);
    CHECK(body.values[3] == doctest::Approx(profile->from_srgb({0x22, 0x22, 0x22}).k));
    CHECK(filled(print, {0x22, 0x22, 0x22}).rfind("0 0 0 0.9", 0) == 0);
    // Every neutral grey: "0 0 0 K k".
    for (int v = 0; v < 256; v += 17) {
        const auto u = static_cast<std::uint8_t>(v);
        CAPTURE(v);
        CHECK(filled(print, {u, u, u}).rfind("0 0 0 ", 0) == 0);
    }
    // A colour: four inks, as the profile converts it.
    const auto inks = profile->from_srgb({0x17, 0x32, 0x4d});
    ContentStream expected;
    expected.fill_cmyk(inks.c, inks.m, inks.y, inks.k);
    CHECK(filled(print, {0x17, 0x32, 0x4d}) == expected.take());
    const auto accent = print.paint({0x17, 0x32, 0x4d});
    CHECK(accent.values[0] > 0.7);
    CHECK(accent.values[1] > 0.3);
    // A colour written as CMYK: as written, not converted back and forth.
    CHECK(filled(print, cmyk(100, 60, 0, 20)) == "1 0.6 0 0.2 k\n");
    CHECK(stroked(print, cmyk(0, 0, 0, 100)) == "0 0 0 1 K\n");
    CHECK(filled(print, cmyk(0, 0, 0, 0)) == "0 0 0 0 k\n");
}

TEST_CASE("print colours: each sRGB colour is converted once") {
    const PrintColours print(colour::OutputProfile::builtin());
    CHECK(print.cached() == 0);
    const std::string first = filled(print, {0x17, 0x32, 0x4d});
    CHECK(print.cached() == 1);
    CHECK(filled(print, {0x17, 0x32, 0x4d}) == first);
    CHECK(stroked(print, {0x17, 0x32, 0x4d}).substr(0, first.size() - 2) ==
          first.substr(0, first.size() - 2));
    CHECK(print.cached() == 1);
    filled(print, {0x22, 0x22, 0x22});
    filled(print, cmyk(1, 2, 3, 4)); // written CMYK needs no conversion
    CHECK(print.cached() == 2);
}

TEST_CASE("print colours: the profile of a style's <print>") {
    style::Print p;
    CHECK(PrintColours::profile_for(p) == colour::OutputProfile::builtin());
    p.profile = "/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc";
    const auto loaded = PrintColours::profile_for(p);
    CHECK(loaded != colour::OutputProfile::builtin());
    CHECK(loaded->icc() == colour::OutputProfile::builtin()->icc());
    p.profile = "/usr/share/color/icc/sRGB.icc";
    CHECK_THROWS_AS(PrintColours::profile_for(p), std::runtime_error);
}
