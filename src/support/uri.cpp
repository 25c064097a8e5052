#include "uri.hpp"

#include "strings.hpp"
#include "utf8.hpp"

namespace chronik::uri {

namespace {

// Length of the well-formed UTF-8 sequence at text[i], 0 when there is none
// (a stray continuation byte, a sequence cut short, an overlong form, a
// surrogate or a code point past U+10FFFF).
std::size_t sequence_at(std::string_view text, std::size_t i) {
    const auto u = static_cast<unsigned char>(text[i]);
    const std::size_t n = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > text.size())
        return 0;
    return utf8::first_invalid(text.substr(i, n)) ? 0 : n;
}

} // namespace

std::string percent_encode(std::string_view text, const Encoded& what) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            const std::size_t n = sequence_at(text, i);
            if (n == 0 || what.non_ascii) {
                // An ill-formed byte alone; a well-formed sequence whole.
                for (const std::size_t end = i + (n ? n : 1); i < end; ++i) {
                    out += '%';
                    append_hex_byte(out, static_cast<unsigned char>(text[i]));
                }
            } else {
                out.append(text.substr(i, n));
                i += n;
            }
            continue;
        }
        const bool encode = (what.controls_and_space && (u <= 0x20 || u == 0x7F)) ||
                            what.also.find(c) != std::string_view::npos;
        if (encode) {
            out += '%';
            append_hex_byte(out, u);
        } else {
            out += c;
        }
        ++i;
    }
    return out;
}

std::string path_reference(std::string_view generic_path) {
    return percent_encode(generic_path, file_path);
}

std::optional<std::string> scheme(std::string_view reference) {
    const std::size_t colon = reference.find(':');
    if (colon == std::string_view::npos || reference.find_first_of("/?#") < colon)
        return std::nullopt;
    std::string out(reference.substr(0, colon));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace chronik::uri
