#include "html_escape.hpp"

#include "support/uri.hpp"

#include <cctype>

namespace chronik::render::html {

namespace {

// The length of the UTF-8 sequence at s[i] that HTML forbids in a
// document (DEL, U+0080..U+009F, U+FDD0..U+FDEF, U+xFFFE/U+xFFFF), or 0.
std::size_t forbidden_at(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
    };
    if (b(0) == 0x7F)
        return 1;
    if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F)
        return 2;
    if (b(0) == 0xEF && b(1) == 0xB7 && b(2) >= 0x90 && b(2) <= 0xAF)
        return 3; // U+FDD0..U+FDEF
    if (b(0) == 0xEF && b(1) == 0xBF && (b(2) == 0xBE || b(2) == 0xBF))
        return 3; // U+FFFE, U+FFFF
    if (b(0) == 0xF0 || (b(0) >= 0xF1 && b(0) <= 0xF4))
        if ((b(1) & 0x0F) == 0x0F && b(2) == 0xBF && (b(3) == 0xBE || b(3) == 0xBF))
            return 4; // U+nFFFE, U+nFFFF of the supplementary planes
    return 0;
}

std::string escaped(std::string_view s, bool in_attribute) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (const std::size_t n = forbidden_at(s, i)) {
            out += "\xEF\xBF\xBD";
            i += n - 1;
            continue;
        }
        const char c = s[i];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += in_attribute ? "&quot;" : "\"";
            break;
        case '\'':
            out += in_attribute ? "&#39;" : "'";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

std::string text(std::string_view s) {
    return escaped(s, false);
}

std::string attribute(std::string_view s) {
    return escaped(s, true);
}

std::string id(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) || u >= 0x80)
            if (c != '-' && c != '_')
                c = '-';
    }
    return out;
}

std::optional<std::string> safe_href(std::string_view url) {
    // A relative reference (no scheme) is a link; of the schemes, only these.
    const auto s = uri::scheme(url);
    if (s && *s != "http" && *s != "https" && *s != "mailto")
        return std::nullopt;
    return uri::percent_encode(url, uri::not_in_uri);
}

} // namespace chronik::render::html
