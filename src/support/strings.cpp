#include "strings.hpp"

#include "utf8.hpp"

namespace chronik {

namespace {
constexpr char digits_of[] = "0123456789ABCDEF";
}

std::string hex(std::uint32_t value, int digits) {
    std::string out;
    int n = 1;
    while (n < 8 && (value >> (4 * n)) != 0)
        ++n;
    if (digits > n)
        n = digits;
    for (int shift = 4 * (n - 1); shift >= 0; shift -= 4)
        out += digits_of[(value >> shift) & 0xF];
    return out;
}

void append_hex_byte(std::string& out, unsigned char byte) {
    out += digits_of[byte >> 4];
    out += digits_of[byte & 0xF];
}

std::string printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::next(s, i);
        const bool ill_formed = c == utf8::replacement && s.substr(at, 3) != "\xEF\xBF\xBD";
        if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (ill_formed || c < 0x20 || c == 0x7F) {
            out += "\\x";
            append_hex_byte(out, static_cast<unsigned char>(s[at]));
        } else if (utf8::is_control(c)) {
            out += "\\u" + hex(c, 4);
        } else {
            out.append(s.substr(at, i - at));
        }
    }
    return out;
}

std::string escape_markup(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
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
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace chronik
