#include "inline_html.hpp"

#include "model/overloaded.hpp"
#include "support/strings.hpp"
#include "support/uri.hpp"

namespace chronik::render::timeline {

std::string escape_html(std::string_view text) {
    return escape_markup(text);
}

namespace {

// The reader allows only these schemes; checked again here because a
// javascript: link in a slide would run in the embedding page.
bool linkable(std::string_view href) {
    const auto s = uri::scheme(href);
    return s && (*s == "http" || *s == "https" || *s == "mailto");
}

void write(const model::Inlines& in, std::string& out) {
    using namespace model;
    for (const auto& node : in)
        std::visit(overloaded{
                       [&](const Text& t) { out += escape_html(t.text); },
                       [&](const Emphasis& e) {
                           out += "<em>";
                           write(e.children, out);
                           out += "</em>";
                       },
                       [&](const Strong& s) {
                           out += "<strong>";
                           write(s.children, out);
                           out += "</strong>";
                       },
                       [&](const Link& l) {
                           if (!linkable(l.href)) {
                               write(l.children, out);
                               return;
                           }
                           out += "<a href=\"" +
                                  escape_html(uri::percent_encode(l.href, uri::not_in_uri)) + "\">";
                           write(l.children, out);
                           out += "</a>";
                       },
                       [&](const LineBreak&) { out += "<br>"; },
                       [&](const Span& s) {
                           out += "<span lang=\"" + escape_html(s.lang) + "\">";
                           write(s.children, out);
                           out += "</span>";
                       },
                   },
                   node);
}

} // namespace

std::string inline_html(const model::Inlines& inlines) {
    std::string out;
    write(inlines, out);
    return out;
}

} // namespace chronik::render::timeline
