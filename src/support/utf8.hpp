// UTF-8 helpers. The pipeline keeps all text as UTF-8 std::string; these are
// the few places that need to look at code points.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chronik::utf8 {

// Position of the first byte that is not part of well-formed UTF-8
// (overlongs, surrogates and code points above U+10FFFF count as ill-formed).
std::optional<std::size_t> first_invalid(std::string_view s);

// Decodes the code point at s[i] and advances i; s must be valid UTF-8.
char32_t next(std::string_view s, std::size_t& i);

void append(std::string& out, char32_t cp);

// Number of code points in s (s valid UTF-8).
std::size_t length(std::string_view s);

// 1-based line and column (in code points) of byte offset `pos`.
struct Position {
    int line = 1;
    int column = 1;
};
Position position_of(std::string_view text, std::size_t pos);

} // namespace chronik::utf8
