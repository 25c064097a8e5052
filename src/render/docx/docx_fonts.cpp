#include "docx_fonts.hpp"

#include "docx_parts.hpp"
#include "docx_xml.hpp"
#include "support/utf8.hpp"
#include "text/font_config.hpp"
#include "text/font_program.hpp"
#include "text/truetype_subset.hpp"

#include <Poco/SHA1Engine.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace chronik::render::docx {

namespace {

constexpr const char* font_reltype =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font";
constexpr const char* face_names[4] = {"regular", "bold", "italic", "bold italic"};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The generic family Word falls back on, from the family's name where the
// font is not installed (or its OS/2 table says nothing).
const char* family_by_name(std::string_view name) {
    const std::string l = lower(name);
    for (const char* mono : {"mono", "courier", "consol", "code"})
        if (l.find(mono) != std::string::npos)
            return "modern";
    for (const char* sans : {"sans", "grotesk", "arial", "helvetica", "carlito", "calibri",
                             "verdana", "frutiger", "gothic"})
        if (l.find(sans) != std::string::npos && l.find("serif") == std::string::npos)
            return "swiss";
    if (l.find("sans") != std::string::npos)
        return "swiss";
    return "roman";
}

// The generic family from the font's own classification: the IBM family
// class (OS/2 sFamilyClass, high byte) where it is set, else PANOSE's
// family kind and serif style (bFamilyType 2 = Latin text, bSerifStyle
// 11-13 = sans serif).
const char* family_of(const text::FontProgramFacts& f, std::string_view name) {
    if (f.fixed_pitch || (f.panose[0] == 2 && f.panose[3] == 9))
        return "modern";
    switch (f.family_class >> 8) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 7:
        return "roman";
    case 8:
        return "swiss";
    case 9:
        return "decorative"; // ornamentals
    case 10:
        return "script";
    case 12:
        return "decorative"; // symbolic
    default:
        break;
    }
    if (f.panose[0] == 3)
        return "script";
    if (f.panose[0] == 4 || f.panose[0] == 5)
        return "decorative";
    if (f.panose[0] == 2 && f.panose[1] >= 11 && f.panose[1] <= 13)
        return "swiss";
    return family_by_name(name);
}

// A face that Windows and macOS both have, of the same kind, that Word
// tries (w:altName) when it can use neither the installed nor the
// embedded font. Georgia for text serifs: like Charis (Charter) it has a
// large x-height and wide letters, closer in measure than Times.
const char* alternative(std::string_view family) {
    if (family == "modern")
        return "Courier New";
    if (family == "swiss")
        return "Arial";
    if (family == "roman")
        return "Georgia";
    return "";
}

std::string hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0xF];
    }
    return out;
}

std::string hex32(std::uint32_t v) {
    const unsigned char b[4] = {static_cast<unsigned char>(v >> 24),
                                static_cast<unsigned char>(v >> 16),
                                static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
    return hex(b, 4);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!in)
        throw std::runtime_error("cannot read font " + path);
    return s.str();
}

std::string hex_of_fs_type(std::uint16_t fs) {
    const unsigned char b[2] = {static_cast<unsigned char>(fs >> 8),
                                static_cast<unsigned char>(fs & 0xFF)};
    return "0x" + hex(b, 2);
}

} // namespace

Embedding embedding_allowed(std::uint16_t fs_type) {
    if (fs_type & 0x0200)
        return Embedding::forbidden; // bitmaps only: a TrueType part has outlines
    // Restricted licence, unless an (invalid) combination also sets a
    // less restrictive bit: preview & print (0x0004) or editable (0x0008).
    if ((fs_type & 0x000E) == 0x0002)
        return Embedding::forbidden;
    return fs_type & 0x0100 ? Embedding::whole : Embedding::subset;
}

