#include "inline_reader.hpp"

#include "support/language.hpp"
#include "support/uri.hpp"

#include <cstring>

namespace chronik::reader {

namespace {

bool valid_href(std::string_view href) {
    auto lower_starts = [&](std::string_view p) {
        if (href.size() <= p.size())
            return false;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(href[i])) != p[i])
                return false;
        return true;
    };
    for (char c : href)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F)
            return false;
    if (lower_starts("https://") || lower_starts("http://"))
        return href.find_first_not_of("/", href.find(':') + 1) != std::string_view::npos;
    return lower_starts("mailto:");
}

// A link target in a message: its first 40 bytes (not cutting a UTF-8
// sequence) and "…", so a 10 MB address does not fill the terminal.
std::string shortened(std::string_view s) {
    if (s.size() <= 40)
        return std::string(s);
    std::size_t n = 40;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return std::string(s.substr(0, n)) + "\u2026";
}

// Builds the model::Inlines of one element with inline markup (<em>, <a>,
// <br/>), collapsing XML white space across element boundaries.
class InlinesBuilder {
public:
    InlinesBuilder(const xml::Source& src, InlineRules rules, Diagnostics& diags)
        : src_(src), rules_(rules), diags_(diags) {}

    // `parent`: the list the element being read will join, where a space
    // at its very start belongs.
    void children(const tinyxml2::XMLElement* e, model::Inlines& out, bool in_link,
                  model::Inlines* parent = nullptr) {
        for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (auto* t = n->ToText()) {
                text(t->Value(), out, t->GetLineNum(), parent);
            } else if (auto* c = n->ToElement()) {
                element(c, e, out, in_link);
            }
            // comments are ignored; unknown markup was refused by xml::Source
        }
    }

private:
    void text(std::string_view raw, model::Inlines& out, int line, model::Inlines* parent) {
        std::string buf;
        for (char c : raw) {
            if (xml::is_space(c)) {
                if (!at_start_)
                    pending_space_ = true;
                continue;
            }
            // (A space already there stays the only one: "a <em> </em>b".)
            if (pending_space_ && out.empty() && buf.empty() && parent) {
                if (!ends_in_space(*parent))
                    append(*parent, " ", line);
            } else if (pending_space_ && !(buf.empty() && ends_in_space(out))) {
                buf += ' ';
            }
            pending_space_ = false;
            at_start_ = false;
            buf += c;
        }
        append(out, buf, line);
    }

    static bool ends_in_space(const model::Inlines& out) {
        const auto* t = out.empty() ? nullptr : std::get_if<model::Text>(&out.back());
        return t && !t->text.empty() && t->text.back() == ' ';
    }

    static void append(model::Inlines& out, const std::string& s, int line) {
        if (s.empty())
            return;
        if (!out.empty())
            if (auto* t = std::get_if<model::Text>(&out.back())) {
                t->text += s;
                return;
            }
        out.push_back(model::Text{s, line});
    }

    void open(model::Inlines& parent, int line) {
        // A space before a nested element belongs outside it.
        if (pending_space_)
            append(parent, " ", line);
        pending_space_ = false;
    }

    void element(const tinyxml2::XMLElement* c, const tinyxml2::XMLElement* parent,
                 model::Inlines& out, bool in_link) {
        const std::string_view name = c->Name();
        const int line = c->GetLineNum();
        if (name == "em" || name == "strong") {
            xml::check_attributes(src_, c, {}, diags_);
            open(out, line);
            model::Inlines kids;
            children(c, kids, in_link, &out);
            if (kids.empty())
                return;
            if (name == "em")
                out.push_back(model::Emphasis{std::move(kids), line});
            else
                out.push_back(model::Strong{std::move(kids), line});
        } else if (name == "span") {
            xml::check_attributes(src_, c, {"lang"}, diags_);
            const char* lang = xml::required_attribute(
                src_, c, "lang", "the passage's language, for example lang=\"en\"", diags_);
            if (lang && !is_language_tag(lang))
                src_.error(c, "lang",
                           "lang '" + std::string(lang) +
                               "' is not a BCP 47 language tag (for example de, en, de-AT)",
                           diags_);
            open(out, line);
            model::Inlines kids;
            children(c, kids, in_link, &out);
            if (kids.empty())
                return;
            out.push_back(model::Span{lang ? lang : "", std::move(kids), line});
        } else if (name == "a" && rules_.links) {
            xml::check_attributes(src_, c, {"href"}, diags_);
            if (in_link) {
                src_.error(c, "a link cannot contain another link", diags_);
                return;
            }
            const char* href = c->Attribute("href");
            if (!href) {
                xml::missing_attribute(src_, c, "href", {}, diags_);
            } else if (!valid_href(href)) {
                src_.error(c, "href",
                           "link target '" + shortened(href) +
                               "' is not allowed (use an http://, https:// or mailto: address "
                               "without spaces)",
                           diags_);
            } else if (const auto n = uri::percent_encode(href, uri::not_in_uri).size();
                       n > uri::max_link_length) {
                src_.error(c, "href",
                           "the link target '" + shortened(href) + "' is " + std::to_string(n) +
                               " characters long; links may have at most " +
                               std::to_string(uri::max_link_length) +
                               " (Word's and Windows' limit)",
                           diags_);
            }
            open(out, line);
            model::Inlines kids;
            children(c, kids, true, &out);
            if (kids.empty()) {
                src_.error(c, "<a> has no text to click on", diags_);
                return;
            }
            out.push_back(model::Link{href ? href : "", std::move(kids), line});
        } else if (name == "br" && rules_.line_breaks) {
            xml::check_attributes(src_, c, {}, diags_);
            if (c->FirstChild())
                src_.error(c, "<br/> must be empty", diags_);
            pending_space_ = false;
            at_start_ = true;
            trim_end(out);
            out.push_back(model::LineBreak{line});
        } else {
            std::string allowed = "em, strong, span";
            if (rules_.links)
                allowed += ", a";
            if (rules_.line_breaks)
                allowed += ", br";
            src_.error(c,
                       std::string("<").append(name) + "> is not allowed in <" + parent->Name() +
                           "> (allowed: " + allowed + ")",
                       diags_);
        }
    }

public:
    // Drops a trailing space (before a line break and at the end).
    static void trim_end(model::Inlines& out) {
        if (out.empty())
            return;
        if (auto* t = std::get_if<model::Text>(&out.back())) {
            while (!t->text.empty() && t->text.back() == ' ')
                t->text.pop_back();
            if (t->text.empty())
                out.pop_back();
        }
    }

private:
    const xml::Source& src_;
    InlineRules rules_;
    Diagnostics& diags_;
    bool pending_space_ = false;
    bool at_start_ = true;
};

} // namespace

model::Inlines read_inlines(const xml::Source& src, const tinyxml2::XMLElement* e,
                            InlineRules rules, Diagnostics& diags) {
    model::Inlines out;
    InlinesBuilder b(src, rules, diags);
    b.children(e, out, false);
    InlinesBuilder::trim_end(out);
    return out;
}

std::string collapse_space(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (xml::is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string read_plain_text(const xml::Source& src, const tinyxml2::XMLElement* e,
                            Diagnostics& diags) {
    std::string raw;
    for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (auto* t = n->ToText())
            raw += t->Value();
        else if (auto* c = n->ToElement())
            src.error(c,
                      std::string("<") + e->Name() + "> holds plain text only; <" + c->Name() +
                          "> is not allowed here",
                      diags);
    }
    return collapse_space(raw);
}

} // namespace chronik::reader
