// UTF-8 helpers. The pipeline keeps all text as UTF-8 std::string; these are
// the few places that need to look at code points.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chronik::utf8 {

// What stands for a byte that is not part of well-formed UTF-8.
inline constexpr char32_t replacement = U'\uFFFD';

// Position of the first byte that is not part of well-formed UTF-8
// (overlongs, surrogates and code points above U+10FFFF count as ill-formed).
std::optional<std::size_t> first_invalid(std::string_view s);

// Decodes the code point at s[i] and advances i past it. Never reads or
// advances past the end: a byte that does not start a well-formed sequence
// (a stray continuation byte, a truncated or overlong sequence, a
// surrogate) decodes as `replacement` and advances by one byte, so every
// byte of ill-formed text is a character of its own. i must be < s.size().
char32_t next(std::string_view s, std::size_t& i);

void append(std::string& out, char32_t cp);

// UTF-16 code units of well-formed UTF-8 (surrogate pairs beyond U+FFFF),
// as PDF's text strings hold them.
std::u16string to_utf16(std::string_view s);

// Number of code points in s (s valid UTF-8).
std::size_t length(std::string_view s);

// A control character (general category Cc): U+0000-U+001F, U+007F-U+009F.
constexpr bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// Unicode's White_Space property (PropList.txt), controls included.
bool is_white_space(char32_t c);

// 1-based line and column (in code points) of byte offset `pos`. A line
// ends at LF, CR LF or a lone CR, as XML's end-of-line handling has it.
struct Position {
    int line = 1;
    int column = 1;
};
Position position_of(std::string_view text, std::size_t pos);

} // namespace chronik::utf8
