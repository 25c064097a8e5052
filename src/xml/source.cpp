#include "source.hpp"

#include "support/strings.hpp"
#include "support/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace chronik::xml {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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

// XML allows the C1 controls and DEL; chronik refuses them like the C0
// controls XML refuses (docs/format.md, "What is refused"): they show as
// nothing or as boxes, and Markdown and DOCX readers treat them differently.
bool is_refused_control(char32_t c) {
    return utf8::is_control(c) && c != 0x9 && c != 0xA && c != 0xD;
}
constexpr const char* refused_controls =
    " is not allowed (chronik refuses control characters other than tab and line breaks)";

// `<?xml` followed by white space or `?>`: the XML declaration, not a
// processing instruction (targets starting with other letters, such as
// xml-stylesheet, are ordinary ones).
bool is_declaration(std::string_view text, std::size_t i) {
    if (text.size() - i < 6)
        return false;
    std::string target(text.substr(i + 2, 3));
    for (auto& c : target)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return target == "xml" && (is_space(text[i + 5]) || text[i + 5] == '?');
}

// Whether text[i] may start an XML name (ASCII letters, '_', ':', or any
// non-ASCII character: a simplification of XML's NameStartChar).
bool starts_name(std::string_view text, std::size_t i) {
    if (i >= text.size())
        return false;
    const auto c = static_cast<unsigned char>(text[i]);
    return std::isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}

// U+00E4; six digits beyond the Basic Multilingual Plane (U+01F600).
std::string code_point(char32_t c) {
    return "U+" + hex(c, c > 0xFFFF ? 6 : 4);
}

void report(Diagnostics& d, const std::string& name, std::string_view text, std::size_t pos,
            std::string message) {
    const auto p = utf8::position_of(text, pos);
    d.error(name, p.line, p.column, std::move(message));
}

