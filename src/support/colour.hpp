// Managed colour for print: sRGB colours and pictures into the inks of a
// CMYK output profile, with LittleCMS 2 (this header's colour.cpp is the one
// file that includes lcms2.h; tests/architecture checks it).
//
// Units: Rgb in 8-bit sRGB; Cmyk in 0..1 per ink (1 = solid); total_ink in
// per cent (0..400).
//
// Threads: an OutputProfile is immutable once made. Each holds its own lcms2
// context (cmsCreateContext), so no state is shared with other profiles or
// with lcms2's global context; its transforms are built with
// cmsFLAGS_NOCACHE (lcms2's one-pixel cache is the only state a transform
// changes when used) and the K-only greys are worked out when the profile is
// loaded. So every const member may be called from any number of threads at
// once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace chronik::colour {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};
struct Cmyk {
    double c = 0, m = 0, y = 0, k = 0; // 0..1 each
};

// The sum of the four inks, in per cent (0..400): what a press limits
// (about 300 % to 340 % on coated offset paper).
double total_ink(const Cmyk&);

// An ICC output profile (CMYK) with the transforms chronik needs from it.
class OutputProfile {
public:
    // FOGRA39L_coated.icc (Debian texlive-base), linked into the binary at
    // build time; one shared instance.
    static std::shared_ptr<const OutputProfile> builtin();
    // Reads and checks path: throws std::runtime_error, naming what is wrong,
    // unless the file is an ICC profile of version < 5 for a CMYK output
    // device (class prtr) that lcms2 can build transforms from.
    static std::shared_ptr<const OutputProfile> load(const std::string& path);

    ~OutputProfile();
    OutputProfile(const OutputProfile&) = delete;
    OutputProfile& operator=(const OutputProfile&) = delete;

    std::string_view icc() const; // the profile's bytes (for the output intent)
    std::string description() const;

    // sRGB -> this profile, relative colorimetric with black point
    // compensation. Neutral greys (r == g == b) go to K alone, K chosen so
    // that L* matches the grey's (after black point compensation onto the
    // black of K alone: see colour.cpp).
    Cmyk from_srgb(Rgb) const;
    // This profile -> sRGB, relative colorimetric with black point
    // compensation: a sheet's cmyk() colour's look on screen.
    Rgb to_srgb(Cmyk) const;
    // Pixels: 8-bit interleaved RGB (source_icc: the picture's own profile,
    // empty = sRGB) -> 8-bit interleaved CMYK (255 = solid ink), relative
    // colorimetric with black point compensation. Greys in pictures are not
    // forced to K (that would band next to nearly grey pixels). Throws
    // std::runtime_error when rgb is not whole pixels or source_icc is not a
    // usable RGB profile.
    std::string cmyk_pixels(std::string_view rgb, std::string_view source_icc) const;

private:
    struct Impl;
    explicit OutputProfile(std::unique_ptr<Impl>);
    static std::shared_ptr<const OutputProfile> make(std::string bytes, const std::string& name);
    std::unique_ptr<Impl> impl_;
};

} // namespace chronik::colour
