#include "source.hpp"

#include "support/utf8.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace chronik::xml {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_blank(std::string_view s) {
    for (char c : s)
        if (!is_space(c))
            return false;
    return true;
}

namespace {

constexpr int max_reported = 10; // of one kind, so a binary file does not flood the terminal

bool starts_with(std::string_view s, std::size_t i, std::string_view what) {
    return s.substr(i, what.size()) == what;
}

bool is_xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

std::string hex(char32_t c) {
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    for (int shift = c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4)
        s += digits[(c >> shift) & 0xF];
    return "U+" + s;
}

void report(Diagnostics& d, const std::string& name, std::string_view text, std::size_t pos,
            std::string message) {
    const auto p = utf8::position_of(text, pos);
    d.error(name, p.line, p.column, std::move(message));
}

// Encoding-level checks that must pass before the text can be parsed at all.
bool check_encoding(std::string_view text, const std::string& name, Diagnostics& d) {
    if (text.empty()) {
        d.error(name, 0, 0, "file is empty (expected a UTF-8 XML document)");
        return false;
    }
    auto bytes = [&](std::string_view b) { return text.substr(0, b.size()) == b; };
    if (bytes(std::string_view("\xFF\xFE\x00\x00", 4)) ||
        bytes(std::string_view("\x00\x00\xFE\xFF", 4))) {
        d.error(name, 1, 1, "file is UTF-32 encoded; chronik reads UTF-8 only");
        return false;
    }
    if (bytes("\xFF\xFE") || bytes("\xFE\xFF")) {
        d.error(name, 1, 1,
                "file is UTF-16 encoded; chronik reads UTF-8 only (convert it, for example "
                "with iconv -f UTF-16 -t UTF-8)");
        return false;
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        report(d, name, text, nul,
               "file contains a NUL byte: it is not UTF-8 text (a binary file, or UTF-16 "
               "without a byte order mark?)");
        return false;
    }
    int bad = 0;
    std::size_t from = 0;
    while (bad < max_reported) {
        const auto rel = utf8::first_invalid(text.substr(from));
        if (!rel)
            break;
        const std::size_t at = from + *rel;
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(text[at]));
        report(d, name, text, at,
               std::string("invalid UTF-8 (byte ") + buf +
                   "); chronik reads UTF-8 only, is the file in Latin-1 or Windows-1252?");
        ++bad;
        from = at + 1;
    }
    if (bad)
        return false;
    if (starts_with(text, 0, "<?xml")) {
        const auto end = text.find("?>");
        const auto decl = text.substr(0, end);
        if (const auto e = decl.find("encoding"); e != std::string_view::npos) {
            auto q = decl.find_first_of("\"'", e);
            if (q != std::string_view::npos) {
                const auto q2 = decl.find(decl[q], q + 1);
                std::string enc(decl.substr(q + 1, q2 - q - 1));
                for (auto& c : enc)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (enc != "utf-8" && enc != "utf8") {
                    report(d, name, text, q + 1,
                           "the XML declaration names encoding '" +
                               std::string(decl.substr(q + 1, q2 - q - 1)) +
                               "'; chronik reads UTF-8 only");
                    return false;
                }
            }
        }
    }
    return true;
}

