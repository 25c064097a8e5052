// Fonts for layout: found by family through fontconfig, measured with
// FreeType. Widths are given exactly as libharu writes them into the PDF's
// /W array (advance * 1000 / units-per-em, truncated), so what the layout
// measures is what a viewer draws.
#pragma once

#include "style/style.hpp"
#include "units.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace chronik::layout {

class FontFace {
public:
    explicit FontFace(const std::string& path); // throws std::runtime_error
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    const std::string& path() const { return path_; }
    const std::string& family() const { return family_; }
    bool is_truetype() const { return truetype_; }

    bool has_glyph(char32_t cp) const;
    // Advance width in 1/1000 em (as in the PDF), 0 for a missing glyph.
    int advance(char32_t cp) const;
    // Width of UTF-8 text at `size`.
    Length width(std::string_view utf8, Length size) const;
    // Kerning between two characters in 1/1000 em (legacy 'kern' table).
    int kerning(char32_t left, char32_t right) const;
    int ascender() const { return ascender_; }   // 1/1000 em
    int descender() const { return descender_; } // 1/1000 em, negative
    int cap_height() const { return cap_height_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
    std::string family_;
    bool truetype_ = false;
    int ascender_ = 800, descender_ = -200, cap_height_ = 700;
    std::vector<int> ascii_; // advances of U+0000..U+00FF, -1 = missing
    mutable std::unordered_map<char32_t, int> cache_;
};

// Loads fontconfig's configuration, once per process (FontSet does it too;
// a caller may do it ahead, on another thread). Throws if it cannot.
void load_font_configuration();

// The file FontSet chooses for `font` ("" if none), without loading it:
// for loading fonts ahead elsewhere. Needs the configuration loaded.
std::string font_file(const style::Font& font);

// The faces a document uses, each loaded once. Index = face id.
class FontSet {
public:
    FontSet();
    ~FontSet();
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    // The face for a style's font; finds a fallback when the family is not
    // installed and records a warning naming both. Throws when no TrueType
    // font can be found at all.
    int face(const style::Font& font);
    const FontFace& at(int id) const { return *faces_.at(static_cast<std::size_t>(id)); }
    std::size_t size() const { return faces_.size(); }
    const std::vector<std::string>& warnings() const { return warnings_; }

    // While `log` is set, every request to face() is appended to it with
    // its answer (see galley.cpp: paragraphs set on another thread).
    void record(std::vector<std::pair<style::Font, int>>* log) { log_ = log; }

private:
    int lookup(const style::Font& font);

    style::Font last_font_;
    int last_ = -1;
    std::vector<std::unique_ptr<FontFace>> faces_;
    std::unordered_map<std::string, int> by_request_;
    std::unordered_map<std::string, int> by_path_;
    std::vector<std::string> warnings_;
    std::vector<std::pair<style::Font, int>>* log_ = nullptr;
};

} // namespace chronik::layout
