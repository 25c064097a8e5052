// Line-break opportunities of Unicode text (UAX #14, through libunibreak):
// where a line may end, not where it should (that is the layout's
// Knuth-Plass breaker, layout/linebreak.hpp).
//
// Thread safety: may be called from several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chronik::text {

// What UAX #14 allows after one byte of UTF-8 text.
enum class Break : char {
    mandatory = 0,        // a line must end here (after a line or paragraph separator)
    allowed = 1,          // a line may end here: after a space, "–", "/", "E-" in "E-Mail"
    none = 2,             // a line may not end here
    inside_character = 3, // not the last byte of a character
};

// One entry per byte of `utf8`: the opportunity after that byte.
// `language` is a BCP 47 tag ("de", "en-GB"); it tailors a few rules.
std::vector<Break> break_opportunities(std::string_view utf8, const std::string& language);

} // namespace chronik::text