// Markup-level checks tinyxml2 does not make: DOCTYPE (refused outright,
// so no DTD or entity declaration is ever looked at), entity references,
// and characters XML 1.0 forbids. Returns false when parsing must not go on.
bool check_markup(std::string_view text, const std::string& name, Diagnostics& d) {
    int bad_chars = 0;
    for (std::size_t i = 0; i < text.size() && bad_chars < max_reported;) {
        const std::size_t at = i;
        const char32_t c = utf8::next(text, i);
        if (!is_xml_char(c)) {
            report(d, name, text, at, "character " + hex(c) + " is not allowed in XML");
            ++bad_chars;
        }
    }
    int bad_refs = 0;
    std::size_t i = 0;
    auto skip_to = [&](std::string_view end) {
        const auto j = text.find(end, i);
        i = j == std::string_view::npos ? text.size() : j + end.size();
    };
    while (i < text.size()) {
        if (text[i] != '<' && text[i] != '&') {
            ++i;
            continue;
        }
        if (starts_with(text, i, "<!--")) {
            skip_to("-->");
        } else if (starts_with(text, i, "<![CDATA[")) {
            skip_to("]]>");
        } else if (starts_with(text, i, "<?")) {
            skip_to("?>");
        } else if (starts_with(text, i, "<!DOCTYPE") || starts_with(text, i, "<!ENTITY")) {
            report(d, name, text, i,
                   "DOCTYPE and ENTITY declarations are not allowed (chronik reads no DTDs "
                   "and expands no entities beyond &amp; &lt; &gt; &quot; &apos;)");
            return false;
        } else if (text[i] == '&') {
            std::size_t j = i + 1;
            while (j < text.size() && j - i < 40 && text[j] != ';' && text[j] != '&' &&
                   text[j] != '<' && !is_space(text[j]))
                ++j;
            const bool terminated = j < text.size() && text[j] == ';';
            const auto ref = text.substr(i + 1, j - i - 1);
            std::string problem;
            if (!terminated || ref.empty()) {
                problem = "a bare '&' must be written as &amp;";
            } else if (ref[0] == '#') {
                const bool is_hex = ref.size() > 1 && (ref[1] == 'x');
                const auto digits = ref.substr(is_hex ? 2 : 1);
                unsigned long v = 0;
                bool ok = !digits.empty() && digits.size() <= 8;
                for (char c : digits) {
                    const int dv = (c >= '0' && c <= '9')             ? c - '0'
                                   : is_hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                   : is_hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                      : -1;
                    if (dv < 0)
                        ok = false;
                    else
                        v = v * (is_hex ? 16 : 10) + static_cast<unsigned long>(dv);
                }
                if (!ok)
                    problem = "malformed character reference '&" + std::string(ref) + ";'";
                else if (!is_xml_char(static_cast<char32_t>(v)))
                    problem = "character reference '&" + std::string(ref) +
                              ";' names a character XML does not allow";
            } else if (ref != "amp" && ref != "lt" && ref != "gt" && ref != "quot" &&
                       ref != "apos") {
                problem = "unknown entity '&" + std::string(ref) +
                          ";' (only &amp; &lt; &gt; &quot; &apos; and character references "
                          "such as &#160; are allowed)";
            }
            if (!problem.empty() && bad_refs++ < max_reported)
                report(d, name, text, i, problem);
            ++i;
        } else {
            ++i;
        }
    }
    return bad_chars == 0;
}

// tinyxml2 9 drops text nodes made only of white space, so "<em>a</em>
// <strong>b</strong>" would lose its space. Starting each such run with a
// character reference makes tinyxml2 keep it; newlines stay where they
// are, so line numbers do not change. (Columns come from the original text.)
std::string keep_whitespace_nodes(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t i = 0;
    auto copy_to = [&](std::string_view end) {
        const auto j = text.find(end, i);
        const auto stop = j == std::string_view::npos ? text.size() : j + end.size();
        out.append(text.substr(i, stop - i));
        i = stop;
    };
    while (i < text.size()) {
        if (text[i] != '<' && text[i] != '>') {
            out += text[i++];
            continue;
        }
        if (starts_with(text, i, "<!--")) {
            copy_to("-->");
        } else if (starts_with(text, i, "<![CDATA[")) {
            copy_to("]]>");
        } else if (starts_with(text, i, "<?")) {
            copy_to("?>");
        } else if (text[i] == '>') {
            out += '>';
            ++i;
            std::size_t j = i;
            while (j < text.size() && is_space(text[j]))
                ++j;
            if (j > i && j < text.size() && text[j] == '<') {
                out += "&#32;";
                if (text[i] == ' ' || text[i] == '\t')
                    ++i; // the reference replaces it
            }
        } else {
            out += text[i++];
        }
    }
    return out;
}

