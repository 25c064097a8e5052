#include "pager.hpp"

namespace chronik::layout {

std::vector<std::vector<PlacedSlice>> paginate(const std::vector<Slice>& slices, Length area_top,
                                               Length area_height) {
    std::vector<std::vector<PlacedSlice>> pages;
    std::size_t i = 0;
    const std::size_t n = slices.size();
    while (i < n) {
        std::vector<PlacedSlice> page;
        Length y = 0;
        std::size_t j = i;
        std::size_t cut = n;
        std::size_t last_allowed = i; // i = none yet
        for (; j < n; ++j) {
            const Slice& s = slices[j];
            if (j > i && s.before == BreakBefore::Page) {
                cut = j;
                break;
            }
            const Length gap = j == i ? 0 : s.space_before;
            if (j > i && y + gap + s.height > area_height) {
                if (s.before == BreakBefore::Allowed)
                    cut = j;
                else if (last_allowed > i)
                    cut = last_allowed;
                else
                    cut = j; // the whole page is one keep chain: break anyway
                break;
            }
            if (j > i && s.before == BreakBefore::Allowed)
                last_allowed = j;
            page.push_back({j, area_top + y + gap});
            y += gap + s.height;
        }
        if (j == n)
            cut = n;
        while (!page.empty() && page.back().slice >= cut)
            page.pop_back();
        pages.push_back(std::move(page));
        i = cut;
    }
    return pages;
}

} // namespace chronik::layout
