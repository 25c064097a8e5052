#include "font_face.hpp"

#include "support/utf8.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace chronik::text {

namespace {

// FreeType library handle, one per process: creating one per face is
// costly. FreeType allows one FT_Library across threads "as long as a mutex
// lock is used around FT_New_Face and FT_Done_Face" (API reference,
// FT_Library); faces live only inside FontFace's constructor, under it.
FT_Library freetype() {
    static FT_Library lib = [] {
        FT_Library l = nullptr;
        if (FT_Init_FreeType(&l) != 0)
            throw std::runtime_error("cannot initialise FreeType");
        return l;
    }();
    return lib;
}

std::mutex& face_lifecycle() {
    static std::mutex m;
    return m;
}

// An FT_Face for the duration of the constructor.
struct OpenFace {
    FT_Face face = nullptr;
    explicit OpenFace(const std::string& path) {
        const std::lock_guard lock(face_lifecycle());
        if (FT_New_Face(freetype(), path.c_str(), 0, &face) != 0)
            throw std::runtime_error("cannot open font file " + path);
    }
    ~OpenFace() {
        const std::lock_guard lock(face_lifecycle());
        FT_Done_Face(face);
    }
    OpenFace(const OpenFace&) = delete;
    OpenFace& operator=(const OpenFace&) = delete;
};

} // namespace

FontFace::FontFace(const std::string& path) : path_(path) {
    const OpenFace open(path);
    FT_Face f = open.face;
    family_ = f->family_name ? f->family_name : "";
    style_name_ = f->style_name ? f->style_name : "";
    bold_ = (f->style_flags & FT_STYLE_FLAG_BOLD) != 0;
    italic_ = (f->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
    upem_ = f->units_per_EM ? f->units_per_EM : 1000;
    FT_ULong len = 0;
    truetype_ = FT_Load_Sfnt_Table(f, FT_MAKE_TAG('g', 'l', 'y', 'f'), 0, nullptr, &len) == 0;
    // 1/1000 em, truncated toward zero, as the PDF writer computes them.
    auto milli = [&](long units) { return static_cast<int>(units * 1000 / upem_); };
    ascender_units_ = f->ascender;
    descender_units_ = f->descender;
    ascender_ = milli(f->ascender);
    descender_ = milli(f->descender);
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2));
    if (os2 && os2->sCapHeight) {
        cap_height_units_ = os2->sCapHeight;
        cap_height_ = milli(os2->sCapHeight);
    } else {
        cap_height_units_ = ascender_units_ * 7 / 10;
        cap_height_ = ascender_ * 7 / 10;
    }

    // Every advance at once ('hmtx' is read without loading outlines); a
    // glyph whose advance FreeType cannot give counts as missing.
    const auto glyphs = static_cast<FT_UInt>(std::max<FT_Long>(f->num_glyphs, 0));
    std::vector<FT_Fixed> advances(glyphs, -1);
    if (glyphs > 0 && FT_Get_Advances(f, 0, glyphs, FT_LOAD_NO_SCALE, advances.data()) != 0)
        for (FT_UInt g = 0; g < glyphs; ++g)
            if (FT_Get_Advance(f, g, FT_LOAD_NO_SCALE, &advances[g]) != 0)
                advances[g] = -1;
    bmp_pages_.fill(-1);
    FT_UInt g = 0;
    for (FT_ULong cp = FT_Get_First_Char(f, &g); g != 0; cp = FT_Get_Next_Char(f, cp, &g)) {
        if (g >= glyphs || advances[g] < 0 || cp > 0x10FFFF)
            continue;
        const auto units = static_cast<unsigned long>(advances[g]);
        const Metric m{static_cast<std::uint16_t>(std::min<unsigned long>(units, 0xFFFF)),
                       static_cast<std::int16_t>(std::min<unsigned long>(
                           units * 1000 / static_cast<unsigned long>(upem_), 0x7FFF))};
        if (cp < 0x10000) {
            auto& page = bmp_pages_[cp >> 8];
            if (page < 0) {
                page = static_cast<std::int32_t>(bmp_.size());
                bmp_.resize(bmp_.size() + 256);
            }
            bmp_[static_cast<std::size_t>(page) + (cp & 0xFF)] = m;
        } else {
            astral_.emplace_back(static_cast<char32_t>(cp), m);
        }
    }
    std::sort(astral_.begin(), astral_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
}

FontFace::Metric FontFace::astral(char32_t cp) const {
    const auto it = std::lower_bound(astral_.begin(), astral_.end(), cp,
                                     [](const auto& e, char32_t c) { return e.first < c; });
    return it != astral_.end() && it->first == cp ? it->second : Metric{};
}

Length FontFace::width(std::string_view s, Length size) const {
    Length units = 0;
    for (std::size_t i = 0; i < s.size();)
        units += advance(utf8::next(s, i));
    return units * size / 1000;
}

} // namespace chronik::text
