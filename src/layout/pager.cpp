#include "pager.hpp"

#include <optional>
#include <utility>

namespace chronik::layout {

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

// The end of the figure that starts at `j` (one past its last slice).
std::size_t figure_end(const std::vector<Slice>& slices, std::size_t j) {
    std::size_t e = j + 1;
    while (e < slices.size() && slices[e].float_id == slices[j].float_id)
        ++e;
    return e;
}

// Its height from its first slice's top, with the gaps inside it.
Length figure_height(const std::vector<Slice>& slices, std::size_t from, std::size_t to) {
    Length h = slices[from].height;
    for (std::size_t k = from + 1; k < to; ++k)
        h += slices[k].space_before + slices[k].height;
    return h;
}

} // namespace

std::vector<std::vector<PlacedSlice>> paginate(const std::vector<Slice>& slices, Length area_top,
                                               Length area_height) {
    std::vector<std::vector<PlacedSlice>> pages;
    const std::size_t n = slices.size();
    std::size_t i = 0;
    // A figure moved to the top of the page being made: [first, second).
    std::optional<std::pair<std::size_t, std::size_t>> carried;
    while (i < n || carried) {
        std::vector<PlacedSlice> page;
        Length y = 0;
        const auto put = [&](std::size_t k) {
            const Length gap = page.empty() ? 0 : slices[k].space_before;
            page.push_back({k, area_top + y + gap});
            y += gap + slices[k].height;
        };
        if (carried) {
            for (std::size_t k = carried->first; k < carried->second; ++k)
                put(k);
            carried.reset();
        }
        std::size_t j = i;
        std::size_t cut = n;
        std::size_t last_allowed = none;
        // A figure on this page that did not fit: the slices after it of its
        // group pass it; it opens the next page.
        std::optional<std::pair<std::size_t, std::size_t>> deferred;
        for (; j < n; ++j) {
            const Slice& s = slices[j];
            if (j > i && s.before == BreakBefore::Page) {
                cut = j;
                break;
            }
            if (deferred && s.group != slices[deferred->first].group) {
                // Only its own section passes a figure.
                cut = s.before == BreakBefore::Allowed ? j
                      : last_allowed != none           ? last_allowed
                                                       : deferred->first;
                break;
            }
            const bool starts_figure =
                s.float_id > 0 && (j == 0 || slices[j - 1].float_id != s.float_id);
            if (starts_figure && !deferred && j > i && !page.empty() &&
                s.before == BreakBefore::Allowed) {
                const std::size_t e = figure_end(slices, j);
                if (y + s.space_before + figure_height(slices, j, e) > area_height) {
                    deferred = std::pair{j, e};
                    last_allowed = j; // the page may end where the figure stood
                    j = e - 1;
                    continue;
                }
            }
            const Length gap = page.empty() ? 0 : s.space_before;
            if (!page.empty() && y + gap + s.height > area_height) {
                if (s.before == BreakBefore::Allowed)
                    cut = j;
                else if (last_allowed != none && last_allowed > i)
                    cut = last_allowed;
                else
                    cut = j; // the whole page is one keep chain: break anyway
                // ... but never inside a figure (unless it is all the page
                // holds, and taller than it).
                std::size_t start = cut;
                while (start > i && start < n && slices[start].float_id > 0 &&
                       slices[start].float_id == slices[start - 1].float_id)
                    --start;
                if (start > i || (start == i && page.front().slice < i))
                    cut = start;
                break;
            }
            if (j > i && s.before == BreakBefore::Allowed)
                last_allowed = j;
            put(j);
        }
        if (j == n && !deferred)
            cut = n;
        else if (j == n)
            cut = n; // the section's text ran out: the figure follows on the next page
        while (!page.empty() && page.back().slice >= cut && page.back().slice >= i)
            page.pop_back();
        if (deferred && cut > deferred->first)
            carried = deferred; // else the page ends before the figure: it stays in line
        pages.push_back(std::move(page));
        i = carried && cut < carried->second ? carried->second : cut;
    }
    return pages;
}

} // namespace chronik::layout