std::string describe(tinyxml2::XMLError e) {
    using namespace tinyxml2;
    switch (e) {
    case XML_ERROR_PARSING_ELEMENT: return "malformed element or tag";
    case XML_ERROR_PARSING_ATTRIBUTE: return "malformed attribute (or one given twice)";
    case XML_ERROR_PARSING_TEXT: return "malformed text (a stray '<'?)";
    case XML_ERROR_PARSING_CDATA: return "unterminated CDATA section";
    case XML_ERROR_PARSING_COMMENT: return "unterminated comment";
    case XML_ERROR_PARSING_DECLARATION: return "malformed XML declaration";
    case XML_ERROR_PARSING_UNKNOWN: return "malformed markup declaration";
    case XML_ERROR_EMPTY_DOCUMENT: return "no root element";
    case XML_ERROR_MISMATCHED_ELEMENT: return "end tag does not match its start tag";
    case XML_ELEMENT_DEPTH_EXCEEDED:
        return "elements are nested too deeply (at most " +
               std::to_string(TINYXML2_MAX_ELEMENT_DEPTH) + " levels)";
    default: return "parse error";
    }
}

} // namespace

std::unique_ptr<Source> Source::load(const std::string& path, const std::string& display,
                                     Diagnostics& diags) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        diags.error(display, 0, 0, "is a folder, not a file");
        return nullptr;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(display, 0, 0, "cannot open file: " + std::string(std::strerror(errno)));
        return nullptr;
    }
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) {
        diags.error(display, 0, 0, "cannot read file (is it a folder?)");
        return nullptr;
    }
    if (static_cast<std::size_t>(size) > max_file_bytes) {
        diags.error(display, 0, 0,
                    "file is too large (" + std::to_string(static_cast<long long>(size)) +
                        " bytes; the limit is " + std::to_string(max_file_bytes) + " bytes)");
        return nullptr;
    }
    in.seekg(0);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), size)) {
        diags.error(display, 0, 0, "cannot read file (is it a folder?)");
        return nullptr;
    }
    return parse(std::move(text), display, diags);
}

std::unique_ptr<Source> Source::parse(std::string text, const std::string& display,
                                      Diagnostics& diags) {
    if (text.size() > max_file_bytes) {
        diags.error(display, 0, 0,
                    "file is too large (" + std::to_string(text.size()) +
                        " bytes; the limit is " + std::to_string(max_file_bytes) + " bytes)");
        return nullptr;
    }
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        text.erase(0, 3); // a UTF-8 byte order mark says nothing we need
    if (!check_encoding(text, display, diags) || !check_markup(text, display, diags))
        return nullptr;

    std::unique_ptr<Source> src(new Source);
    src->display_ = display;
    src->text_ = std::move(text);
    src->line_starts_.push_back(0);
    for (std::size_t i = 0; i < src->text_.size(); ++i)
        if (src->text_[i] == '\n')
            src->line_starts_.push_back(i + 1);

    const std::string parsed = keep_whitespace_nodes(src->text_);
    const auto rc = src->doc_.Parse(parsed.data(), parsed.size());
    if (rc != tinyxml2::XML_SUCCESS) {
        std::string what = describe(rc);
        // tinyxml2 names the element it was reading ("... XMLElement name=b")
        const std::string detail = src->doc_.ErrorStr() ? src->doc_.ErrorStr() : "";
        if (const auto at = detail.find("name="); at != std::string::npos &&
                                                  rc == tinyxml2::XML_ERROR_MISMATCHED_ELEMENT)
            what += " <" + detail.substr(at + 5) + ">";
        diags.error(display, src->doc_.ErrorLineNum(), 0, "not well-formed XML: " + what);
        return nullptr;
    }
    // tinyxml2 is lenient where XML is not: more than one root element, text
    // or unknown markup (<!ELEMENT ...>) outside the root.
    bool ok = true;
    int roots = 0;
    for (auto* n = src->doc_.FirstChild(); n; n = n->NextSibling()) {
        if (n->ToElement()) {
            if (++roots == 2) {
                diags.error(display, n->GetLineNum(), 0,
                            "not well-formed XML: more than one root element");
                ok = false;
            }
        } else if (auto* t = n->ToText(); t && !is_blank(t->Value())) {
            diags.error(display, n->GetLineNum(), 0,
                        "not well-formed XML: text outside the root element");
            ok = false;
        } else if (n->ToUnknown()) {
            diags.error(display, n->GetLineNum(), 0,
                        "unsupported markup declaration <!" + std::string(n->Value()) + ">");
            ok = false;
        }
    }
    if (!ok)
        return nullptr;
    src->index_columns();
    return src;
}

