// JSON text (RFC 8259) for the timeline: a value is a string, an array or an
// object whose keys keep the order they were added in, so the same document
// gives the same bytes. Strings are escaped to be safe also inside an HTML
// <script> element, where pages often paste a timeline's data.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace chronik::render::timeline {

struct JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::vector<std::pair<std::string, JsonValue>>;

struct JsonValue {
    std::variant<std::string, JsonArray, JsonObject> value;
};

// `text` as a JSON string literal, quotes included: '"' and '\' escaped,
// control characters as \u00XX (\n, \t ... by their short names), "</" as
// "<\/" (no "</script>" can end a script element early), U+2028 and U+2029
// escaped (JavaScript before ES2019 ends a line there); other characters as
// UTF-8. A byte that is not part of well-formed UTF-8 becomes U+FFFD, so the
// result is always valid JSON.
std::string json_string(std::string_view text);

// The value as indented JSON: two spaces per level, one member per line,
// "key": value with one space, a newline at the end.
std::string write_json(const JsonValue& value);

} // namespace chronik::render::timeline