// XML's end-of-line handling (XML 1.0, 2.11), before anything else looks
// at the text: CR LF and a lone CR become LF. So every line count (ours,
// tinyxml2's, which counts LFs only) agrees for LF, CR LF and old Mac CR
// files, and text and attribute values never carry a CR. A CR written as
// &#13; stays. (A CR never occurs inside a multi-byte UTF-8 sequence.)
void normalise_line_ends(std::string& text) {
    if (text.find('\r') == std::string::npos)
        return;
    std::size_t to = 0;
    for (std::size_t from = 0; from < text.size(); ++from) {
        if (text[from] == '\r') {
            text[to++] = '\n';
            if (from + 1 < text.size() && text[from + 1] == '\n')
                ++from;
        } else {
            text[to++] = text[from];
        }
    }
    text.resize(to);
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
        report(d, name, text, at,
               "invalid UTF-8 (byte 0x" + hex(static_cast<unsigned char>(text[at]), 2) +
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
            report(d, name, text, at, "character " + code_point(c) + " is not allowed in XML");
            ++bad_chars;
        } else if (is_refused_control(c)) {
            report(d, name, text, at, "control character " + code_point(c) + refused_controls);
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
            // Processing instructions are allowed anywhere (and ignored,
            // see for_tinyxml2); the XML declaration only at the very start.
            const std::size_t at = i;
            const bool declaration = is_declaration(text, at);
            const auto end = text.find("?>", at + 2);
            i = end == std::string_view::npos ? text.size() : end + 2;
            std::string problem;
            if (end == std::string_view::npos)
                problem = declaration ? "unterminated XML declaration (no '?>')"
                                      : "unterminated processing instruction (no '?>')";
            else if (declaration && at != 0)
                problem = "an XML declaration (<?xml ...?>) may only stand at the very start of "
                          "the file";
            else if (!declaration && !starts_name(text, at + 2))
                problem = "malformed processing instruction: a name must follow '<?'";
            if (!problem.empty()) {
                report(d, name, text, at, problem);
                return false;
            }
        } else if (starts_with(text, i, "<!DOCTYPE") || starts_with(text, i, "<!ENTITY")) {
            report(d, name, text, i,
                   "DOCTYPE and ENTITY declarations are not allowed (chronik reads no DTDs "
                   "and expands no entities beyond &amp; &lt; &gt; &quot; &apos;)");
            return false;
        } else if (starts_with(text, i, "&#")) {
            // Any number of digits (leading zeros are legal); the value
            // saturates, so a million digits cost a million steps and no
            // overflow. Messages show at most the first 16 characters.
            std::size_t j = i + 2;
            const bool is_hex = j < text.size() && text[j] == 'x';
            j += is_hex;
            const std::size_t digits_at = j;
            char32_t v = 0;
            for (; j < text.size(); ++j) {
                const char c = text[j];
                const int dv = (c >= '0' && c <= '9')           ? c - '0'
                               : is_hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                               : is_hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                : -1;
                if (dv < 0)
                    break;
                v = std::min<char32_t>(v * (is_hex ? 16 : 10) + static_cast<char32_t>(dv),
                                       0x110000);
            }
            const bool ok = j > digits_at && j < text.size() && text[j] == ';';
            const auto ref = text.substr(i, j + ok - i);
            const std::string shown =
                ref.size() <= 16 ? std::string(ref) : std::string(ref.substr(0, 12)) + "...";
            std::string problem;
            if (!ok)
                problem = "malformed character reference '" + shown + "'";
            else if (v > 0x10FFFF)
                problem = "character reference '" + shown + "' lies past U+10FFFF";
            else if (!is_xml_char(v))
                problem =
                    "character reference '" + shown + "' names a character XML does not allow";
            else if (is_refused_control(v))
                problem = "character reference '" + shown + "' names control character " +
                          code_point(v) + ", which" + refused_controls;
            if (!problem.empty() && bad_refs++ < max_reported)
                report(d, name, text, i, problem);
            i = j;
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

// The text as tinyxml2 is given it. Two changes, neither of which moves a
// newline, so tinyxml2's line numbers stay right (columns come from the
// original text):
// - tinyxml2 9 drops text nodes made only of white space, so "<em>a</em>
//   <strong>b</strong>" (or "<em>a</em><!-- --> <strong>") would lose its
//   space. Starting each such run with a character reference makes
//   tinyxml2 keep it.
// - tinyxml2 takes every "<?" for an XML declaration and refuses one
//   inside an element. XML allows processing instructions anywhere and
//   chronik ignores them, so each becomes an empty comment (with its
//   newlines), which every reader skips already; the XML declaration at
//   the start stays. check_markup has checked them.
std::string for_tinyxml2(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t i = 0;
    auto copy_to = [&](std::string_view end) {
        const auto j = text.find(end, i);
        const auto stop = j == std::string_view::npos ? text.size() : j + end.size();
        out.append(text.substr(i, stop - i));
        i = stop;
    };
    // At i, after a '>' or a left-out instruction: white space up to a '<'.
    auto keep_space_run = [&] {
        std::size_t j = i;
        while (j < text.size() && is_space(text[j]))
            ++j;
        if (j > i && j < text.size() && text[j] == '<') {
            out += "&#32;";
            if (text[i] == ' ' || text[i] == '\t')
                ++i; // the reference replaces it
        }
    };
    while (i < text.size()) {
        if (text[i] != '<' && text[i] != '>') {
            out += text[i++];
            continue;
        }
        if (starts_with(text, i, "<!--")) {
            copy_to("-->");
            keep_space_run();
        } else if (starts_with(text, i, "<![CDATA[")) {
            copy_to("]]>");
        } else if (i == 0 && is_declaration(text, 0)) {
            copy_to("?>"); // the XML declaration
        } else if (starts_with(text, i, "<?")) {
            // An empty comment instead, with the instruction's newlines.
            const auto j = text.find("?>", i + 2);
            const auto stop = j == std::string_view::npos ? text.size() : j + 2;
            out += "<!--";
            for (; i < stop; ++i)
                if (text[i] == '\n')
                    out += '\n';
            out += "-->";
            keep_space_run();
        } else if (text[i] == '>') {
            out += '>';
            ++i;
            keep_space_run();
        } else {
            out += text[i++];
        }
    }
    return out;
}

// The tags of a document in one pass over its text: comments, CDATA
// sections and processing instructions are skipped, quoted attribute values
// honoured. It finds what tinyxml2 does not check or checks slowly: start
// tags with more than max_attributes attributes (tinyxml2's duplicate check
// is quadratic in their number), an end tag without a start tag at the top
// level (where tinyxml2 silently stops reading, dropping the rest), and
// markup declarations (<!FOO ...>) inside elements, which tinyxml2 keeps as
// nodes nobody reads. Linear in the length of the text; it runs before
// tinyxml2 and must not trust the text to be well-formed.
struct TagScan {
    std::vector<std::size_t> start_tags; // offset of the '<' of each start tag, in order
    std::size_t too_many_attributes = 0; // start tags with more than max_attributes
    std::optional<std::size_t> too_deep; // the first start tag deeper than max_depth
    std::vector<std::pair<std::size_t, std::string>> problems; // found after parsing
    std::vector<std::pair<std::size_t, std::string>> attribute_problems;
};

std::string too_deep_message() {
    return "not well-formed XML: elements are nested too deeply (at most " +
           std::to_string(max_depth) + " levels)";
}

TagScan scan_tags(std::string_view text) {
    TagScan scan;
    const std::size_t n = text.size();
    auto past = [&](std::string_view end, std::size_t from) {
        const auto j = text.find(end, from);
        return j == std::string_view::npos ? n : j + end.size();
    };
    int depth = 0;
    for (std::size_t i = text.find('<'); i < n; i = text.find('<', i)) {
        if (starts_with(text, i, "<!--")) {
            i = past("-->", i + 4);
            continue;
        }
        if (starts_with(text, i, "<![CDATA[")) {
            i = past("]]>", i + 9);
            continue;
        }
        if (starts_with(text, i, "<?")) {
            i = past("?>", i + 2);
            continue;
        }
        if (starts_with(text, i, "<!")) { // DOCTYPE and ENTITY were refused already
            if (scan.problems.size() < static_cast<std::size_t>(max_reported))
                scan.problems.emplace_back(
                    i, "unsupported markup declaration (only comments and CDATA sections "
                       "may start with <!)");
            i = past(">", i + 2);
            continue;
        }
        const bool end_tag = starts_with(text, i, "</");
        std::size_t j = i + (end_tag ? 2 : 1);
        const std::size_t name_at = j;
        while (j < n && !is_space(text[j]) && text[j] != '>' && text[j] != '/' && text[j] != '<')
            ++j;
        const std::string_view name = text.substr(name_at, j - name_at);
        std::size_t attributes = 0;
        while (j < n && text[j] != '>' && text[j] != '<') {
            if (text[j] == '"' || text[j] == '\'') {
                const auto q = text.find(text[j], j + 1);
                j = q == std::string_view::npos ? n : q + 1;
                continue;
            }
            attributes += text[j] == '=';
            ++j;
        }
        const bool self_closing = j < n && text[j] == '>' && text[j - 1] == '/';
        if (end_tag) {
            if (depth > 0)
                --depth;
            else if (scan.problems.size() < static_cast<std::size_t>(max_reported))
                scan.problems.emplace_back(i, std::string("not well-formed XML: end tag </")
                                                  .append(name)
                                                  .append("> has no start tag"));
        } else {
            scan.start_tags.push_back(i);
            if (attributes > max_attributes &&
                scan.too_many_attributes++ < static_cast<std::size_t>(max_reported))
                scan.attribute_problems.emplace_back(
                    i, std::string("<").append(name).append("> has ") + std::to_string(attributes) +
                           " attributes; the limit is " + std::to_string(max_attributes));
            if (!scan.too_deep && static_cast<std::size_t>(depth) + 1 > max_depth)
                scan.too_deep = i;
            if (!self_closing)
                ++depth;
        }
        i = j < n && text[j] == '>' ? j + 1 : j;
    }
    return scan;
}

std::string describe(tinyxml2::XMLError e) {
    using namespace tinyxml2;
    switch (e) {
    case XML_ERROR_PARSING_ELEMENT:
        return "malformed element or tag";
    case XML_ERROR_PARSING_ATTRIBUTE:
        return "malformed attribute (or one given twice)";
    case XML_ERROR_PARSING_TEXT:
        return "malformed text (a stray '<'?)";
    case XML_ERROR_PARSING_CDATA:
        return "unterminated CDATA section";
    case XML_ERROR_PARSING_COMMENT:
        return "unterminated comment";
    case XML_ERROR_PARSING_DECLARATION:
        return "malformed XML declaration";
    case XML_ERROR_PARSING_UNKNOWN:
        return "malformed markup declaration";
    case XML_ERROR_EMPTY_DOCUMENT:
        return "no root element";
    case XML_ERROR_MISMATCHED_ELEMENT:
        return "end tag does not match its start tag";
    case XML_ELEMENT_DEPTH_EXCEEDED:
        return too_deep_message().substr(std::string_view("not well-formed XML: ").size());
    default:
        return "parse error";
    }
}

} // namespace

std::unique_ptr<Source> Source::load(const std::string& path, const std::string& display,
                                     Diagnostics& diags) {
    // Opened without blocking, so a FIFO or device named as a chronicle (in
    // a job file, say) is refused instead of waiting for a writer forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        diags.error(display, 0, 0, "cannot open file: " + std::string(std::strerror(errno)));
        return nullptr;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        diags.error(display, 0, 0, "cannot read file: " + std::string(std::strerror(errno)));
        return nullptr;
    }
    if (S_ISDIR(st.st_mode)) {
        diags.error(display, 0, 0, "is a folder, not a file");
        return nullptr;
    }
    if (!S_ISREG(st.st_mode)) {
        diags.error(display, 0, 0, "is not a regular file (a FIFO or a device?)");
        return nullptr;
    }
    if (static_cast<unsigned long long>(st.st_size) > max_file_bytes) {
        diags.error(display, 0, 0,
                    "file is too large (" + std::to_string(static_cast<long long>(st.st_size)) +
                        " bytes; the limit is " + std::to_string(max_file_bytes) + " bytes)");
        return nullptr;
    }
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    if (got != text.size()) {
        diags.error(display, 0, 0, "cannot read file (did it change while chronik read it?)");
        return nullptr;
    }
    return parse(std::move(text), display, diags);
}

