// The text stage's fonts: metrics in font units and in the PDF's 1/1000 em,
// checked against FreeType read directly; faces shared between threads.
#include "text/font_config.hpp"
#include "text/font_set.hpp"

#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <thread>
#include <vector>

using namespace chronik;

namespace {

struct FreeTypeFace {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    explicit FreeTypeFace(const std::string& path) {
        REQUIRE(FT_Init_FreeType(&lib) == 0);
        REQUIRE(FT_New_Face(lib, path.c_str(), 0, &face) == 0);
    }
    ~FreeTypeFace() {
        FT_Done_Face(face);
        FT_Done_FreeType(lib);
    }
};

} // namespace

TEST_CASE("font face: each character's advance as FreeType gives it, in font units and 1/1000 em") {
    text::FontSet fonts;
    for (const bool bold : {false, true}) {
        const auto& face = fonts.at(fonts.face(style::Font{"Charis SIL", bold, false}));
        CAPTURE(face.path());
        CHECK(face.family() == "Charis SIL");
        CHECK(face.is_truetype());
        FreeTypeFace ft(face.path());
        CHECK(face.units_per_em() == ft.face->units_per_EM);
        CHECK(face.ascender_units() == ft.face->ascender);
        CHECK(face.descender_units() == ft.face->descender);
        CHECK(face.ascender() == ft.face->ascender * 1000 / ft.face->units_per_EM);
        CHECK(face.descender() < 0);
        CHECK(face.cap_height() > 0);
        CHECK(face.cap_height() < face.ascender());
        int checked = 0;
        FT_UInt g = 0;
        for (FT_ULong cp = FT_Get_First_Char(ft.face, &g); g != 0;
             cp = FT_Get_Next_Char(ft.face, cp, &g)) {
            FT_Fixed units = 0;
            REQUIRE(FT_Get_Advance(ft.face, g, FT_LOAD_NO_SCALE, &units) == 0);
            const auto c = static_cast<char32_t>(cp);
            if (face.advance_units(c) != units || !face.has_glyph(c) ||
                face.advance(c) != static_cast<int>(units * 1000 / ft.face->units_per_EM)) {
                CAPTURE(cp);
                FAIL("advance differs");
            }
            ++checked;
        }
        CHECK(checked > 1000); // Charis SIL maps thousands of characters
    }
}

TEST_CASE("font face: missing characters have no glyph and no width") {
    text::FontSet fonts;
    const auto& face = fonts.at(fonts.face(style::Font{"Charis SIL", false, false}));
    for (const char32_t c : {U'\uE000', U'\U0001F600', U'\U0010FFFF', U'\u4E00'}) {
        CAPTURE(static_cast<unsigned>(c));
        CHECK_FALSE(face.has_glyph(c));
        CHECK(face.advance(c) == 0);
        CHECK(face.advance_units(c) == 0);
    }
    CHECK(face.has_glyph(U'ß'));
    CHECK(face.has_glyph(U'\u201E')); // „
    // width(): the sum of the 1/1000 em advances, scaled once
    const Length size = pt(10);
    CHECK(face.width("Aß„", size) ==
          (face.advance(U'A') + face.advance(U'ß') + face.advance(U'\u201E')) * size / 1000);
}

TEST_CASE("font face: one face read from several threads at once gives the same widths") {
    text::FontSet fonts;
    const auto& face = fonts.at(fonts.face(style::Font{"DejaVu Sans", false, false}));
    const std::string sample = "Größe „Beste“ – enaio® Ä 1994 Ωμέγα Жизнь ★ \U0001D400";
    const Length expected = face.width(sample, pt(11));
    std::vector<Length> got(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t)
        threads.emplace_back([&, t] {
            for (int k = 0; k < 2000; ++k)
                got[t] = face.width(sample, pt(11));
        });
    for (auto& th : threads)
        th.join();
    for (const Length w : got)
        CHECK(w == expected);
    CHECK(expected > 0);
}

TEST_CASE("font config: a family that is not installed falls back to a serif, with a warning") {
    text::load_font_configuration();
    const auto choice = text::choose_font(style::Font{"No Such Family 4711", false, false});
    CHECK(choice.fallback);
    CHECK_FALSE(choice.file.empty());
    CHECK(text::font_file(style::Font{"Charis SIL", false, false}) ==
          text::choose_font(style::Font{"Charis SIL", false, false}).file);
    text::FontSet fonts;
    fonts.face(style::Font{"No Such Family 4711", false, false});
    REQUIRE(fonts.warnings().size() == 1);
    CHECK(fonts.warnings()[0].find("No Such Family 4711") != std::string::npos);
}
