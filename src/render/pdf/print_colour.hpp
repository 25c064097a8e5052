// What the painter writes for a style colour: in a screen PDF DeviceRGB from
// r, g, b as always; in a print PDF (--pdf-standard x-4) DeviceCMYK in the
// output profile's inks:
//   - a colour the sheet wrote as cmyk() as written;
//   - a neutral grey or black (r == g == b) on the black plate alone,
//     "0 0 0 K k", so small text never prints in four inks (issue 13: the
//     body text #222222 separated into C79 M71 Y62 K78 as DeviceRGB);
//   - any other sRGB colour through the profile (support/colour.hpp:
//     relative colorimetric with black point compensation);
//   - white as "0 0 0 0 k": no ink, paper (the rail markers).
// K alone is written as DeviceCMYK rather than DeviceGray ("g"): a RIP or
// Ghostscript may send DeviceGray through a default grey profile (a dot gain
// curve, DefaultGray), so its K would differ from the one chosen here, and
// a preflight would report it as an unmanaged grey; "0 0 0 K k" is the
// output intent's own colour space, printed as written.
#pragma once

#include "content_stream.hpp"
#include "style/style.hpp"
#include "support/colour.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace chronik::render::pdf {

// One painter's: the cache is not guarded, so not for two threads at once.
class PrintColours {
public:
    // The screen PDF's: DeviceRGB, byte for byte what chronik always wrote.
    PrintColours() = default;
    // The print PDF's, in the inks of `profile`.
    explicit PrintColours(std::shared_ptr<const colour::OutputProfile> profile);
    // The output profile a style's <print> names: its profile file
    // (checked when the sheet was read; throws std::runtime_error if it has
    // gone bad since), else the built-in FOGRA39.
    static std::shared_ptr<const colour::OutputProfile> profile_for(const style::Print& print);

    // What is written for a colour: DeviceRGB (values r, g, b in 0..1) or
    // DeviceCMYK (c, m, y, k in 0..1).
    struct Paint {
        bool cmyk = false;
        std::array<double, 4> values{};
    };
    Paint paint(const style::Color& c) const;

    void fill(ContentStream& cs, const style::Color& c) const;
    void stroke(ContentStream& cs, const style::Color& c) const;

    bool print() const { return profile_ != nullptr; }
    // The print PDF's profile (for its output intent); null for the screen.
    const std::shared_ptr<const colour::OutputProfile>& profile() const { return profile_; }
    std::size_t cached() const { return cache_.size(); }

private:
    std::shared_ptr<const colour::OutputProfile> profile_;
    // sRGB colours converted so far (a document has a handful): the
    // painter asks at every change of colour.
    mutable std::unordered_map<std::uint32_t, Paint> cache_;
};

} // namespace chronik::render::pdf