std::unique_ptr<Source> Source::parse(std::string text, const std::string& display,
                                      Diagnostics& diags) {
    if (text.size() > max_file_bytes) {
        diags.error(display, 0, 0,
                    "file is too large (" + std::to_string(text.size()) + " bytes; the limit is " +
                        std::to_string(max_file_bytes) + " bytes)");
        return nullptr;
    }
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        text.erase(0, 3); // a UTF-8 byte order mark says nothing we need
    normalise_line_ends(text);
    if (!check_encoding(text, display, diags) || !check_markup(text, display, diags))
        return nullptr;

    const TagScan scan = scan_tags(text);
    // Before tinyxml2 parses: its own depth error has no column.
    if (scan.too_deep) {
        report(diags, display, text, *scan.too_deep, too_deep_message());
        return nullptr;
    }
    if (scan.too_many_attributes > 0) {
        for (const auto& [at, message] : scan.attribute_problems)
            report(diags, display, text, at, message);
        return nullptr;
    }

    std::unique_ptr<Source> src(new Source);
    src->display_ = display;
    src->text_ = std::move(text);

    const std::string parsed = for_tinyxml2(src->text_);
    const auto rc = src->doc_.Parse(parsed.data(), parsed.size());
    if (rc != tinyxml2::XML_SUCCESS) {
        std::string what = describe(rc);
        // tinyxml2 names the element it was reading ("... XMLElement name=b")
        const std::string detail = src->doc_.ErrorStr() ? src->doc_.ErrorStr() : "";
        if (const auto at = detail.find("name=");
            at != std::string::npos && rc == tinyxml2::XML_ERROR_MISMATCHED_ELEMENT)
            what += " <" + detail.substr(at + 5) + ">";
        diags.error(display, src->doc_.ErrorLineNum(), 0, "not well-formed XML: " + what);
        return nullptr;
    }
    // tinyxml2 is lenient where XML is not: an end tag without a start tag
    // at the top level, markup declarations, more than one root element (or
    // none), text outside the root.
    bool ok = scan.problems.empty();
    for (const auto& [at, message] : scan.problems)
        report(diags, display, src->text_, at, message);
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
    if (roots == 0 && ok) {
        diags.error(display, 0, 0, "not well-formed XML: no root element");
        ok = false;
    }
    if (!ok)
        return nullptr;
    src->index_columns(scan.start_tags);
    return src;
}

