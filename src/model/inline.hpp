// Inline content: runs of text inside a paragraph, title or caption.
// A closed set of plain structs; every consumer std::visit's them without a
// catch-all, so adding a kind fails to compile until every renderer handles it.
// `line` is the 1-based source line the node came from (0 = generated).
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace chronik::model {

struct Text;
struct Emphasis;
struct Strong;
struct Link;
struct LineBreak;

using Inline = std::variant<Text, Emphasis, Strong, Link, LineBreak>;
using Inlines = std::vector<Inline>;

struct Text {
    std::string text; // UTF-8, white space already collapsed
    int line = 0;
    bool operator==(const Text&) const = default;
};

struct Emphasis {
    Inlines children;
    int line = 0;
    bool operator==(const Emphasis&) const = default;
};

struct Strong {
    Inlines children;
    int line = 0;
    bool operator==(const Strong&) const = default;
};

struct Link {
    std::string href; // http, https or mailto (checked by the reader)
    Inlines children;
    int line = 0;
    bool operator==(const Link&) const = default;
};

struct LineBreak {
    int line = 0;
    bool operator==(const LineBreak&) const = default;
};

// The text of inlines without markup; a line break becomes a space.
std::string plain_text(const Inlines& inlines);

} // namespace chronik::model
