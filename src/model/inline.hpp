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
struct Span;

using Inline = std::variant<Text, Emphasis, Strong, Link, LineBreak, Span>;
using Inlines = std::vector<Inline>;

struct Text {
    std::string text; // UTF-8, white space already collapsed
    int line = 0;
    bool operator==(const Text&) const = default;
};

struct Emphasis {
    Inlines children;
    int line = 0;
};

struct Strong {
    Inlines children;
    int line = 0;
};

struct Link {
    std::string href; // http, https or mailto (checked by the reader)
    Inlines children;
    int line = 0;
};

struct LineBreak {
    int line = 0;
    bool operator==(const LineBreak&) const = default;
};

// A passage in another language than the document's (<span lang>): DOCX
// marks its runs with w:lang, the PDF tags it with /Lang, layout hyphenates
// it with that language's patterns. Nested spans: the innermost wins.
struct Span {
    std::string lang; // BCP 47 tag (checked by the reader), as written
    Inlines children;
    int line = 0;
};

// Equal content, line numbers included. (Declared here, where every kind is
// complete: the kinds holding Inlines cannot default it inside themselves.)
inline bool operator==(const Emphasis& a, const Emphasis& b);
inline bool operator==(const Strong& a, const Strong& b);
inline bool operator==(const Link& a, const Link& b);
inline bool operator==(const Span& a, const Span& b);
inline bool operator==(const Emphasis& a, const Emphasis& b) {
    return a.line == b.line && a.children == b.children;
}
inline bool operator==(const Strong& a, const Strong& b) {
    return a.line == b.line && a.children == b.children;
}
inline bool operator==(const Link& a, const Link& b) {
    return a.line == b.line && a.href == b.href && a.children == b.children;
}
inline bool operator==(const Span& a, const Span& b) {
    return a.line == b.line && a.lang == b.lang && a.children == b.children;
}

// The text of inlines without markup; a line break becomes a space.
std::string plain_text(const Inlines& inlines);

} // namespace chronik::model
