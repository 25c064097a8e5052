#include "image_resample.hpp"

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

} // namespace

std::string downscale(std::string_view samples, int width, int height, int channels, int to_width,
                      int to_height) {
    if (width <= 0 || height <= 0 || channels <= 0 || to_width <= 0 || to_height <= 0 ||
        to_width > width || to_height > height ||
        samples.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                              static_cast<std::size_t>(channels))
        throw std::invalid_argument("downscale: sizes do not fit");
    const auto xs = spans(width, to_width);
    const auto ys = spans(height, to_height);
    const std::size_t row = static_cast<std::size_t>(to_width) * static_cast<std::size_t>(channels);
    // One source row reduced across (sums of value x weight, at most
    // 255 x width), then added into the new rows it touches with its
    // weight down (sums at most 255 x width x height).
    std::vector<std::uint64_t> across(row), current(row), next(row);
    std::string out(row * static_cast<std::size_t>(to_height), '\0');
    // Every new pixel gathers weights summing to width across and height
    // down: its sum over width x height is its mean.
    const std::uint64_t unit =
        static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
    int done = 0; // new rows written
    auto emit = [&](std::vector<std::uint64_t>& sums) {
        char* dst = out.data() + row * static_cast<std::size_t>(done);
        for (std::size_t k = 0; k < row; ++k)
            dst[k] = static_cast<char>((sums[k] + unit / 2) / unit);
        ++done;
    };
    int row_of_current = 0;
    for (int y = 0; y < height; ++y) {
        const unsigned char* src = reinterpret_cast<const unsigned char*>(samples.data()) +
                                   static_cast<std::size_t>(y) * width * channels;
        std::fill(across.begin(), across.end(), 0);
        for (int x = 0; x < width; ++x) {
            const Span s = xs[static_cast<std::size_t>(x)];
            const std::size_t at = static_cast<std::size_t>(s.first) * channels;
            const std::uint64_t rest = static_cast<std::uint64_t>(to_width - s.weight);
            for (int c = 0; c < channels; ++c) {
                const std::uint64_t v = src[static_cast<std::size_t>(x) * channels + c];
                across[at + c] += v * static_cast<std::uint64_t>(s.weight);
                if (rest)
                    across[at + channels + c] += v * rest;
            }
        }
        const Span s = ys[static_cast<std::size_t>(y)];
        while (row_of_current < s.first) { // the rows before are complete
            emit(current);
            current.swap(next);
            std::fill(next.begin(), next.end(), 0);
            ++row_of_current;
        }
        const std::uint64_t rest = static_cast<std::uint64_t>(to_height - s.weight);
        for (std::size_t k = 0; k < row; ++k) {
            current[k] += across[k] * static_cast<std::uint64_t>(s.weight);
            if (rest)
                next[k] += across[k] * rest;
        }
    }
    while (done < to_height) {
        emit(current);
        current.swap(next);
        std::fill(next.begin(), next.end(), 0);
    }
    return out;
}

} // namespace chronik::render::pdf
