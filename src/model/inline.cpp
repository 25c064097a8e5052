#include "inline.hpp"

#include "overloaded.hpp"

namespace chronik::model {

namespace {

void append_plain(std::string& out, const Inlines& inlines) {
    for (const auto& in : inlines) {
        std::visit(overloaded{
                       [&](const Text& t) { out += t.text; },
                       [&](const Emphasis& e) { append_plain(out, e.children); },
                       [&](const Strong& s) { append_plain(out, s.children); },
                       [&](const Link& l) { append_plain(out, l.children); },
                       [&](const LineBreak&) { out += ' '; },
                       [&](const Span& s) { append_plain(out, s.children); },
                   },
                   in);
    }
}

} // namespace

std::string plain_text(const Inlines& inlines) {
    std::string out;
    append_plain(out, inlines);
    return out;
}

} // namespace chronik::model