namespace {

// The column after advancing from byte `from` (at column `col`) to byte
// `to` of `text`: code points counted, a newline starts again at 1.
int advance_column(std::string_view text, std::size_t from, std::size_t to, int col) {
    for (std::size_t i = from; i < to; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n')
            col = 1;
        else if ((c & 0xC0) != 0x80)
            ++col;
    }
    return col;
}

} // namespace

void Source::index_columns(const std::vector<std::size_t>& start_tags) {
    // tinyxml2 gives lines only. Elements in document order are the start
    // tags in the order of the text, so the k-th element's tag is the k-th
    // start tag found by scan_tags. Its index is kept in the element's user
    // data; one pass over the text gives every column (a long one-line file
    // must not cost a scan from the line's start per element). Should the
    // two ever disagree (a name differs), the rest stay without a column.
    const std::string_view text(text_);
    std::size_t pos = 0;
    int col = 1;
    bool in_step = true;
    tinyxml2::XMLElement* e = doc_.RootElement();
    while (e) {
        const std::size_t k = tag_offsets_.size();
        std::size_t offset = std::string::npos;
        if (in_step && k < start_tags.size()) {
            const std::string_view name = e->Name();
            const std::size_t at = start_tags[k];
            if (text.substr(at + 1, name.size()) == name)
                offset = at;
            else
                in_step = false;
        }
        if (offset != std::string::npos) {
            col = advance_column(text, pos, offset, col);
            pos = offset;
        }
        tag_offsets_.push_back(offset);
        tag_columns_.push_back(offset == std::string::npos ? 0 : col);
        e->SetUserData(reinterpret_cast<void*>(static_cast<std::uintptr_t>(k + 1)));
        // next in pre-order, without recursion
        if (auto* child = e->FirstChildElement()) {
            e = child;
            continue;
        }
        while (e && !e->NextSiblingElement())
            e = e->Parent() ? e->Parent()->ToElement() : nullptr;
        if (e)
            e = e->NextSiblingElement();
    }
}

