// The TrueType subsets that the PDF and the DOCX embed (text/truetype_subset),
// read back with FreeType, an independent reader: glyph ids kept, the glyphs
// shown with their outlines and advances, the rest empty; what a word
// processor needs besides (Extras); damaged fonts refused.
#include "helpers.hpp"
#include "text/font_program.hpp"
#include "text/font_set.hpp"
#include "text/truetype_subset.hpp"

#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_TABLES_H

#include <map>
#include <set>
#include <stdexcept>

using namespace chronik;
using namespace chronik::text;

namespace {

std::string charis_path() {
    FontSet fonts;
    return fonts.at(fonts.face(style::Font{"Charis SIL", false, false})).path();
}

struct Library {
    FT_Library lib = nullptr;
    Library() { REQUIRE(FT_Init_FreeType(&lib) == 0); }
    ~Library() { FT_Done_FreeType(lib); }
};

struct Face {
    FT_Face face = nullptr;
    // `bytes` must outlive the face.
    Face(const Library& l, const std::string& bytes) {
        REQUIRE(FT_New_Memory_Face(l.lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                                   static_cast<FT_Long>(bytes.size()), 0, &face) == 0);
    }
    ~Face() { FT_Done_Face(face); }
};

std::uint32_t sum32(const std::string& b) {
    std::uint32_t s = 0;
    for (std::size_t i = 0; i < b.size(); i += 4) {
        std::uint32_t w = 0;
        for (std::size_t k = 0; k < 4; ++k)
            w = w << 8 | (i + k < b.size() ? static_cast<unsigned char>(b[i + k]) : 0u);
        s += w;
    }
    return s;
}

// The tags of a font's table directory.
std::set<std::string> tables(const std::string& font) {
    auto u16 = [&](std::size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(font.at(at)) << 8 |
                                     static_cast<unsigned char>(font.at(at + 1)));
    };
    std::set<std::string> out;
    for (std::size_t i = 0; i < u16(4); ++i)
        out.insert(font.substr(12 + i * 16, 4));
    return out;
}

// The Windows name ids a face has.
std::set<unsigned> name_ids(FT_Face face) {
    std::set<unsigned> out;
    for (FT_UInt i = 0; i < FT_Get_Sfnt_Name_Count(face); ++i) {
        FT_SfntName n;
        if (FT_Get_Sfnt_Name(face, i, &n) == 0 && n.platform_id == 3)
            out.insert(n.name_id);
    }
    return out;
}

std::vector<truetype::Mapping> mappings(FT_Face face, const std::u32string& text) {
    std::map<std::uint16_t, std::uint16_t> m;
    for (char32_t c : text)
        m[static_cast<std::uint16_t>(c)] = static_cast<std::uint16_t>(FT_Get_Char_Index(face, c));
    std::vector<truetype::Mapping> out;
    for (const auto& [code, gid] : m)
        out.push_back({code, gid});
    return out;
}

} // namespace

TEST_CASE("truetype subset: FreeType reads it, with the glyphs shown under the same ids") {
    const std::string file = test::read_file(charis_path());
    Library lib;
    Face original(lib, file);
    const std::u32string shown = U"Größe „Beste“ – enaio® Ä 1994";
    const auto sub = truetype::subset(file, mappings(original.face, shown));
    CHECK(sub.size() < file.size() / 10);
    CHECK(sum32(sub) == 0xB1B0AFBAu); // checkSumAdjustment makes the whole font sum right
    Face face(lib, sub);
    CHECK(face.face->num_glyphs == original.face->num_glyphs); // ids kept
    for (char32_t c : shown) {
        CAPTURE(static_cast<unsigned>(c));
        const FT_UInt gid = FT_Get_Char_Index(face.face, c);
        CHECK(gid == FT_Get_Char_Index(original.face, c));
        REQUIRE(FT_Load_Glyph(face.face, gid, FT_LOAD_NO_SCALE) == 0);
        REQUIRE(FT_Load_Glyph(original.face, gid, FT_LOAD_NO_SCALE) == 0);
        const auto points = original.face->glyph->outline.n_points;
        const auto advance = original.face->glyph->metrics.horiAdvance;
        REQUIRE(FT_Load_Glyph(face.face, gid, FT_LOAD_NO_SCALE) == 0);
        // Composite glyphs (Ä, ö) keep the glyphs they are made of.
        CHECK(face.face->glyph->outline.n_points == points);
        CHECK(face.face->glyph->metrics.horiAdvance == advance);
    }
    CHECK(FT_Get_Char_Index(face.face, U'Q') == 0); // not shown: not mapped
    REQUIRE(FT_Load_Glyph(face.face, FT_Get_Char_Index(original.face, U'Q'), FT_LOAD_NO_SCALE) ==
            0);
    CHECK(face.face->glyph->outline.n_points == 0); // and no outline
    const auto* post =
        static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face.face, FT_SFNT_POST));
    REQUIRE(post);
    CHECK(post->FormatType == 0x00030000); // no glyph names
    CHECK(std::string(face.face->family_name) == "Charis SIL");
    CHECK(std::string(FT_Get_Postscript_Name(face.face)) == "CharisSIL");
}

