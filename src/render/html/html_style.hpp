// The page's one <style>, made from the style sheet: each role's colour,
// font (a CSS string, with web fallbacks), size, leading and spacing, then
// the layout (the timeline rail, the one-liners' date column, the measure)
// and the media rules: dark colour scheme, reduced motion, print.
//
// Units: the sheet's points become rem, the body at 1.0625rem (17 px in a
// browser's default 16 px) and every other role in the sheet's proportion
// to the body, so the page reads like the PDF, a little larger for a screen.
#pragma once

#include "style/style.hpp"

#include <string>
#include <string_view>

namespace chronik::render::html {

// `family` as a CSS string ("Charis SIL"), escaped so that no name can end
// the string, the declaration or the <style> element ("x</style>" stays
// inside), followed by generic fallbacks chosen from the name.
std::string font_stack(std::string_view family);
// The CSS of the page: ASCII only, no "</" anywhere (checked).
std::string css(const style::Style& style);

} // namespace chronik::render::html
