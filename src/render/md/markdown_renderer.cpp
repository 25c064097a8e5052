#include "markdown_renderer.hpp"

#include "model/overloaded.hpp"
#include "support/uri.hpp"

#include <filesystem>

namespace chronik::render::md {

namespace {

using namespace chronik::model;

// Whether the '&' at s[i] would start an entity or character reference
// ("&copy;", "&#169;"), which CommonMark reads in text and destinations.
bool starts_reference(std::string_view s, std::size_t i) {
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#')
        ++j;
    while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])))
        ++j;
    return j > i + 1 && j < s.size() && s[j] == ';';
}

// Backslash-escapes what CommonMark would read as markup. `line_start`:
// the text begins a line, where '#', '-', '+', '1.' and '>' start blocks.
std::string escape(std::string_view s, bool line_start) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        bool esc = false;
        switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
            esc = true;
            break;
        case '&':
            esc = starts_reference(s, i);
            break;
        case '#':
        case '=':
        case '|':
            esc = line_start && i == 0;
            break;
        case '-':
        case '+':
            esc = line_start && i == 0 && (next == ' ' || next == '\0' || c == '-');
            break;
        case '.':
        case ')': {
            // "1994." at the start of a line would open an ordered list
            std::size_t j = 0;
            while (j < i && std::isdigit(static_cast<unsigned char>(s[j])))
                ++j;
            esc = line_start && j == i && i > 0 && i <= 9 && (next == ' ' || next == '\0');
            break;
        }
        default:
            break;
        }
        if (esc)
            out += '\\';
        out += c;
    }
    return out;
}

// A link target as a destination: percent-encode what would end or
// confuse it; an '&' that would start a reference is backslash-escaped
// (CommonMark 0.30, 6.1 and 6.2), since %26 would change a query.
std::string destination(std::string_view url) {
    const std::string encoded = uri::percent_encode(url, uri::markdown_destination);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '&' && starts_reference(encoded, i))
            out += '\\';
        out += encoded[i];
    }
    return out;
}

class Writer {
public:
    explicit Writer(const Target& target) : target_(target) {}

    void inlines(const Inlines& in, bool line_start) {
        at_line_start_ = line_start;
        write(in);
    }

    void write(const Inlines& in) {
        for (const auto& node : in) {
            std::visit(overloaded{
                           [&](const Text& t) {
                               out += escape(t.text, at_line_start_);
                               at_line_start_ = false;
                           },
                           [&](const Emphasis& e) { wrap("*", e.children); },
                           [&](const Strong& s) { wrap("**", s.children); },
                           [&](const Link& l) {
                               out += '[';
                               at_line_start_ = false;
                               write(l.children);
                               out += "](" + destination(l.href) + ")";
                           },
                           [&](const LineBreak&) {
                               out += "\\\n";
                               at_line_start_ = true;
                           },
                           // CommonMark has no language markup: the text alone.
                           [&](const Span& s) { write(s.children); },
                       },
                       node);
        }
    }

    // The image's path from the output's folder (generic form, bytes as
    // the file system has them: path_reference makes it a destination).
    std::string image_path(const Image& img) const {
        if (target_.output_dir.empty())
            return img.source;
        const auto rel = std::filesystem::path(img.path).lexically_relative(target_.output_dir);
        return rel.empty() ? img.path : rel.generic_string();
    }

    std::string out;

private:
    void wrap(const char* mark, const Inlines& children) {
        out += mark;
        at_line_start_ = false;
        write(children);
        out += mark;
    }

    const Target& target_;
    bool at_line_start_ = true;
};

} // namespace

void MarkdownRenderer::render(const Document& doc, const style::Style&, const Target& target,
                              std::ostream& os, Diagnostics&) const {
    Writer w(target);
    std::string& out = w.out;
    auto blank_line = [&] {
        if (!out.empty() && out.back() != '\n')
            out += '\n';
        if (!out.empty() && out.compare(out.size() - 2, 2, "\n\n") != 0)
            out += '\n';
    };
    bool in_list = false; // a run of dated one-liners is one list
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const auto& block = doc.blocks[i];
        const bool one_liner =
            std::holds_alternative<DatedEntry>(block) && !std::get<DatedEntry>(block).has_body;
        if (!one_liner)
            in_list = false;
        std::visit(overloaded{
                       [&](const Paragraph& p) {
                           blank_line();
                           switch (p.role) {
                           case Role::Title:
                               out += "# ";
                               w.inlines(p.content, false);
                               break;
                           case Role::Subtitle:
                               out += '*';
                               w.inlines(p.content, false);
                               out += '*';
                               break;
                           case Role::Organization:
                               out += "**";
                               w.inlines(p.content, false);
                               out += "**";
                               break;
                           case Role::Intro:
                           case Role::Body:
                               w.inlines(p.content, true);
                               break;
                           }
                           out += '\n';
                       },
                       [&](const Heading& h) {
                           blank_line();
                           // CommonMark has no heading ids; an empty anchor keeps the TOC's
                           // links working in every renderer that allows inline HTML.
                           out += "<a id=\"" + h.id + "\"></a>\n\n";
                           out += std::string(static_cast<std::size_t>(h.level) + 1, '#') + ' ';
                           w.inlines(h.content, false);
                           out += '\n';
                       },
                       [&](const DatedEntry& e) {
                           if (!e.has_body) {
                               if (!in_list)
                                   blank_line();
                               in_list = true;
                               out += "- ";
                               if (!e.date_is_redundant)
                                   out += "**" + escape(e.date_label, false) + "**" +
                                          (e.title.empty() ? "" : " \u2013 ");
                               w.inlines(e.title, false);
                               out += '\n';
                               return;
                           }
                           if (!e.title.empty()) {
                               blank_line();
                               out += "### ";
                               w.inlines(e.title, false);
                               out += '\n';
                           }
                           if (!e.date_is_redundant) {
                               blank_line();
                               out += '*' + escape(e.date_label, false) + "*\n";
                           }
                       },
                       [&](const Image& img) {
                           blank_line();
                           out += "![" + escape(img.alt, false) + "](" +
                                  uri::path_reference(w.image_path(img)) + ")";
                           if (!img.caption.empty()) {
                               out += "\\\n*";
                               w.inlines(img.caption, false);
                               out += '*';
                           }
                           out += '\n';
                       },
                       [&](const TableOfContents& toc) {
                           blank_line();
                           out += "## " + escape(toc.title, false) + "\n\n";
                           for (const auto& b : doc.blocks)
                               if (const auto* h = std::get_if<Heading>(&b); h && h->level == 1) {
                                   out += "- [";
                                   w.inlines(h->content, false);
                                   out += "](#" + h->id + ")\n";
                               }
                       },
                       [&](const PageBreak&) {},
                   },
                   block);
    }
    os << out;
}

} // namespace chronik::render::md
