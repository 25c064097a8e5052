// LittleCMS 2 behind chronik::colour (colour.hpp): the one file that includes
// lcms2.h. Every handle lives in a unique_ptr with its lcms2 release function;
// each OutputProfile has its own context, destroyed after the profiles and
// transforms made in it.
#include "support/colour.hpp"

#include "support/builtin_icc.hpp"

#include <lcms2.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace chronik::colour {

namespace {

struct ContextRelease {
    void operator()(cmsContext c) const { cmsDeleteContext(c); }
};
struct ProfileRelease {
    void operator()(cmsHPROFILE p) const { cmsCloseProfile(p); }
};
struct TransformRelease {
    void operator()(cmsHTRANSFORM t) const { cmsDeleteTransform(t); }
};
using Context = std::unique_ptr<std::remove_pointer_t<cmsContext>, ContextRelease>;
using Profile = std::unique_ptr<void, ProfileRelease>;
using Transform = std::unique_ptr<void, TransformRelease>;

// lcms2 reports errors through the context's handler; it keeps the last
// message in the context's user data (a std::string) for the exception.
void record_error(cmsContext context, cmsUInt32Number, const char* text) {
    if (auto* last = static_cast<std::string*>(cmsGetContextUserData(context)))
        *last = text ? text : "";
}

std::uint32_t big_endian32(std::string_view bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
        v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

std::string signature(std::string_view bytes, std::size_t at) {
    std::string s(bytes.substr(at, 4));
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    return s;
}

// The header checks (ICC.1:2010 §7.2) before lcms2 parses anything, so
// each refusal says what is wrong in the words of the specification.
void check_header(std::string_view bytes, const std::string& name) {
    if (bytes.size() < 128 || bytes.substr(36, 4) != "acsp")
        throw std::runtime_error("'" + name + "' is not an ICC profile (no 'acsp' signature)");
    const std::uint32_t declared = big_endian32(bytes, 0);
    if (declared > bytes.size())
        throw std::runtime_error("'" + name + "' is truncated: its header says " +
                                 std::to_string(declared) + " bytes, the file has " +
                                 std::to_string(bytes.size()));
    const int major = static_cast<unsigned char>(bytes[8]);
    if (major >= 5)
        throw std::runtime_error("'" + name + "' is an ICC version " + std::to_string(major) +
                                 " (iccMAX) profile; an output intent takes version 2 or 4");
    if (signature(bytes, 16) != "CMYK")
        throw std::runtime_error("'" + name + "' is a profile for " + signature(bytes, 16) +
                                 " colour, not CMYK: an output profile describes the press's inks");
    if (signature(bytes, 12) != "prtr")
        throw std::runtime_error("'" + name + "' is a '" + signature(bytes, 12) +
                                 "' profile, not an output (prtr) profile");
}

// sRGB's decoding (IEC 61966-2-1): 8-bit value -> linear light, 0..1.
double srgb_linear(std::uint8_t v) {
    const double x = v / 255.0;
    return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
}

// CIE 1976 L* of a relative luminance Y (white = 1).
double lightness(double y) {
    constexpr double e = 216.0 / 24389.0, k = 24389.0 / 27.0;
    return y > e ? 116.0 * std::cbrt(y) - 16.0 : k * y;
}

double luminance(double l) {
    const double f = (l + 16.0) / 116.0;
    return l > 8.0 ? f * f * f : l * 27.0 / 24389.0;
}

double clamp01(double v) {
    return std::clamp(v, 0.0, 1.0);
}

constexpr cmsUInt32Number intent = INTENT_RELATIVE_COLORIMETRIC;
// No cache: lcms2's one-pixel cache is the only state cmsDoTransform writes,
// so without it one transform serves many threads.
constexpr cmsUInt32Number flags = cmsFLAGS_BLACKPOINTCOMPENSATION | cmsFLAGS_NOCACHE;

} // namespace

double total_ink(const Cmyk& c) {
    return 100.0 * (c.c + c.m + c.y + c.k);
}

struct OutputProfile::Impl {
    std::string bytes;
    std::string last_error; // the context's user data
    Context context;
    Profile profile, srgb, lab;
    Transform to_cmyk, to_rgb, pixels;
    std::string description;
    std::array<double, 256> grey_k{}; // K for each sRGB grey level
    std::mutex source_mutex;          // cmyk_pixels with a picture's own profile

