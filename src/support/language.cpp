#include "language.hpp"

#include <cctype>

namespace chronik {

bool is_language_tag(std::string_view tag) {
    std::size_t i = 0;
    bool first = true;
    while (true) {
        const std::size_t j = tag.find('-', i);
        const auto sub =
            tag.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
        if (sub.empty() || sub.size() > 8)
            return false;
        for (char c : sub) {
            const auto u = static_cast<unsigned char>(c);
            if (first ? !std::isalpha(u) : !std::isalnum(u))
                return false;
            if (u >= 0x80)
                return false;
        }
        if (first && (sub.size() == 4 || sub.size() == 1))
            return false;
        first = false;
        if (j == std::string_view::npos)
            return true;
        i = j + 1;
    }
}

std::string primary_language(std::string_view tag) {
    std::string out(tag.substr(0, tag.find('-')));
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace chronik