std::string_view Source::line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size())
        return {};
    const std::size_t b = line_starts_[static_cast<std::size_t>(line - 1)];
    const std::size_t e = static_cast<std::size_t>(line) < line_starts_.size()
                              ? line_starts_[static_cast<std::size_t>(line)]
                              : text_.size();
    return std::string_view(text_).substr(b, e - b);
}

void Source::index_columns() {
    // tinyxml2 gives lines only. The k-th element named N that starts on
    // line L is the k-th "<N" start tag on that line, since document order
    // is the order of start tags.
    std::map<std::pair<int, std::string>, int> seen;
    std::vector<const tinyxml2::XMLElement*> stack;
    if (auto* r = doc_.RootElement())
        stack.push_back(r);
    // Iterative pre-order walk (depth is bounded by tinyxml2, but a stack
    // costs nothing).
    std::vector<const tinyxml2::XMLElement*> order;
    while (!stack.empty()) {
        auto* e = stack.back();
        stack.pop_back();
        order.push_back(e);
        std::vector<const tinyxml2::XMLElement*> kids;
        for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement())
            kids.push_back(c);
        for (auto it = kids.rbegin(); it != kids.rend(); ++it)
            stack.push_back(*it);
    }
    for (auto* e : order) {
        const int line = e->GetLineNum();
        const std::string tag = std::string("<") + e->Name();
        int k = seen[{line, e->Name()}]++;
        const auto text = line_text(line);
        std::size_t pos = 0;
        int col = 0;
        while ((pos = text.find(tag, pos)) != std::string_view::npos) {
            const std::size_t after = pos + tag.size();
            const bool whole = after >= text.size() || is_space(text[after]) ||
                               text[after] == '>' || text[after] == '/';
            if (whole && k-- == 0) {
                col = static_cast<int>(utf8::length(text.substr(0, pos))) + 1;
                break;
            }
            pos = after;
        }
        columns_[e] = col;
    }
}

int Source::column(const tinyxml2::XMLElement* e) const {
    const auto it = columns_.find(e);
    return it == columns_.end() ? 0 : it->second;
}

int Source::column(const tinyxml2::XMLElement* e, std::string_view attribute) const {
    const auto* a = e->FindAttribute(std::string(attribute).c_str());
    const int line = a ? a->GetLineNum() : e->GetLineNum();
    auto text = line_text(line);
    std::size_t from = 0;
    if (line == e->GetLineNum() && column(e) > 0) {
        // skip to the element's own start tag
        int c = 1;
        while (from < text.size() && c < column(e)) {
            std::size_t i = from;
            utf8::next(text, i);
            from = i;
            ++c;
        }
    }
    for (std::size_t pos = text.find(attribute, from); pos != std::string_view::npos;
         pos = text.find(attribute, pos + 1)) {
        const bool starts = pos > 0 && is_space(text[pos - 1]);
        std::size_t after = pos + attribute.size();
        while (after < text.size() && is_space(text[after]))
            ++after;
        if (starts && after < text.size() && text[after] == '=')
            return static_cast<int>(utf8::length(text.substr(0, pos))) + 1;
    }
    return column(e);
}

void Source::error(const tinyxml2::XMLNode* n, std::string message, Diagnostics& d) const {
    const auto* e = n->ToElement();
    d.error(display_, n->GetLineNum(), e ? column(e) : 0, std::move(message));
}

void Source::error(const tinyxml2::XMLElement* e, std::string_view attribute,
                   std::string message, Diagnostics& d) const {
    const auto* a = e->FindAttribute(std::string(attribute).c_str());
    d.error(display_, a ? a->GetLineNum() : e->GetLineNum(), column(e, attribute),
            std::move(message));
}

void Source::warning(const tinyxml2::XMLNode* n, std::string message, Diagnostics& d) const {
    d.warning(display_, n->GetLineNum(), std::move(message));
}

} // namespace chronik::xml