    std::string error() const { return last_error.empty() ? "" : ": " + last_error; }
    Transform transform(cmsHPROFILE from, cmsUInt32Number in, cmsHPROFILE to, cmsUInt32Number out,
                        cmsUInt32Number how) const {
        return Transform(cmsCreateTransformTHR(context.get(), from, in, to, out, intent, how));
    }
    void make_grey_table(const std::string& name);
};

// Greys on the black plate alone. K-only black is lighter than the press's
// four-colour black (FOGRA39: L* about 18 against 7), so matching sRGB's L*
// directly would print every grey darker than that as solid K and lose the
// difference between #111 and #333. We first compensate black points as
// lcms2 does for all colours (Adobe's BPC: linear in Y, sRGB black onto the
// black of K alone, white onto the paper), then find by bisection the K whose
// L* (relative colorimetric) equals that of the compensated grey. L* falls as
// K rises, so the bisection converges; 40 halvings leave K within 1e-12.
// All 256 levels are worked out at once, one transform of 256 pixels a step.
void OutputProfile::Impl::make_grey_table(const std::string& name) {
    Transform k_to_lab =
        transform(profile.get(), TYPE_CMYK_DBL, lab.get(), TYPE_Lab_DBL, cmsFLAGS_NOCACHE);
    if (!k_to_lab)
        throw std::runtime_error("'" + name + "' gives no transform to L*a*b*" + error());
    auto lightness_of_k = [&](const std::array<double, 256>& k, std::array<double, 256>& l) {
        std::array<cmsCIELab, 256> out{};
        std::array<double, 4 * 256> in{};
        for (std::size_t i = 0; i < 256; ++i)
            in[4 * i + 3] = 100.0 * k[i]; // lcms2's doubles for CMYK are per cent
        cmsDoTransform(k_to_lab.get(), in.data(), out.data(), 256);
        for (std::size_t i = 0; i < 256; ++i)
            l[i] = out[i].L;
    };
    std::array<double, 256> k{}, l{}, target{}, lo{}, hi{};
    k.fill(1.0);
    lightness_of_k(k, l);
    const double black_y = luminance(l[0]);
    for (std::size_t v = 0; v < 256; ++v) {
        target[v] =
            lightness(black_y + (1.0 - black_y) * srgb_linear(static_cast<std::uint8_t>(v)));
        lo[v] = 0.0;
        hi[v] = 1.0;
    }
    for (int step = 0; step < 40; ++step) {
        for (std::size_t v = 0; v < 256; ++v)
            k[v] = 0.5 * (lo[v] + hi[v]);
        lightness_of_k(k, l);
        for (std::size_t v = 0; v < 256; ++v)
            (l[v] > target[v] ? lo[v] : hi[v]) = k[v];
    }
    for (std::size_t v = 0; v < 256; ++v)
        grey_k[v] = 0.5 * (lo[v] + hi[v]);
    grey_k[0] = 1.0; // exactly: black is solid K, white no ink
    grey_k[255] = 0.0;
}

OutputProfile::OutputProfile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OutputProfile::~OutputProfile() = default;

std::shared_ptr<const OutputProfile> OutputProfile::make(std::string bytes,
                                                         const std::string& name) {
    check_header(bytes, name);
    auto impl = std::make_unique<Impl>();
    impl->bytes = std::move(bytes);
    impl->context.reset(cmsCreateContext(nullptr, &impl->last_error));
    if (!impl->context)
        throw std::runtime_error("LittleCMS could not make a context");
    cmsSetLogErrorHandlerTHR(impl->context.get(), record_error);
    cmsContext ctx = impl->context.get();
    impl->profile.reset(cmsOpenProfileFromMemTHR(ctx, impl->bytes.data(),
                                                 static_cast<cmsUInt32Number>(impl->bytes.size())));
    if (!impl->profile)
        throw std::runtime_error("'" + name + "' is not a readable ICC profile" + impl->error());
    impl->srgb.reset(cmsCreate_sRGBProfileTHR(ctx));
    impl->lab.reset(cmsCreateLab4ProfileTHR(ctx, nullptr));
    if (!impl->srgb || !impl->lab)
        throw std::runtime_error("LittleCMS could not make its sRGB and Lab profiles" +
                                 impl->error());
    impl->to_cmyk =
        impl->transform(impl->srgb.get(), TYPE_RGB_8, impl->profile.get(), TYPE_CMYK_DBL, flags);
    impl->to_rgb =
        impl->transform(impl->profile.get(), TYPE_CMYK_DBL, impl->srgb.get(), TYPE_RGB_8, flags);
    impl->pixels =
        impl->transform(impl->srgb.get(), TYPE_RGB_8, impl->profile.get(), TYPE_CMYK_8, flags);
    if (!impl->to_cmyk || !impl->to_rgb || !impl->pixels)
        throw std::runtime_error("'" + name +
                                 "' lacks what a relative colorimetric transform from and to "
                                 "sRGB needs" +
                                 impl->error());
    impl->make_grey_table(name);
    char text[256] = {};
    cmsGetProfileInfoASCII(impl->profile.get(), cmsInfoDescription, "en", "US", text, sizeof text);
    impl->description = text;
    impl->last_error.clear();
    return std::shared_ptr<const OutputProfile>(new OutputProfile(std::move(impl)));
}

std::shared_ptr<const OutputProfile> OutputProfile::builtin() {
    static const std::shared_ptr<const OutputProfile> profile =
        make(std::string(fogra39l_coated_icc()), "FOGRA39L_coated.icc");
    return profile;
}

std::shared_ptr<const OutputProfile> OutputProfile::load(const std::string& path) {
    // A device or a FIFO (profile="/dev/zero") would never end; no profile
    // needs more than a few MiB (FOGRA39L: 119 KiB).
    constexpr std::uintmax_t max_bytes = 64u << 20;
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw std::runtime_error("'" + path + "' is not a file");
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_bytes)
        throw std::runtime_error("'" + path + "' is too large for an ICC profile (" +
                                 std::to_string(size) + " bytes; the limit is " +
                                 std::to_string(max_bytes) + ")");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read ICC profile '" + path + "': " + std::strerror(errno));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw std::runtime_error("cannot read ICC profile '" + path + "'");
    return make(std::move(bytes), path);
}