std::vector<char32_t> characters_to_keep(const std::vector<std::string_view>& text_parts) {
    std::set<char32_t> keep;
    for (char32_t c = 0x20; c <= 0x7E; ++c)
        keep.insert(c);
    for (char32_t c = 0xA0; c <= 0xFF; ++c)
        keep.insert(c);
    for (const char32_t c : {U'\u2013', U'\u2014', U'\u2018', U'\u2019', U'\u201A', U'\u201C',
                             U'\u201D', U'\u201E', U'\u2026', U'\u20AC'})
        keep.insert(c);
    for (const auto part : text_parts)
        for (std::size_t i = 0; i < part.size();) {
            const char32_t c = utf8::next(part, i);
            if (!utf8::is_control(c) && c <= 0xFFFF && c != 0xFFFF)
                keep.insert(c);
        }
    return {keep.begin(), keep.end()};
}

std::string font_key(std::string_view program) {
    Poco::SHA1Engine sha1;
    const Poco::UUID id = Poco::UUIDGenerator::defaultGenerator().createFromName(
        Poco::UUID::oid(), std::string(program), sha1);
    std::string s = id.toString();
    for (auto& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return "{" + s + "}";
}

std::string obfuscate(std::string program, std::string_view key) {
    std::string digits;
    for (const char c : key)
        if (std::isxdigit(static_cast<unsigned char>(c)))
            digits += c;
    if (digits.size() != 32)
        throw std::logic_error("obfuscate: not a GUID: " + std::string(key));
    unsigned char bytes[16];
    for (std::size_t i = 0; i < 16; ++i)
        bytes[15 - i] = static_cast<unsigned char>(std::stoi(digits.substr(2 * i, 2), nullptr, 16));
    for (std::size_t i = 0; i < 32 && i < program.size(); ++i)
        program[i] = static_cast<char>(static_cast<unsigned char>(program[i]) ^ bytes[i % 16]);
    return program;
}

FontTable embed_fonts(const Context& ctx, const std::vector<std::string_view>& text_parts,
                      State& state, Diagnostics& diagnostics) {
    std::set<std::string> families;
    for (const auto& r : ctx.style.roles)
        families.insert(r.font.family);
    const std::vector<char32_t> codes = characters_to_keep(text_parts);
    bool configured = true;
    try {
        text::load_font_configuration();
    } catch (const std::exception&) {
        configured = false; // names only, as without the fonts
    }

    FontTable table;
    for (const auto& name : families) {
        FontEntry entry;
        entry.name = name;
        entry.family = family_by_name(name);
        std::set<std::string> embedded_files;
        for (std::size_t k = 0; k < 4 && configured; ++k) {
            const style::Font wanted{name, k == 1 || k == 3, k >= 2};
            const text::FontChoice choice = text::choose_font(wanted);
            if (choice.fallback || choice.file.empty() || embedded_files.count(choice.file))
                continue;
            // A font the text stage cannot read or cut is left out, not the
            // DOCX: the text still names it.
            auto not_embedded = [&](const std::string& why) {
                diagnostics.warning("", 0,
                                    "font '" + name + "' (" + face_names[k] +
                                        ") is not embedded in the DOCX: " + why);
            };
            std::string file;
            text::FontProgramFacts facts;
            try {
                file = read_file(choice.file);
                facts = text::font_program_facts(file, choice.file, codes);
            } catch (const std::runtime_error& err) {
                not_embedded(err.what());
                continue;
            }
            // fontconfig answers with the nearest face: one that is not
            // the face asked for stands in for nothing here.
            if (facts.bold != wanted.bold || facts.italic != wanted.italic)
                continue;
            embedded_files.insert(choice.file);
            if (k == 0 || !entry.signature) {
                if (facts.has_os2) {
                    entry.panose = hex(facts.panose.data(), facts.panose.size());
                    entry.signature = {facts.unicode_range[0],   facts.unicode_range[1],
                                       facts.unicode_range[2],   facts.unicode_range[3],
                                       facts.code_page_range[0], facts.code_page_range[1]};
                }
                entry.family = family_of(facts, name);
                entry.fixed_pitch = facts.fixed_pitch;
            }
            const Embedding allowed = embedding_allowed(facts.fs_type);
            if (allowed == Embedding::forbidden) {
                not_embedded("its licence forbids it (OS/2 fsType " +
                             hex_of_fs_type(facts.fs_type) + " in " + choice.file +
                             "); readers without the font substitute another");
                continue;
            }
            std::string program;
            bool subsetted = false;
            if (allowed == Embedding::subset && facts.truetype) {
                std::vector<text::truetype::Mapping> mapping;
                for (std::size_t i = 0; i < codes.size(); ++i)
                    if (const std::uint32_t gid = facts.glyphs.at(i); gid != 0 && gid <= 0xFFFF)
                        mapping.push_back({static_cast<std::uint16_t>(codes[i]),
                                           static_cast<std::uint16_t>(gid)});
                try {
                    program = text::truetype::subset(file, mapping, {.typographic_names = true});
                    subsetted = true;
                } catch (const std::runtime_error& err) {
                    not_embedded("cannot subset " + choice.file + ": " + err.what());
                    continue;
                }
            } else {
                program = file; // no subsetting allowed, or not TrueType outlines
            }
            const std::string key = font_key(program);
            const std::string part =
                "fonts/font" + std::to_string(state.fonts.size() + 1) + ".odttf";
            const std::string rel_id = "rId" + std::to_string(table.relationships.size() + 1);
            table.relationships.push_back({rel_id, font_reltype, part, false});
            state.fonts.push_back({part, choice.file, obfuscate(std::move(program), key)});
            entry.faces[k] = EmbeddedFace{rel_id, key, subsetted};
        }
        entry.alt_name = alternative(entry.family);
        if (lower(entry.alt_name) == lower(name))
            entry.alt_name.clear();
        table.fonts.push_back(std::move(entry));
    }
    return table;
}

std::string font_table_xml(const FontTable& table) {
    static constexpr const char* embed[4] = {"w:embedRegular", "w:embedBold", "w:embedItalic",
                                             "w:embedBoldItalic"};
    XmlWriter x;
    x.open("w:fonts", {{"xmlns:w", ns::w}, {"xmlns:r", ns::r}});
    for (const auto& f : table.fonts) {
        // Children in the order of CT_Font (ECMA-376 Part 1, 17.8.3.10).
        x.open("w:font", {{"w:name", f.name}});
        if (!f.alt_name.empty())
            x.leaf("w:altName", {{"w:val", f.alt_name}});
        if (!f.panose.empty())
            x.leaf("w:panose1", {{"w:val", f.panose}});
        x.leaf("w:charset", {{"w:val", "00"}});
        x.leaf("w:family", {{"w:val", f.family}});
        x.leaf("w:pitch", {{"w:val", f.fixed_pitch ? "fixed" : "variable"}});
        if (f.signature) {
            const auto& s = *f.signature;
            x.leaf("w:sig", {{"w:usb0", hex32(s[0])},
                             {"w:usb1", hex32(s[1])},
                             {"w:usb2", hex32(s[2])},
                             {"w:usb3", hex32(s[3])},
                             {"w:csb0", hex32(s[4])},
                             {"w:csb1", hex32(s[5])}});
        }
        for (std::size_t k = 0; k < 4; ++k)
            if (const auto& face = f.faces[k]) {
                x.open(embed[k], {{"r:id", face->rel_id}, {"w:fontKey", face->key}});
                if (face->subsetted)
                    x.attr("w:subsetted", "1");
                x.close();
            }
        x.close();
    }
    x.close();
    return std::string(x.bytes());
}

std::string font_table_relationships_xml(const FontTable& table) {
    return relationships_xml(table.relationships);
}

} // namespace chronik::render::docx
