#include "image_resample.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace chronik::render::pdf {

namespace {

// Where the source pixels fall in the new ones along one axis, in units
// of 1/(from * to) of the picture: source pixel j spans [j*to, (j+1)*to),
// new pixel i spans [i*from, (i+1)*from). Each source pixel touches one
// new pixel or two (to <= from); `first` is the first it touches and
// `weight` the part of it inside that one (the rest goes to the next).
struct Span {
    int first;
    std::int64_t weight;
};

std::vector<Span> spans(int from, int to) {
    std::vector<Span> out(static_cast<std::size_t>(from));
    for (int j = 0; j < from; ++j) {
        const std::int64_t start = static_cast<std::int64_t>(j) * to;
        const std::int64_t end = start + to;
        const int i = static_cast<int>(start / from);
        const std::int64_t boundary = static_cast<std::int64_t>(i + 1) * from;
        out[static_cast<std::size_t>(j)] = {i, end <= boundary ? to : boundary - start};
    }
    return out;
}

// The weighted sums of every new pixel, row by row: `row(y, values)` gives
// source row y (width x channels values), `emit(sums)` takes each new row
// in order. Every new pixel gathers weights summing to width across and
// height down. Sums stay below 2^64 for values under 2^16 and any picture
// the reader takes (at most 2^16 x 40,000,000).
template <class Row, class Emit>
void area_sums(int width, int height, int channels, int to_width, int to_height, Row row,
               Emit emit) {
    const auto xs = spans(width, to_width);
    const auto ys = spans(height, to_height);
    const auto ch = static_cast<std::size_t>(channels);
    const std::size_t out_row = static_cast<std::size_t>(to_width) * ch;
    std::vector<std::uint32_t> values(static_cast<std::size_t>(width) * ch);
    std::vector<std::uint64_t> across(out_row), current(out_row), next(out_row);
    int row_of_current = 0, done = 0;
    auto advance = [&] {
        emit(current);
        ++done;
        current.swap(next);
        std::fill(next.begin(), next.end(), 0);
    };
    for (int y = 0; y < height; ++y) {
        row(y, values.data());
        std::fill(across.begin(), across.end(), 0);
        for (int x = 0; x < width; ++x) {
            const Span s = xs[static_cast<std::size_t>(x)];
            const std::size_t at = static_cast<std::size_t>(s.first) * ch;
            const auto w = static_cast<std::uint64_t>(s.weight);
            const auto rest = static_cast<std::uint64_t>(to_width) - w;
            for (std::size_t c = 0; c < ch; ++c) {
                const std::uint64_t v = values[static_cast<std::size_t>(x) * ch + c];
                across[at + c] += v * w;
                if (rest)
                    across[at + ch + c] += v * rest;
            }
        }
        const Span s = ys[static_cast<std::size_t>(y)];
        for (; row_of_current < s.first; ++row_of_current)
            advance(); // the rows above are complete
        const auto w = static_cast<std::uint64_t>(s.weight);
        const auto rest = static_cast<std::uint64_t>(to_height) - w;
        for (std::size_t k = 0; k < out_row; ++k) {
            current[k] += across[k] * w;
            if (rest)
                next[k] += across[k] * rest;
        }
    }
    while (done < to_height)
        advance();
}

void check(std::size_t size, int width, int height, int channels, int to_width, int to_height) {
    if (width <= 0 || height <= 0 || channels <= 0 || to_width <= 0 || to_height <= 0 ||
        to_width > width || to_height > height ||
        size != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                    static_cast<std::size_t>(channels))
        throw std::invalid_argument("downscale: sizes do not fit");
}

} // namespace

std::string downscale(std::string_view samples, int width, int height, int channels, int to_width,
                      int to_height) {
    check(samples.size(), width, height, channels, to_width, to_height);
    const auto* src = reinterpret_cast<const unsigned char*>(samples.data());
    const std::size_t in_row = static_cast<std::size_t>(width) * channels;
    const std::size_t out_row = static_cast<std::size_t>(to_width) * channels;
    const std::uint64_t unit = static_cast<std::uint64_t>(width) * height;
    std::string out;
    out.reserve(out_row * static_cast<std::size_t>(to_height));
    area_sums(
        width, height, channels, to_width, to_height,
        [&](int y, std::uint32_t* v) {
            const unsigned char* r = src + in_row * static_cast<std::size_t>(y);
            std::copy(r, r + in_row, v);
        },
        [&](const std::vector<std::uint64_t>& sums) {
            for (const std::uint64_t s : sums)
                out += static_cast<char>((s + unit / 2) / unit);
        });
    return out;
}

std::pair<std::string, std::string> downscale_masked(std::string_view colour,
                                                     std::string_view alpha, int width, int height,
                                                     int channels, int to_width, int to_height) {
    check(colour.size(), width, height, channels, to_width, to_height);
    check(alpha.size(), width, height, 1, to_width, to_height);
    const auto* c = reinterpret_cast<const unsigned char*>(colour.data());
    const auto* a = reinterpret_cast<const unsigned char*>(alpha.data());
    const auto ch = static_cast<std::size_t>(channels);
    const std::uint64_t unit = static_cast<std::uint64_t>(width) * height;
    std::pair<std::string, std::string> out;
    out.first.reserve(static_cast<std::size_t>(to_width) * to_height * ch);
    out.second.reserve(static_cast<std::size_t>(to_width) * to_height);
    // Colour weighted by alpha (premultiplied), then alpha itself.
    area_sums(
        width, height, channels + 1, to_width, to_height,
        [&](int y, std::uint32_t* v) {
            const std::size_t p0 = static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
            for (std::size_t x = 0; x < static_cast<std::size_t>(width); ++x) {
                const std::uint32_t alpha_of = a[p0 + x];
                for (std::size_t k = 0; k < ch; ++k)
                    v[x * (ch + 1) + k] = c[(p0 + x) * ch + k] * alpha_of;
                v[x * (ch + 1) + ch] = alpha_of;
            }
        },
        [&](const std::vector<std::uint64_t>& sums) {
            for (std::size_t i = 0; i < sums.size(); i += ch + 1) {
                const std::uint64_t weight = sums[i + ch];
                for (std::size_t k = 0; k < ch; ++k)
                    out.first +=
                        static_cast<char>(weight ? (sums[i + k] + weight / 2) / weight : 0);
                out.second += static_cast<char>((weight + unit / 2) / unit);
            }
        });
    return out;
}

} // namespace chronik::render::pdf
