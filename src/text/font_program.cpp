#include "font_program.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <stdexcept>

namespace chronik::text {

namespace {

// One FreeType library and face for this call (FreeType objects are not
// shared between threads).
struct Face {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    Face(std::string_view bytes, const std::string& path) {
        if (FT_Init_FreeType(&lib) != 0)
            throw std::runtime_error("cannot start FreeType");
        if (FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                               static_cast<FT_Long>(bytes.size()), 0, &face) != 0) {
            FT_Done_FreeType(lib);
            throw std::runtime_error("cannot read font " + path);
        }
    }
    ~Face() {
        FT_Done_Face(face);
        FT_Done_FreeType(lib);
    }
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;
};

} // namespace

FontProgramFacts font_program_facts(std::string_view file, const std::string& path,
                                    const std::vector<char32_t>& codes) {
    const Face f(file, path);
    FT_Face face = f.face;
    FontProgramFacts facts;
    facts.glyphs.reserve(codes.size());
    for (const char32_t cp : codes)
        facts.glyphs.push_back(FT_Get_Char_Index(face, cp));
    // Font units to 1/1000 em, truncated as PDF widths are.
    const long upem = face->units_per_EM > 0 ? face->units_per_EM : 1000;
    auto em = [&](long units) { return static_cast<int>(units * 1000 / upem); };
    const char* ps = FT_Get_Postscript_Name(face);
    facts.postscript_name = ps ? ps : "Font";
    facts.ascent = em(face->ascender);
    facts.descent = em(face->descender);
    facts.bbox[0] = em(face->bbox.xMin);
    facts.bbox[1] = em(face->bbox.yMin);
    facts.bbox[2] = em(face->bbox.xMax);
    facts.bbox[3] = em(face->bbox.yMax);
    facts.cap_height = facts.ascent; // until OS/2 says better
    if (const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
        os2 && os2->version != 0xFFFF && os2->version >= 2) {
        facts.cap_height = em(os2->sCapHeight);
        facts.x_height = em(os2->sxHeight);
    }
    if (const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
        os2 && os2->version != 0xFFFF) {
        facts.has_os2 = true;
        facts.fs_type = os2->fsType;
        facts.family_class = os2->sFamilyClass;
        for (std::size_t i = 0; i < facts.panose.size(); ++i)
            facts.panose[i] = os2->panose[i];
        facts.unicode_range = {static_cast<std::uint32_t>(os2->ulUnicodeRange1),
                               static_cast<std::uint32_t>(os2->ulUnicodeRange2),
                               static_cast<std::uint32_t>(os2->ulUnicodeRange3),
                               static_cast<std::uint32_t>(os2->ulUnicodeRange4)};
        if (os2->version >= 1)
            facts.code_page_range = {static_cast<std::uint32_t>(os2->ulCodePageRange1),
                                     static_cast<std::uint32_t>(os2->ulCodePageRange2)};
    }
    FT_ULong glyf = 0;
    facts.truetype =
        FT_Load_Sfnt_Table(face, FT_MAKE_TAG('g', 'l', 'y', 'f'), 0, nullptr, &glyf) == 0;
    if (const auto* post = static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST)))
        facts.italic_angle = static_cast<double>(post->italicAngle) / 65536.0;
    facts.fixed_pitch = FT_IS_FIXED_WIDTH(face);
    facts.italic = face->style_flags & FT_STYLE_FLAG_ITALIC;
    facts.bold = face->style_flags & FT_STYLE_FLAG_BOLD;
    return facts;
}

} // namespace chronik::text
