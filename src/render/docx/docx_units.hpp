// Units of WordprocessingML and the conversions into them. The style sheet
// gives type in points and the page in millimetres; OOXML wants whole
// twentieths of a point (twips) for spacing and page geometry, half-points
// for type sizes and English Metric Units (EMU, 1/914400 in) for drawings.
// Every conversion rounds to the nearest whole unit, so no float ever
// reaches the XML. Numbers are formatted with std::to_chars (no locale).
#pragma once

#include "style/style.hpp"
#include "support/civil_time.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace chronik::render::docx {

inline constexpr std::int64_t emu_per_inch = 914400;
inline constexpr std::int64_t emu_per_pt = 12700;
inline constexpr std::int64_t twips_per_pt = 20;

std::int64_t twips_from_pt(double pt);
std::int64_t twips_from_mm(double mm);
std::int64_t half_points(double pt);
std::int64_t emu_from_twips(std::int64_t twips);
// A pixel at 96 dpi, the resolution Word assumes for images without one.
inline constexpr std::int64_t emu_per_px = emu_per_inch / 96;

std::string num(std::int64_t v);

// "A8432A": a colour as w:color wants it (ST_HexColorRGB).
std::string hex_rgb(const style::Color& c);

// "2023-11-14T22:13:20Z" for seconds since 1970 (UTC), as W3CDTF wants it.
std::string w3cdtf(std::int64_t epoch);

using chronik::civil_time;
using chronik::CivilTime;

// A BCP 47 tag as Word wants it in w:lang: a region is added to a bare
// language it knows ("de" -> "de-DE", "en" -> "en-US"); a tag with a region
// is kept as written, with the region upper-cased ("de-at" -> "de-AT").
std::string word_language(std::string_view tag);

} // namespace chronik::render::docx
