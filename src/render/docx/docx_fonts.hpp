// The fonts a DOCX names and carries: word/fontTable.xml, the font programs
// embedded as Word embeds them (ECMA-376 Part 1, 17.8.1 "Font Embedding":
// obfuscated TrueType parts word/fonts/fontN.odttf, each with the key that
// unlocks it in w:fontKey), and their relationships.
//
// Each family of the style sheet that is installed is embedded with its
// four faces (regular, bold, italic, bold italic, as far as they exist), so
// that an editor without the font who makes a word bold still gets the real
// face; each face is subset to the characters of the document's text parts
// plus those an editor types most (docs/docx.md, "fonts"), glyph ids kept.
// The fonts' own licence bits (OS/2 fsType) decide: a face that forbids
// embedding is left out with a warning; one that forbids subsetting goes in
// whole.
#pragma once

#include "docx_context.hpp"
#include "support/diagnostics.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::render::docx {

// One embedded face: what w:embedRegular (or Bold, Italic, BoldItalic) says.
struct EmbeddedFace {
    std::string rel_id;     // in word/_rels/fontTable.xml.rels
    std::string key;        // w:fontKey, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}"
    bool subsetted = false; // not the whole font
};

// One w:font of fontTable.xml.
struct FontEntry {
    std::string name;     // as the style sheet names the family
    std::string alt_name; // a widespread face of the same kind; "" for none
    std::string panose;   // 20 hex digits from OS/2; "" when unknown
    std::string family;   // roman, swiss, modern, script, decorative
    bool fixed_pitch = false;
    // w:sig: OS/2 ulUnicodeRange1-4 and ulCodePageRange1-2; unknown when
    // the family is not installed.
    std::optional<std::array<std::uint32_t, 6>> signature;
    // regular, bold, italic, bold italic
    std::array<std::optional<EmbeddedFace>, 4> faces;
};

struct FontTable {
    std::vector<FontEntry> fonts;            // by name
    std::vector<Relationship> relationships; // to the embedded parts
};

// The font table for the style sheet's families. `text_parts`: the XML of
// every part whose text is shown (document, header, footer), scanned for
// the characters used. Adds the font parts to state.fonts; warns into
// `diagnostics` for each face whose licence forbids embedding.
FontTable embed_fonts(const Context& ctx, const std::vector<std::string_view>& text_parts,
                      State& state, Diagnostics& diagnostics);

std::string font_table_xml(const FontTable& table);
std::string font_table_relationships_xml(const FontTable& table);

// --- the pieces, for tests -------------------------------------------------

// What a face's OS/2 fsType allows (OpenType OS/2 table, fsType): bits 0-3
// are usage permissions of which the least restrictive holds; 0x0100 "no
// subsetting", 0x0200 "bitmap embedding only" (no outlines: not embedded).
enum class Embedding { forbidden, subset, whole };
Embedding embedding_allowed(std::uint16_t fs_type);

// The characters a subset keeps: every character of `text_parts` (their XML
// markup is ASCII, which is kept anyway), printable ASCII, Latin-1's
// letters and signs, and the punctuation Word's AutoCorrect types (dashes,
// quotes, ellipsis, euro sign); ascending, BMP only (a 'cmap' format 4).
std::vector<char32_t> characters_to_keep(const std::vector<std::string_view>& text_parts);

// A key derived from the font program's bytes (a name-based UUID, RFC 4122
// §4.3, version 5 with SHA-1), so that equal inputs give equal packages.
std::string font_key(std::string_view program);

// ECMA-376 Part 1, 17.8.1: the first 32 bytes XORed with the key's 16
// bytes, taken from the GUID string backwards. Its own inverse.
std::string obfuscate(std::string program, std::string_view key);

} // namespace chronik::render::docx
