#include "docx_units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

namespace chronik::render::docx {

std::int64_t twips_from_pt(double pt) {
    return std::llround(pt * twips_per_pt);
}

std::int64_t twips_from_mm(double mm) {
    return std::llround(mm * 72.0 / 25.4 * twips_per_pt);
}

std::int64_t half_points(double pt) {
    return std::llround(pt * 2);
}

std::int64_t emu_from_twips(std::int64_t twips) {
    return twips * emu_per_pt / twips_per_pt;
}

std::string hex_rgb(const style::Color& c) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string s;
    for (auto v : {c.r, c.g, c.b}) {
        s += hex[v >> 4];
        s += hex[v & 15];
    }
    return s;
}

std::string num(std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string w3cdtf(std::int64_t epoch) {
    const CivilTime t = civil_time(epoch);
    auto two = [](int v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); };
    std::string year = num(t.year);
    while (year.size() < 4)
        year.insert(year.begin(), '0');
    return year + '-' + two(t.month) + '-' + two(t.day) + 'T' + two(t.hour) + ':' + two(t.minute) +
           ':' + two(t.second) + 'Z';
}

std::string word_language(std::string_view tag) {
    // The usual region of the languages a chronicle is likely written in.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> regions = {{
        {"de", "DE"},
        {"en", "US"},
        {"fr", "FR"},
        {"it", "IT"},
        {"es", "ES"},
        {"nl", "NL"},
        {"pl", "PL"},
        {"cs", "CZ"},
        {"da", "DK"},
        {"sv", "SE"},
        {"pt", "PT"},
        {"fi", "FI"},
    }};
    std::string out;
    std::string_view rest = tag;
    bool first = true, has_region = false;
    while (!rest.empty()) {
        const auto dash = rest.find('-');
        std::string part(rest.substr(0, dash));
        rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
        if (first) {
            for (auto& c : part)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (part.size() == 2 ||
                   (part.size() == 3 && std::isdigit(static_cast<unsigned char>(part[0])))) {
            has_region = true;
            for (auto& c : part)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        out += (first ? "" : "-") + part;
        first = false;
    }
    if (!has_region && out.find('-') == std::string::npos)
        for (const auto& [lang, region] : regions)
            if (out == lang)
                return out + '-' + std::string(region);
    return out;
}

} // namespace chronik::render::docx
