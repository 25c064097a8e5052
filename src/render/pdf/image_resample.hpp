// Area-average downscaling of 8-bit pixels, for pictures placed at more
// resolution than the PDF needs (pdf_images.hpp). Each new pixel is the
// mean of the source area it covers, partly covered pixels counted by
// the part (a box filter; the standard for reduction, since it neither
// rings nor skips pixels). Integer arithmetic only: the same pixels on
// every machine.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace chronik::render::pdf {

// `samples`: `width` x `height` pixels of `channels` interleaved bytes,
// rows top down. Returns `to_width` x `to_height` pixels (each at least 1
// and at most the source's: never enlarges).
std::string downscale(std::string_view samples, int width, int height, int channels, int to_width,
                      int to_height);

// The same for a picture with an alpha channel (`alpha`, one byte a pixel):
// colours averaged weighted by their alpha (as premultiplied colour would
// be), so the colour under transparent pixels, which nothing shows, does
// not darken or tint the edges; alpha averaged as it is. Returns the new
// colour samples and the new alpha.
std::pair<std::string, std::string> downscale_masked(std::string_view colour,
                                                     std::string_view alpha, int width, int height,
                                                     int channels, int to_width, int to_height);

} // namespace chronik::render::pdf