std::string_view OutputProfile::icc() const {
    return impl_->bytes;
}

std::string OutputProfile::description() const {
    return impl_->description;
}

Cmyk OutputProfile::from_srgb(Rgb c) const {
    if (c.r == c.g && c.g == c.b)
        return {0, 0, 0, impl_->grey_k[c.r]};
    const std::uint8_t in[3] = {c.r, c.g, c.b};
    double out[4] = {};
    cmsDoTransform(impl_->to_cmyk.get(), in, out, 1);
    return {clamp01(out[0] / 100), clamp01(out[1] / 100), clamp01(out[2] / 100),
            clamp01(out[3] / 100)};
}

Rgb OutputProfile::to_srgb(Cmyk c) const {
    const double in[4] = {100 * clamp01(c.c), 100 * clamp01(c.m), 100 * clamp01(c.y),
                          100 * clamp01(c.k)};
    std::uint8_t out[3] = {};
    cmsDoTransform(impl_->to_rgb.get(), in, out, 1);
    return {out[0], out[1], out[2]};
}

std::string OutputProfile::cmyk_pixels(std::string_view rgb, std::string_view source_icc) const {
    if (rgb.size() % 3 != 0)
        throw std::runtime_error("RGB pixels: " + std::to_string(rgb.size()) +
                                 " bytes are not whole pixels of 3");
    const std::size_t count = rgb.size() / 3;
    std::string out(4 * count, '\0');
    if (count == 0)
        return out;
    cmsHTRANSFORM use = impl_->pixels.get();
    Transform own;
    if (!source_icc.empty()) {
        // The context's error message is shared: one picture profile at a time.
        std::lock_guard<std::mutex> lock(impl_->source_mutex);
        impl_->last_error.clear();
        Profile source(cmsOpenProfileFromMemTHR(impl_->context.get(), source_icc.data(),
                                                static_cast<cmsUInt32Number>(source_icc.size())));
        if (!source)
            throw std::runtime_error("the picture's ICC profile is unreadable" + impl_->error());
        if (cmsGetColorSpace(source.get()) != cmsSigRgbData)
            throw std::runtime_error("the picture's ICC profile is not an RGB profile");
        own = impl_->transform(source.get(), TYPE_RGB_8, impl_->profile.get(), TYPE_CMYK_8, flags);
        if (!own)
            throw std::runtime_error("the picture's ICC profile gives no transform to CMYK" +
                                     impl_->error());
        use = own.get();
    }
    // cmsDoTransform counts pixels in 32 bits: large pictures go in slices.
    constexpr std::size_t slice = std::size_t{1} << 24;
    for (std::size_t at = 0; at < count; at += slice) {
        const std::size_t n = std::min(slice, count - at);
        cmsDoTransform(use, rgb.data() + 3 * at, out.data() + 4 * at,
                       static_cast<cmsUInt32Number>(n));
    }
    return out;
}

} // namespace chronik::colour