long Source::index_of(const tinyxml2::XMLElement* e) const {
    const auto k = reinterpret_cast<std::uintptr_t>(e->GetUserData());
    return k == 0 || k > tag_offsets_.size() ? -1 : static_cast<long>(k - 1);
}

int Source::column(const tinyxml2::XMLElement* e) const {
    const long k = index_of(e);
    return k < 0 ? 0 : tag_columns_[static_cast<std::size_t>(k)];
}

int Source::column(const tinyxml2::XMLElement* e, std::string_view attribute) const {
    // Walk the element's own start tag (attribute by attribute, values
    // skipped), so the cost is the tag's length, not the line's.
    const long k = index_of(e);
    if (k < 0 || tag_offsets_[static_cast<std::size_t>(k)] == std::string::npos)
        return column(e);
    const std::string_view t(text_);
    const std::size_t start = tag_offsets_[static_cast<std::size_t>(k)];
    const std::size_t n = t.size();
    std::size_t j = start + 1;
    while (j < n && !is_space(t[j]) && t[j] != '>' && t[j] != '/')
        ++j;
    while (j < n && t[j] != '>') {
        if (is_space(t[j]) || t[j] == '/') {
            ++j;
            continue;
        }
        const std::size_t name_at = j;
        while (j < n && !is_space(t[j]) && t[j] != '=' && t[j] != '>' && t[j] != '/')
            ++j;
        if (t.substr(name_at, j - name_at) == attribute)
            return advance_column(t, start, name_at, tag_columns_[static_cast<std::size_t>(k)]);
        while (j < n && is_space(t[j]))
            ++j;
        if (j < n && t[j] == '=') {
            ++j;
            while (j < n && is_space(t[j]))
                ++j;
            if (j < n && (t[j] == '"' || t[j] == '\'')) {
                const auto q = t.find(t[j], j + 1);
                j = q == std::string_view::npos ? n : q + 1;
            }
        }
    }
    return column(e);
}

