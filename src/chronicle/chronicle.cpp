#include "chronicle.hpp"

#include <algorithm>
#include <charconv>

namespace chronik::chronicle {

std::optional<YearRange> years_in_label(std::string_view label) {
    // Every run of exactly four digits is a year; the label covers the
    // smallest to the largest of them.
    std::optional<YearRange> r;
    std::size_t i = 0;
    while (i < label.size()) {
        if (label[i] < '0' || label[i] > '9') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < label.size() && label[j] >= '0' && label[j] <= '9')
            ++j;
        if (j - i == 4) {
            int y = 0;
            std::from_chars(label.data() + i, label.data() + j, y);
            // "1990s", "1990er": a decade
            const auto rest = label.substr(j);
            const bool decade = y % 10 == 0 && (rest.starts_with("s") || rest.starts_with("er"));
            if (!r)
                r = YearRange{y, y};
            r->first = std::min(r->first, y);
            r->last = std::max(r->last, decade ? y + 9 : y);
        }
        i = j;
    }
    return r;
}

std::optional<YearRange> years_of(const Period& p) {
    if (p.milestones.empty())
        return std::nullopt;
    YearRange r{p.milestones.front().date.year, p.milestones.front().date.year};
    for (const auto& m : p.milestones) {
        r.first = std::min(r.first, m.date.year);
        r.last = std::max(r.last, m.date.year);
    }
    return r;
}

} // namespace chronik::chronicle
