// word/theme/theme1.xml (ECMA-376 Part 1, 20.1.6 a:theme): the colours and
// fonts Word offers in its pickers and gives every style the document does
// not define (Heading 4, Quote, a table style an editor adds), taken from
// the style sheet: the heading role's family as the major (headings) font,
// the body's as the minor (text) font, the milestone date's colour, the
// accent of every design, as accent 1. styles.xml names the same slots
// (w:asciiTheme, w:themeColor), so a theme an editor picks in Word
// re-colours and re-sets the whole document consistently.
#pragma once

#include "style/style.hpp"

#include <array>
#include <string>

namespace chronik::render::docx {

struct Theme {
    std::string name;         // "chronik brochure"
    std::string major, minor; // font families: headings, text
    style::Color dk1, lt1, dk2, lt2;
    std::array<style::Color, 6> accents{};
    style::Color hlink, fol_hlink;
};

Theme make_theme(const style::Style& s);

// The w:themeColor value ("accent1", "text2", ...) of a colour that is one
// of the theme's, or nullptr.
const char* theme_color_name(const Theme& t, const style::Color& c);

// "RRGGBB", as WordprocessingML and DrawingML write colours.
std::string hex_color(const style::Color& c);

std::string theme_xml(const Theme& t);

} // namespace chronik::render::docx
