// The style's colours on press: small text on one plate, total ink.
#include "rules.hpp"

#include <map>
#include <tuple>

namespace chronik::preflight {

namespace {

int plates(const Inks& i) {
    return (i.c >= ink_threshold) + (i.m >= ink_threshold) + (i.y >= ink_threshold) +
           (i.k >= ink_threshold);
}

// A role's line for messages about its colour: where the sheet wrote the
// colour, else where it wrote the size (the same element when both).
int role_line(const style::Style& s, std::size_t role) {
    return s.color_line[role] > 0 ? s.color_line[role] : s.size_line[role];
}

// "role 'caption'", "roles 'caption' and 'footer'"
std::string roles_text(const std::vector<std::size_t>& roles) {
    std::string s = roles.size() == 1 ? "role " : "roles ";
    for (std::size_t i = 0; i < roles.size(); ++i) {
        s += i == 0 ? "" : i + 1 == roles.size() ? " and " : ", ";
        s += "'" + std::string(style::role_names()[roles[i]]) + "'";
    }
    return s;
}

using Key = std::tuple<layout::Length, std::uint8_t, std::uint8_t, std::uint8_t, bool, std::uint8_t,
                       std::uint8_t, std::uint8_t, std::uint8_t>;

Key key_of(layout::Length size, const style::Color& c) {
    return {size, c.r, c.g, c.b, c.cmyk, c.c, c.m, c.y, c.k};
}

} // namespace

// Text under 6 pt printed in more than one ink: the plates never register
// exactly, and thin strokes in two inks show colour fringes and blur. One
// warning for each size and colour met, at the role that sets them.
void check_small_text(const Inputs& in) {
    const layout::Length limit = layout::pt(small_text_pt);
    struct Found {
        layout::Length size = 0;
        style::Color color;
        Inks inks;
        std::vector<int> pages;
    };
    std::map<Key, std::size_t> index;
    std::vector<Found> found;
    for (std::size_t p = 0; p < in.pages.pages.size(); ++p)
        for (const auto& item : in.pages.pages[p].items) {
            const auto* t = std::get_if<layout::TextItem>(&item);
            if (!t || t->size >= limit || t->text.empty())
                continue;
            const auto [it, fresh] = index.emplace(key_of(t->size, t->color), found.size());
            if (fresh) {
                const Inks inks = in.inks(t->color);
                found.push_back({t->size, t->color, inks, {}});
            }
            found[it->second].pages.push_back(static_cast<int>(p) + 1);
        }
    for (const auto& f : found) {
        const int n = plates(f.inks);
        if (n <= 1)
            continue;
        std::vector<std::size_t> roles;
        for (std::size_t r = 0; r < style::role_count; ++r)
            if (layout::pt(in.style.roles[r].size) == f.size && in.style.roles[r].color == f.color)
                roles.push_back(r);
        const std::string size = one_decimal(layout::to_pt(f.size)) + " pt";
        const std::string what =
            roles.empty()
                ? "text set at " + size
                : roles_text(roles) + (roles.size() == 1 ? " sets " : " set ") + size + " text";
        in.diags.warning(in.style.source, roles.empty() ? 0 : role_line(in.style, roles.front()),
                         what + " in " + colour_text(f.color) + ", which prints on " +
                             std::to_string(n) + " plates (" + inks_text(f.inks) + "; " +
                             pages_text(f.pages) + "): text under " + whole(small_text_pt) +
                             " pt blurs when the plates are out of register; give it a colour "
                             "of one ink (black or a grey prints on the black plate alone)");
    }
}

// Each role's colour through the output profile (or as written in CMYK):
// more than 300 % of ink smears and dries slowly on coated offset.
void check_total_ink(const Inputs& in) {
    for (std::size_t r = 0; r < style::role_count; ++r) {
        const auto& color = in.style.roles[r].color;
        const Inks inks = in.inks(color);
        const double sum = colour::total_ink(inks);
        // Whole per cent, as the message shows it: 300.4 % is 300 %.
        if (std::llround(sum) <= static_cast<long long>(max_total_ink))
            continue;
        in.diags.warning(in.style.source, in.style.color_line[r],
                         "role '" + std::string(style::role_names()[r]) + "' has the colour " +
                             colour_text(color) + ", which prints with " + whole(sum) +
                             " % total ink (" + inks_text(inks) + "), over the " +
                             whole(max_total_ink) + " % a press takes");
    }
}

} // namespace chronik::preflight
