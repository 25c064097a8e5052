// Embedded fonts: the obfuscation of ECMA-376 Part 1 17.8.1, the key, the
// licence bits, the characters kept, and the parts a render writes (read
// back through the key in fontTable.xml, the font checked with FreeType via
// the text stage).
#include "docx_support.hpp"
#include "helpers.hpp"

#include "render/docx/docx_fonts.hpp"
#include "style/style_reader.hpp"
#include "text/font_program.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

using namespace chronik;
using namespace chronik::test::docx;
using chronik::render::docx::Embedding;
namespace docx = chronik::render::docx;

TEST_CASE("fonts: obfuscation XORs the first 32 bytes with the key read backwards") {
    const std::string key = "{00112233-4455-6677-8899-AABBCCDDEEFF}";
    const std::string plain(40, '\0');
    const std::string hidden = docx::obfuscate(plain, key);
    // Byte i takes the key's 16 bytes from the GUID string's end: FF EE .. 00.
    CHECK(static_cast<unsigned char>(hidden[0]) == 0xFF);
    CHECK(static_cast<unsigned char>(hidden[1]) == 0xEE);
    CHECK(static_cast<unsigned char>(hidden[15]) == 0x00);
    CHECK(static_cast<unsigned char>(hidden[16]) == 0xFF);
    CHECK(static_cast<unsigned char>(hidden[31]) == 0x00);
    CHECK(hidden.substr(32) == plain.substr(32)); // the rest as it was
    CHECK(docx::obfuscate(hidden, key) == plain); // its own inverse
    CHECK_THROWS_AS(docx::obfuscate(plain, "{0011}"), std::logic_error);
}

TEST_CASE("fonts: the key is a version 5 GUID of the program, the same for the same bytes") {
    const std::string a = docx::font_key("font program A");
    CHECK(
        std::regex_match(a, std::regex("\\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-"
                                       "[0-9A-F]{12}\\}")));
    CHECK(docx::font_key("font program A") == a);
    CHECK(docx::font_key("font program B") != a);
}

TEST_CASE("fonts: OS/2 fsType decides what is embedded") {
    CHECK(docx::embedding_allowed(0x0000) == Embedding::subset);    // installable
    CHECK(docx::embedding_allowed(0x0002) == Embedding::forbidden); // restricted licence
    CHECK(docx::embedding_allowed(0x0004) == Embedding::subset);    // preview & print
    CHECK(docx::embedding_allowed(0x0008) == Embedding::subset);    // editable
    CHECK(docx::embedding_allowed(0x000A) == Embedding::subset);    // least restrictive holds
    CHECK(docx::embedding_allowed(0x0108) == Embedding::whole);     // no subsetting
    CHECK(docx::embedding_allowed(0x0102) == Embedding::forbidden);
    CHECK(docx::embedding_allowed(0x0200) == Embedding::forbidden); // bitmaps only
}

TEST_CASE("fonts: the characters kept are the text's, printable ASCII, Latin-1 and typed quotes") {
    const std::string part = "<w:t>Ωmega ‹x›</w:t>";
    const auto keep = docx::characters_to_keep({part});
    CHECK(std::is_sorted(keep.begin(), keep.end()));
    auto has = [&](char32_t c) { return std::binary_search(keep.begin(), keep.end(), c); };
    CHECK(has(U'Ω'));
    CHECK(has(U'‹'));
    CHECK(has(U' '));
    CHECK(has(U'~'));
    CHECK(has(U'ß'));
    CHECK(has(U'„'));
    CHECK(has(U'–'));
    CHECK(!has(U'\n'));
    CHECK(!has(U'Ж')); // not in the text
}

TEST_CASE("fonts: a render embeds the four Charis SIL faces, obfuscated, as fontTable.xml says") {
    const auto style = style::default_style();
    Diagnostics diags;
    const auto zip = test::docx::render(
        compose_file(test::source_dir / "tests/cases/rich/input.xml", style), style, &diags);
    auto p = parts(zip);
    const Xml table(p.at("word/fontTable.xml"));
    const Xml rels(p.at("word/_rels/fontTable.xml.rels"));
    const Xml types(p.at("[Content_Types].xml"));
    bool odttf = false;
    for (const auto* d : types.all("Default"))
        odttf = odttf || (attr(d, "Extension") == "odttf" &&
                          attr(d, "ContentType") ==
                              "application/vnd.openxmlformats-officedocument.obfuscatedFont");
    CHECK(odttf);

    const tinyxml2::XMLElement* charis = nullptr;
    for (const auto* f : table.all("w:font"))
        if (attr(f, "w:name") == "Charis SIL")
            charis = f;
    REQUIRE(charis);
    CHECK(attr(charis->FirstChildElement("w:panose1"), "w:val").size() == 20);
    CHECK(attr(charis->FirstChildElement("w:family"), "w:val") == "roman");
    CHECK(attr(charis->FirstChildElement("w:pitch"), "w:val") == "variable");
    CHECK(charis->FirstChildElement("w:sig") != nullptr);
    CHECK(attr(charis->FirstChildElement("w:altName"), "w:val") == "Georgia");
    int faces = 0;
    for (const char* embed :
         {"w:embedRegular", "w:embedBold", "w:embedItalic", "w:embedBoldItalic"}) {
        CAPTURE(embed);
        const auto* e = charis->FirstChildElement(embed);
        REQUIRE(e);
        CHECK(attr(e, "w:subsetted") == "1");
        std::string target;
        for (const auto* r : rels.all("Relationship"))
            if (attr(r, "Id") == attr(e, "r:id")) {
                CHECK(attr(r, "Type") ==
                      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font");
                target = attr(r, "Target");
            }
        REQUIRE(p.count("word/" + target) == 1);
        const std::string font = docx::obfuscate(p.at("word/" + target), attr(e, "w:fontKey"));
        CHECK(font.compare(0, 4, std::string("\0\1\0\0", 4)) == 0); // a TrueType file again
        CHECK(docx::font_key(font) == attr(e, "w:fontKey"));        // the key is its own
        const auto facts = text::font_program_facts(font, target, {U'A', U'Ж'});
        CHECK(facts.postscript_name.starts_with("CharisSIL"));
        CHECK(facts.bold == (std::string(embed).find("Bold") != std::string::npos));
        CHECK(facts.italic == (std::string(embed).find("Italic") != std::string::npos));
        CHECK(facts.glyphs[0] != 0); // printable ASCII kept
        CHECK(facts.glyphs[1] == 0); // a character the text does not use: not kept
        ++faces;
    }
    CHECK(faces == 4);
    for (const auto& d : diags.items())
        CHECK(d.message.find("not embedded") == std::string::npos);

    const Xml settings(p.at("word/settings.xml"));
    CHECK(settings.first("w:embedTrueTypeFonts") != nullptr);
    CHECK(settings.first("w:saveSubsetFonts") != nullptr);
}
