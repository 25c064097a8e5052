#include "tunables.hpp"

#include "style.hpp"

#include <cmath>
#include <stdexcept>

namespace chronik::style {

namespace {

// Keep docs/designs.md in step (tests/design_test.cpp compares them).
constexpr Tunable declared[] = {
    {"", tune::title_position, 0.3, "fraction", 0, 0.9,
     "on a title page of its own, how far down the text area the title block starts"},
    {"", tune::image_max_height, 0.45, "fraction", 0.05, 1,
     "the tallest a picture may be, as a part of the text area's height"},
    {"", tune::image_dpi, 150, "dpi", 36, 1200,
     "pixels per inch a picture is shown at, at most (small pictures are not blown up)"},
    {"brochure", "rail-width", 0, "mm", 0, 60,
     "width of the timeline column left of the text; 0 = a tenth of the measure, 9 to 16 mm"},
    {"brochure", "title-bar-width", 36, "mm", 0, 200,
     "length of the accent bar above the title on the title page (0: none)"},
    {"brochure", "cover-height", 0.42, "fraction", 0.1, 0.9,
     "how far down the title page a cover photo reaches, as a part of the page's height"},
    {"brochure", "logo-width", 30, "mm", 5, 100,
     "the widest the organisation's logo is shown on the title page"},
    {"brochure", "logo-height", 16, "mm", 5, 100,
     "the tallest the organisation's logo is shown on the title page"},
    {"brochure", "one-liner-date-width", 30, "mm", 5, 100,
     "column for the date of a dated one-liner, at most a third of the text column"},
    {"factsheet", "milestones", 5, "count", 1, 30,
     "how many of the most recent milestones the fact sheet lists"},
    {"factsheet", "band-padding", 9, "mm", 0, 40,
     "space between the coloured title band's edges and the title block inside it"},
    {"factsheet", "date-column", 32, "mm", 10, 80,
     "width of the column that holds each milestone's date"},
};

constexpr std::string_view designs[] = {"brochure", "factsheet"};

} // namespace

std::span<const Tunable> tunables() {
    return declared;
}

const Tunable* find_tunable(std::string_view name) {
    for (const auto& t : declared)
        if (t.name == name)
            return &t;
    return nullptr;
}

std::span<const std::string_view> design_names() {
    return designs;
}

double tunable(const Style& s, std::string_view name) {
    const Tunable* t = find_tunable(name);
    if (!t)
        throw std::logic_error("tunable '" + std::string(name) + "' is not declared");
    if (const auto it = s.tunables.find(name); it != s.tunables.end())
        return it->second;
    return t->default_value;
}

long long tunable_per_mille(const Style& s, std::string_view name) {
    return std::llround(tunable(s, name) * 1000);
}

} // namespace chronik::style
