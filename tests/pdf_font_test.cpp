// The fonts chronik embeds in PDFs: its own TrueType subsets (checked with
// FreeType, an independent reader), its faster cmap lookup for libharu, and
// stream compression that does not depend on the number of threads.
#include "helpers.hpp"
#include "text/font_set.hpp"
#include "render/pdf/stream_compression.hpp"
#include "render/pdf/truetype_subset.hpp"

#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hpdf.h>
#include <hpdf_fontdef.h>

#include <dlfcn.h>

#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>

using namespace chronik;
using namespace chronik::render::pdf;
namespace fs = std::filesystem;

namespace {

std::string charis_path(const char* style = "Regular") {
    text::FontSet fonts;
    return fonts.at(fonts.face(style::Font{"Charis SIL", std::string(style) == "Bold",
                                           std::string(style) == "Italic"}))
        .path();
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
    REQUIRE(FT_Load_Glyph(face.face, FT_Get_Char_Index(original.face, U'Q'), FT_LOAD_NO_SCALE) == 0);
    CHECK(face.face->glyph->outline.n_points == 0); // and no outline
    const auto* post = static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face.face, FT_SFNT_POST));
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
    CHECK_THROWS_AS(truetype::subset(file.substr(0, file.size() / 2), {{65, 36}}), std::runtime_error);
    CHECK_THROWS_AS(truetype::subset(std::string(4096, 'x'), {}), std::runtime_error);
    std::string cut = file;
    cut[12 + 4 + 8] = '\x7F'; // the first table's offset far beyond the file
    CHECK_THROWS_AS(truetype::subset(cut, {}), std::runtime_error);
}

TEST_CASE("libharu glyph lookup: the faster one is in use and agrees with FreeType everywhere") {
    // chronik's definition (hpdf_document.cpp) is the one the process uses.
    void* used = dlsym(RTLD_DEFAULT, "HPDF_TTFontDef_GetGlyphid");
    Dl_info info{};
    REQUIRE(used);
    REQUIRE(dladdr(used, &info));
    CHECK(std::string(info.dli_fname).find("libhpdf") == std::string::npos);
    for (const char* style : {"Regular", "Bold", "Italic"}) {
        const std::string path = charis_path(style);
        HPDF_Doc doc = HPDF_New(nullptr, nullptr);
        REQUIRE(doc);
        const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_FALSE);
        REQUIRE(name);
        HPDF_FontDef def = HPDF_GetFontDef(doc, name);
        Library lib;
        const std::string bytes = test::read_file(path); // FreeType reads it in place
        Face face(lib, bytes);
        int differ = 0, mapped = 0;
        for (std::uint32_t cp = 0; cp < 0xFFFF; ++cp) { // in order, as libharu asks
            const FT_UInt expected = FT_Get_Char_Index(face.face, cp);
            mapped += expected != 0;
            differ += HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp)) != expected;
        }
        for (std::uint32_t k = 0; k < 0xFFFF; ++k) { // and out of order
            const std::uint32_t cp = k * 7919u % 0xFFFFu;
            differ += HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp)) !=
                      FT_Get_Char_Index(face.face, cp);
        }
        HPDF_Free(doc);
        CAPTURE(path);
        CHECK(mapped > 2000);
        CHECK(differ == 0);
    }
}

TEST_CASE("stream compression: the same bytes whatever the number of threads") {
    auto make = [](unsigned threads) {
        HPDF_Doc doc = HPDF_New(nullptr, nullptr);
        REQUIRE(doc);
        HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
        for (int p = 0; p < 7; ++p) {
            HPDF_Page page = HPDF_AddPage(doc);
            for (int i = 0; i < 200 * (p + 1); ++i) {
                HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(i % 500), static_cast<HPDF_REAL>(p * 10 + i % 7));
                HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(i % 300), static_cast<HPDF_REAL>(i % 800));
                HPDF_Page_Stroke(page);
            }
        }
        StreamCompression compression(threads);
        compression.take(doc);
        REQUIRE(compression.finish());
        REQUIRE(HPDF_SaveToStream(doc) == HPDF_OK);
        std::string bytes(HPDF_GetStreamSize(doc), '\0');
        HPDF_UINT32 n = static_cast<HPDF_UINT32>(bytes.size());
        REQUIRE(HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &n) == HPDF_OK);
        HPDF_Free(doc);
        return bytes;
    };
    const std::string one = make(1);
    CHECK(one.find("/Filter /FlateDecode") != std::string::npos);
    CHECK(make(3) == one);
    test::require_tool("qpdf", "qpdf");
    test::require_tool("pdftoppm", "poppler-utils");
    test::TempDir dir;
    test::write_file(dir / "lines.pdf", one);
    CHECK(std::system(("qpdf --check '" + (dir / "lines.pdf").string() + "' >/dev/null").c_str()) == 0);
    // pdftoppm draws the lines: the streams decompress.
    CHECK(std::system(("pdftoppm -r 10 -f 7 -l 7 '" + (dir / "lines.pdf").string() + "' '" +
                       (dir / "p").string() + "' 2>&1 | grep -q . && exit 1 || exit 0").c_str()) == 0);
}

