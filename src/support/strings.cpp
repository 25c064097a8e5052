#include "strings.hpp"

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

} // namespace chronik
