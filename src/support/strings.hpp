// String formatters every module used to write by hand: joining names
// into a list for a message ("pdf, docx, md"), bytes or code points as
// upper-case hexadecimal ("0x1F", "U+00E4", "%20"), any bytes made fit for
// a message, text escaped for markup.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chronik {

// The items (anything a string_view can be made of) with `separator`
// between them: join({"pdf", "docx"}) == "pdf, docx"; "" for none.
template <class Range> std::string join(const Range& items, std::string_view separator = ", ") {
    std::string out;
    bool first = true;
    for (const auto& item : items) {
        if (!first)
            out += separator;
        out += std::string_view(item);
        first = false;
    }
    return out;
}

// `value` in upper-case hexadecimal, at least `digits` digits, no prefix:
// hex(0x1F, 2) == "1F", hex(0xE4, 4) == "00E4".
std::string hex(std::uint32_t value, int digits);

// Appends one byte as two upper-case hexadecimal digits.
void append_hex_byte(std::string& out, unsigned char byte);

// `s` for a message on a terminal: tab and newline as \t and \n, other
// control characters (C0, DEL, C1) as \xHH or \u0085, each byte of
// ill-formed UTF-8 as \xHH; everything else as it is.
std::string printable(std::string_view s);

// `s` as text (or a double-quoted attribute value) of XML or HTML: & < > "
// as &amp; &lt; &gt; &quot;, everything else as it is.
std::string escape_markup(std::string_view s);

} // namespace chronik
