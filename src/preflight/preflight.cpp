#include "preflight.hpp"

#include "rules.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace chronik::preflight {

void check(const Inputs& in) {
    check_image_resolution(in);
    check_image_bleed(in);
    check_small_text(in);
    check_total_ink(in);
    check_page_count(in);
}

std::string pages_text(std::vector<int> pages) {
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    if (pages.size() == 1)
        return "page " + std::to_string(pages.front());
    // A picture shown on every page would make a long line: three, then a count.
    constexpr std::size_t shown = 3;
    std::string s = "pages ";
    const std::size_t listed = pages.size() > shown + 1 ? shown : pages.size() - 1;
    for (std::size_t i = 0; i < listed; ++i)
        s += (i ? ", " : "") + std::to_string(pages[i]);
    if (pages.size() > shown + 1)
        return s + " and " + std::to_string(pages.size() - shown) + " more";
    return s + " and " + std::to_string(pages.back());
}

std::string whole(double v) {
    return std::to_string(std::llround(v));
}

std::string one_decimal(double v) {
    char buf[32];
    const double r = std::round(v * 10) / 10;
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed,
                                         r == std::floor(r) ? 0 : 1);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(r);
}

std::string inks_text(const Inks& i) {
    return "C " + whole(i.c * 100) + " % M " + whole(i.m * 100) + " % Y " + whole(i.y * 100) +
           " % K " + whole(i.k * 100) + " %";
}

std::string colour_text(const style::Color& c) {
    if (c.cmyk)
        return "cmyk(" + std::to_string(c.c) + "%, " + std::to_string(c.m) + "%, " +
               std::to_string(c.y) + "%, " + std::to_string(c.k) + "%)";
    static constexpr char hex[] = "0123456789abcdef";
    std::string s = "#";
    for (const unsigned v : {c.r, c.g, c.b}) {
        s += hex[v >> 4];
        s += hex[v & 15];
    }
    return s;
}

} // namespace chronik::preflight