TEST_CASE("pdf: the sample's fonts are small subsets, and every glyph shown is in them") {
    test::require_tool("qpdf", "qpdf");
    test::TempDir dir;
    const auto run = test::run_chronik({"render", (test::source_dir / "data/lecos-chronik.xml").string(),
                                        "-f", "pdf", "-o", dir.path().string()},
                                       fs::current_path(), "SOURCE_DATE_EPOCH=1700000000");
    REQUIRE(run.status == 0);
    const fs::path qdf = dir / "qdf.pdf";
    REQUIRE(std::system(("qpdf --qdf --object-streams=disable '" + (dir / "lecos-chronik.pdf").string() +
                         "' '" + qdf.string() + "'").c_str()) == 0);
    const std::string pdf = test::read_file(qdf);
    // Objects of the QDF file: "N 0 obj\n<< ... >>\n[stream\n...\nendstream]".
    auto object = [&](const std::string& id) {
        const auto at = pdf.find("\n" + id + " 0 obj\n");
        REQUIRE(at != std::string::npos);
        const auto end = pdf.find("\nendobj", at);
        return pdf.substr(at, end - at);
    };
    auto ref = [](const std::string& dict, const std::string& key) {
        const auto at = dict.find(key + " ");
        REQUIRE(at != std::string::npos);
        const auto from = at + key.size() + 1;
        return dict.substr(from, dict.find(' ', from) - from);
    };
    auto data = [&](const std::string& obj) {
        const auto at = obj.find("stream\n");
        REQUIRE(at != std::string::npos);
        const auto end = obj.rfind("\nendstream");
        return obj.substr(at + 7, end - at - 7);
    };
    Library lib;
    int fonts = 0;
    for (auto at = pdf.find("/Subtype /CIDFontType2"); at != std::string::npos;
         at = pdf.find("/Subtype /CIDFontType2", at + 1)) {
        const auto start = pdf.rfind(" 0 obj\n", at);
        const auto id = pdf.substr(pdf.rfind('\n', start - 1) + 1, start - pdf.rfind('\n', start - 1) - 1);
        const std::string cid_font = object(id);
        const std::string descriptor = object(ref(cid_font, "/FontDescriptor"));
        CHECK(descriptor.find("/CapHeight ") != std::string::npos);
        const std::string program = data(object(ref(descriptor, "/FontFile2")));
        const std::string map = data(object(ref(cid_font, "/CIDToGIDMap")));
        CAPTURE(descriptor.substr(0, 200));
        CHECK(program.size() < 70000); // libharu's own subset: 130 KB a face
        Face face(lib, program);
        int glyphs = 0;
        for (std::size_t cid = 0; cid * 2 + 1 < map.size(); ++cid) {
            const unsigned gid = static_cast<unsigned char>(map[cid * 2]) << 8 |
                                 static_cast<unsigned char>(map[cid * 2 + 1]);
            if (gid == 0)
                continue;
            CAPTURE(cid);
            ++glyphs;
            CHECK(FT_Get_Char_Index(face.face, cid) == gid);
            REQUIRE(FT_Load_Glyph(face.face, gid, FT_LOAD_NO_SCALE) == 0);
            if (cid != 0x20 && cid != 0xA0)
                CHECK(face.face->glyph->outline.n_points > 0);
        }
        CHECK(glyphs > 10);
        ++fonts;
    }
    CHECK(fonts >= 3);
}