void Source::error(const tinyxml2::XMLNode* n, std::string message, Diagnostics& d) const {
    const auto* e = n->ToElement();
    d.error(display_, n->GetLineNum(), e ? column(e) : 0, std::move(message));
}

void Source::error(const tinyxml2::XMLElement* e, std::string_view attribute, std::string message,
                   Diagnostics& d) const {
    const auto* a = e->FindAttribute(std::string(attribute).c_str());
    d.error(display_, a ? a->GetLineNum() : e->GetLineNum(), column(e, attribute),
            std::move(message));
}

void Source::warning(const tinyxml2::XMLNode* n, std::string message, Diagnostics& d) const {
    d.warning(display_, n->GetLineNum(), std::move(message));
}

void check_attributes(const Source& src, const tinyxml2::XMLElement* e,
                      std::initializer_list<std::string_view> allowed, Diagnostics& d) {
    for (auto* a = e->FirstAttribute(); a; a = a->Next()) {
        bool ok = false;
        for (auto name : allowed)
            ok = ok || name == a->Name();
        if (ok)
            continue;
        const std::string list = join(allowed);
        src.error(e, a->Name(),
                  "unknown attribute '" + std::string(a->Name()) + "' on <" + e->Name() + ">" +
                      (list.empty() ? " (it takes none)" : " (allowed: " + list + ")"),
                  d);
    }
}

void missing_attribute(const Source& src, const tinyxml2::XMLElement* e, std::string_view name,
                       std::string_view hint, Diagnostics& d) {
    // "an" as the name is read aloud: an alt, an href ("aitch-ref"), a date.
    const bool an =
        name.rfind("href", 0) == 0 ||
        (!name.empty() && std::string_view("aeiou").find(name[0]) != std::string_view::npos);
    std::string message = "<";
    message += e->Name();
    message += "> needs ";
    message += an ? "an " : "a ";
    message += name;
    message += " attribute";
    if (!hint.empty()) {
        message += " (";
        message += hint;
        message += ')';
    }
    src.error(e, std::move(message), d);
}

const char* required_attribute(const Source& src, const tinyxml2::XMLElement* e, const char* name,
                               std::string_view hint, Diagnostics& d) {
    const char* v = e->Attribute(name);
    if (!v)
        missing_attribute(src, e, name, hint, d);
    return v;
}

} // namespace chronik::xml
