// One font face, loaded from a file with FreeType and measured.
//
// Metrics come in two units: font units (units_per_em() to the em, as in
// the font's own tables), and 1/1000 em exactly as the PDF writer writes
// them into the PDF's /W array (advance * 1000 / units-per-em, truncated),
// so that what the layout measures is what a viewer draws.
//
// Immutable once constructed: the constructor reads every advance the
// font's character map reaches (a few thousand, a fraction of a
// millisecond) and releases the FreeType face, so every const member is
// safe to call from any number of threads at once, and a face may be
// shared between documents laid out side by side.
//
// Any outline format FreeType reads (TrueType, CFF) may be measured;
// is_truetype() tells whether the PDF can embed it.
#pragma once

#include "support/units.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chronik::text {

class FontFace {
public:
    explicit FontFace(const std::string& path); // throws std::runtime_error
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    const std::string& path() const { return path_; }
    const std::string& family() const { return family_; }
    // What the face is, as the font file says ("Bold Italic"; its style
    // flags): fontconfig reports the traits asked for where it would
    // synthesise them, which the PDF does not.
    const std::string& style_name() const { return style_name_; }
    bool bold() const { return bold_; }
    bool italic() const { return italic_; }
    // TrueType outlines ('glyf'), which the PDF writer can embed; false for CFF.
    bool is_truetype() const { return truetype_; }

    bool has_glyph(char32_t cp) const { return metric(cp).milli >= 0; }

    // --- 1/1000 em, as in the PDF -------------------------------------------
    // Advance width, 0 for a missing glyph.
    int advance(char32_t cp) const {
        const int m = metric(cp).milli;
        return m < 0 ? 0 : m;
    }
    // Width of UTF-8 text at `size`: the sum of advance(), scaled once.
    Length width(std::string_view utf8, Length size) const;
    int ascender() const { return ascender_; }   // positive
    int descender() const { return descender_; } // negative
    int cap_height() const { return cap_height_; }

    // --- font units --------------------------------------------------------
    int units_per_em() const { return upem_; }
    // Advance width, 0 for a missing glyph.
    int advance_units(char32_t cp) const { return metric(cp).units; }
    int ascender_units() const { return ascender_units_; }
    int descender_units() const { return descender_units_; }
    int cap_height_units() const { return cap_height_units_; }

private:
    struct Metric {
        std::uint16_t units = 0; // advance in font units ('hmtx' holds 16 bits)
        std::int16_t milli = -1; // advance in 1/1000 em; -1: no glyph
    };
    Metric metric(char32_t cp) const {
        if (cp < 0x10000) {
            const std::int32_t page = bmp_pages_[cp >> 8];
            return page < 0 ? Metric{} : bmp_[static_cast<std::size_t>(page) + (cp & 0xFF)];
        }
        return astral(cp);
    }
    Metric astral(char32_t cp) const;

    std::string path_;
    std::string family_;
    std::string style_name_;
    bool bold_ = false, italic_ = false;
    bool truetype_ = false;
    int upem_ = 1000;
    int ascender_ = 800, descender_ = -200, cap_height_ = 700;
    int ascender_units_ = 800, descender_units_ = -200, cap_height_units_ = 700;
    // The Basic Multilingual Plane in pages of 256 code points: the start
    // of each page in bmp_, -1 for a page without glyphs.
    std::array<std::int32_t, 256> bmp_pages_{};
    std::vector<Metric> bmp_;
    std::vector<std::pair<char32_t, Metric>> astral_; // above U+FFFF, sorted
};

} // namespace chronik::text
