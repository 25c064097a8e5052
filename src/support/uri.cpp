#include "uri.hpp"

#include "strings.hpp"

namespace chronik::uri {

std::string percent_encode(std::string_view text, const Encoded& what) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool encode = (what.controls_and_space && (u <= 0x20 || u == 0x7F)) ||
                            (what.non_ascii && u >= 0x80) ||
                            what.also.find(c) != std::string_view::npos;
        if (encode) {
            out += '%';
            append_hex_byte(out, u);
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace chronik::uri
