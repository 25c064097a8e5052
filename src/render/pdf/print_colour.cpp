#include "print_colour.hpp"

#include <utility>

namespace chronik::render::pdf {

PrintColours::PrintColours(std::shared_ptr<const colour::OutputProfile> profile)
    : profile_(std::move(profile)) {}

std::shared_ptr<const colour::OutputProfile> PrintColours::profile_for(const style::Print& print) {
    return print.profile.empty() ? colour::OutputProfile::builtin()
                                 : colour::OutputProfile::load(print.profile);
}

PrintColours::Paint PrintColours::paint(const style::Color& c) const {
    if (!profile_)
        return {false, {c.r / 255.0, c.g / 255.0, c.b / 255.0, 0}};
    if (c.cmyk)
        return {true, {c.c / 100.0, c.m / 100.0, c.y / 100.0, c.k / 100.0}};
    const std::uint32_t key = std::uint32_t{c.r} << 16 | std::uint32_t{c.g} << 8 | c.b;
    if (const auto it = cache_.find(key); it != cache_.end())
        return it->second;
    const colour::Cmyk inks = profile_->from_srgb({c.r, c.g, c.b});
    const Paint p{true, {inks.c, inks.m, inks.y, inks.k}};
    cache_.emplace(key, p);
    return p;
}

void PrintColours::fill(ContentStream& cs, const style::Color& c) const {
    if (!profile_) {
        cs.fill_color(c);
        return;
    }
    const auto v = paint(c).values;
    cs.fill_cmyk(v[0], v[1], v[2], v[3]);
}

void PrintColours::stroke(ContentStream& cs, const style::Color& c) const {
    if (!profile_) {
        cs.stroke_color(c);
        return;
    }
    const auto v = paint(c).values;
    cs.stroke_cmyk(v[0], v[1], v[2], v[3]);
}

} // namespace chronik::render::pdf