TEST_CASE("truetype subset: thousands of scattered characters still make a valid font") {
    // More runs than one cmap subtable can hold (8,189): the first ones are kept.
    const std::string file = test::read_file(charis_path());
    std::vector<truetype::Mapping> many;
    for (std::uint16_t k = 0; k < 9000; ++k)
        many.push_back({static_cast<std::uint16_t>(0x4E00 + 2 * k),
                        static_cast<std::uint16_t>(1 + k * 7 % 3000)});
    const auto sub = truetype::subset(file, many);
    CHECK(sum32(sub) == 0xB1B0AFBAu);
    // The format 4 subtable's own length field matches the table.
    auto u16 = [&](std::size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(sub[at]) << 8 |
                                     static_cast<unsigned char>(sub[at + 1]));
    };
    auto u32 = [&](std::size_t at) { return u16(at) << 16 | u16(at + 2); };
    std::size_t cmap_at = 0, cmap_length = 0;
    for (std::size_t i = 0; i < u16(4); ++i)
        if (sub.compare(12 + i * 16, 4, "cmap") == 0) {
            cmap_at = u32(12 + i * 16 + 8);
            cmap_length = u32(12 + i * 16 + 12);
        }
    REQUIRE(cmap_at > 0);
    CHECK(u16(cmap_at + 12) == 4);
    CHECK(u16(cmap_at + 14) == cmap_length - 12);
    Library lib;
    Face face(lib, sub);
    CHECK(FT_Get_Char_Index(face.face, 0x4E00) == 1);
    CHECK(FT_Get_Char_Index(face.face, 0x4E00 + 2 * 100) == 1 + 100 * 7 % 3000);
}

TEST_CASE("truetype subset: a damaged font is refused, not misread") {
    const std::string file = test::read_file(charis_path());
    CHECK_THROWS_AS(truetype::subset(file.substr(0, 8), {}), std::runtime_error);
    CHECK_THROWS_AS(truetype::subset(file.substr(0, file.size() / 2), {{65, 36}}),
                    std::runtime_error);
    CHECK_THROWS_AS(truetype::subset(std::string(4096, 'x'), {}), std::runtime_error);
    std::string cut = file;
    cut[12 + 4 + 8] = '\x7F'; // the first table's offset far beyond the file
    CHECK_THROWS_AS(truetype::subset(cut, {}), std::runtime_error);
}

TEST_CASE("truetype subset: for a word processor it keeps the names it finds faces by") {
    const std::string file = charis_path();
    const std::string bytes = test::read_file(file);
    Library lib;
    Face original(lib, bytes);
    const auto shown = mappings(original.face, U"AVATAR Tiefe Wasser");
    const auto pdf = truetype::subset(bytes, shown);
    const auto editor = truetype::subset(bytes, shown, {.typographic_names = true});
    CHECK(sum32(editor) == 0xB1B0AFBAu);
    CHECK(tables(editor) == tables(pdf));
    CHECK(tables(editor).count("GSUB") == 0); // its substitutes may be glyphs not kept
    CHECK(tables(editor).count("cmap") == 1);
    Face face(lib, editor);
    CHECK(face.face->num_glyphs == original.face->num_glyphs);
    CHECK(std::string(face.face->family_name) == "Charis SIL");
    CHECK(std::string(face.face->style_name) == "Regular");
    // Family, subfamily, full name, PostScript name: what Word and
    // LibreOffice match against the font table's w:name.
    const auto ids = name_ids(face.face);
    for (const unsigned id : {1u, 2u, 4u, 6u})
        CHECK(ids.count(id) == 1);
    // Typographic names where the original has them (Charis SIL has none).
    const auto original_ids = name_ids(original.face);
    CHECK(ids.count(16) == original_ids.count(16));
    CHECK(ids.count(17) == original_ids.count(17));
    // A Windows Unicode BMP character map, for the characters shown only.
    bool windows_bmp = false;
    for (FT_Int i = 0; i < face.face->num_charmaps; ++i)
        windows_bmp = windows_bmp || (face.face->charmaps[i]->platform_id == 3 &&
                                      face.face->charmaps[i]->encoding_id == 1);
    CHECK(windows_bmp);
    CHECK(FT_Get_Char_Index(face.face, U'W') == FT_Get_Char_Index(original.face, U'W'));
    CHECK(FT_Get_Char_Index(face.face, U'Q') == 0);
}

TEST_CASE("font program facts: the OS/2 licence bits and classification, as FreeType reads them") {
    const std::string file = charis_path();
    const std::string bytes = test::read_file(file);
    Library lib;
    Face original(lib, bytes);
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(original.face, FT_SFNT_OS2));
    REQUIRE(os2);
    const FontProgramFacts facts = font_program_facts(bytes, file, {U'a'});
    CHECK(facts.has_os2);
    CHECK(facts.truetype);
    CHECK(facts.fs_type == os2->fsType);
    CHECK(facts.family_class == os2->sFamilyClass);
    for (std::size_t i = 0; i < 10; ++i)
        CHECK(facts.panose[i] == os2->panose[i]);
    CHECK(facts.panose[0] == 2); // Latin text
    CHECK(facts.unicode_range[0] == os2->ulUnicodeRange1);
    CHECK(facts.code_page_range[0] == os2->ulCodePageRange1);
    // Patched to "restricted licence embedding", FreeType reads that back.
    std::string restricted = bytes;
    auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 4; ++k)
            v = v << 8 | static_cast<unsigned char>(restricted.at(at + k));
        return v;
    };
    std::size_t os2_at = 0;
    for (std::size_t i = 0; i < 32; ++i)
        if (restricted.compare(12 + i * 16, 4, "OS/2") == 0)
            os2_at = u32(12 + i * 16 + 8);
    REQUIRE(os2_at > 0);
    restricted[os2_at + 8] = 0;
    restricted[os2_at + 9] = 2;
    CHECK(font_program_facts(restricted, file, {}).fs_type == 0x0002);
}
