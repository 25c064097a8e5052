#include "pdf_images.hpp"

#include "image_for_pdf.hpp"
#include "image_resample.hpp"
#include "pdf_standards.hpp"

#include "layout/units.hpp"
#include "support/jpeg_file.hpp"
#include "support/png_file.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace chronik::render::pdf {

namespace {

constexpr int jpeg_quality = 90;

// The new size of one side: `pixels` x `factor`, rounded up, so the result
// stays at or above the target resolution.
int scaled(int pixels, double factor) {
    const double v = std::ceil(pixels * factor - 1e-9);
    return std::clamp(static_cast<int>(v), 1, pixels);
}

// Separates the alpha channel (the last of `channels`) from the colour.
void split_alpha(const std::vector<unsigned char>& rows, int channels, std::string& colour,
                 std::string& alpha) {
    const int c = channels - 1;
    const std::size_t pixels = rows.size() / static_cast<std::size_t>(channels);
    colour.resize(pixels * static_cast<std::size_t>(c));
    alpha.resize(pixels);
    for (std::size_t i = 0; i < pixels; ++i) {
        for (int k = 0; k < c; ++k)
            colour[i * c + k] = static_cast<char>(rows[i * channels + k]);
        alpha[i] = static_cast<char>(rows[i * channels + c]);
    }
}

// Adobe's CMYK JPEGs store inverted inks, and libharu marks every CMYK
// JPEG so (/Decode [1 0 1 0 1 0 1 0]): converted pixels are stored so too.
void invert(std::string& samples) {
    for (char& c : samples)
        c = static_cast<char>(255 - static_cast<unsigned char>(c));
}

} // namespace

PixelSize embedded_size(int width, int height, int orientation, double shown_w, double shown_h,
                        const style::Images& resolution, bool print) {
    const PixelSize same{width, height};
    if (shown_w <= 0 || shown_h <= 0 || width <= 0 || height <= 0)
        return same;
    const bool turned = orientation >= 5;
    const double across = (turned ? height : width) / (shown_w / 72.0);
    const double down = (turned ? width : height) / (shown_h / 72.0);
    const double ppi = std::min(across, down); // what it has at least
    const double limit = print ? resolution.print_max_ppi : resolution.screen_ppi * 1.5;
    const double target = print ? resolution.print_ppi : resolution.screen_ppi;
    if (ppi <= limit || target <= 0 || target >= ppi)
        return same;
    const double f = target / ppi;
    return {scaled(width, f), scaled(height, f)};
}

std::array<double, 6> image_matrix(int orientation, double x, double y, double w, double h) {
    // (u, v): the unit square of the stored pixels, v up (row 0 at v = 1);
    // (X, Y): the box, Y up. X = a u + c v + e, Y = b u + d v + f for the
    // orientation's placement of row 0 and column 0 (TIFF 6.0, p. 37).
    static constexpr int m[9][6] = {
        {1, 0, 0, 1, 0, 0},   // (unknown: as 1)
        {1, 0, 0, 1, 0, 0},   // 1: row 0 at the top, column 0 on the left
        {-1, 0, 0, 1, 1, 0},  // 2: mirrored left to right
        {-1, 0, 0, -1, 1, 1}, // 3: turned half round
        {1, 0, 0, -1, 0, 1},  // 4: mirrored top to bottom
        {0, -1, -1, 0, 1, 1}, // 5: row 0 on the left, column 0 at the top
        {0, -1, 1, 0, 0, 1},  // 6: row 0 on the right, column 0 at the top
        {0, 1, 1, 0, 0, 0},   // 7: row 0 on the right, column 0 at the bottom
        {0, 1, -1, 0, 1, 0},  // 8: row 0 on the left, column 0 at the bottom
    };
    const auto& t = m[orientation >= 1 && orientation <= 8 ? orientation : 0];
    return {t[0] * w, t[1] * h, t[2] * w, t[3] * h, x + t[4] * w, y + t[5] * h};
}

Box draw_image(ContentStream& cs, std::string_view name, const layout::ImageItem& im,
               layout::Length h) {
    using layout::to_pt;
    const Box box{to_pt(im.x), to_pt(h - im.y - im.height), to_pt(im.x + im.width),
                  to_pt(h - im.y)};
    const auto matrix = image_matrix(im.orientation, box.left, box.bottom, box.right - box.left,
                                     box.top - box.bottom);
    if (im.clip_w <= 0 || im.clip_h <= 0) {
        cs.image(name, matrix);
        return box;
    }
    const Box clip{to_pt(im.clip_x), to_pt(h - im.clip_y - im.clip_h), to_pt(im.clip_x + im.clip_w),
                   to_pt(h - im.clip_y)};
    cs.save();
    cs.clip_rectangle(clip.left, clip.bottom, clip.right - clip.left, clip.top - clip.bottom);
    cs.image(name, matrix);
    cs.restore();
    // What shows: the clip box as far as the picture covers it.
    return {std::max(box.left, clip.left), std::max(box.bottom, clip.bottom),
            std::min(box.right, clip.right), std::min(box.top, clip.top)};
}

void PdfImages::place(const layout::ImageItem& im) {
    if (!im.data)
        return;
    Placed& p = placed_[im.data.get()];
    p.width = std::max(p.width, layout::to_pt(im.width));
    p.height = std::max(p.height, layout::to_pt(im.height));
}

PdfWriter::ImageId PdfImages::embed(const layout::ImageItem& im) {
    if (auto it = embedded_.find(im.data.get()); it != embedded_.end())
        return it->second;
    const PdfWriter::ImageId id = make(im);
    embedded_.emplace(im.data.get(), id);
    return id;
}

std::string PdfImages::to_cmyk(std::string_view rgb, std::string_view icc) const {
    try {
        return policy_.to_cmyk(rgb, icc);
    } catch (const std::runtime_error& e) {
        // LittleCMS refuses the picture's own profile.
        throw std::invalid_argument(
            "cannot be converted to the output profile's CMYK (photos=\"convert\"): " +
            std::string(e.what()));
    }
}

PdfWriter::ImageId PdfImages::make(const layout::ImageItem& im) {
    const std::string& file = *im.data;
    const Placed shown = placed_.count(im.data.get()) ? placed_.at(im.data.get()) : Placed{};
    // The picture's own profile, if it fits its colours.
    int components = 0, width = im.width_px, height = im.height_px;
    std::string icc;
    std::optional<png::Parsed> parsed;
    if (im.png) {
        parsed = png::parse(file);
        if (!parsed->error.empty())
            throw std::invalid_argument(parsed->error);
        const int type = parsed->header.color_type;
        components = type == 0 || type == 4 ? 1 : 3;
        width = static_cast<int>(parsed->header.width);
        height = static_cast<int>(parsed->header.height);
        icc = png::icc_profile(parsed->iccp);
    } else {
        JpegHeader h = jpeg_header(file);
        components = h.components;
        width = h.width;
        height = h.height;
        icc = std::move(h.icc);
    }
    if (icc_components(icc) != components)
        icc.clear();
    const bool convert = policy_.print && policy_.to_cmyk && components == 3;
    // PDF/X-4 (ISO 15930-7, 6.2.4): no DeviceRGB beside a CMYK output
    // intent; sRGB is what a picture without a profile means.
    const std::string_view space = !icc.empty()                       ? std::string_view(icc)
                                   : policy_.print && components == 3 ? srgb_profile()
                                                                      : std::string_view();
    const PixelSize size = embedded_size(width, height, im.orientation, shown.width, shown.height,
                                         policy_.resolution, policy_.print);
    const bool smaller = size.width < width || size.height < height;

    if (!im.png) {
        if (!smaller && !convert)
            return pdf_.add_jpeg(jpeg_for_pdf(file), space);
        jpeg::Image pixels;
        if (const std::string problem = jpeg::decode(file, pixels); !problem.empty())
            throw std::invalid_argument("is a corrupt JPEG file (" + problem + ")");
        // The size again from the pixels as decoded (a header may lie).
        const PixelSize to = embedded_size(pixels.width, pixels.height, im.orientation, shown.width,
                                           shown.height, policy_.resolution, policy_.print);
        if (to.width < pixels.width || to.height < pixels.height) {
            pixels.samples = downscale(pixels.samples, pixels.width, pixels.height,
                                       pixels.components, to.width, to.height);
            pixels.width = to.width;
            pixels.height = to.height;
        }
        if (convert && pixels.components == 3) {
            pixels.samples = to_cmyk(pixels.samples, icc);
            pixels.components = 4;
            invert(pixels.samples);
            return pdf_.add_jpeg(jpeg::encode(pixels, jpeg_quality));
        }
        return pdf_.add_jpeg(jpeg::encode(pixels, jpeg_quality), space);
    }

    if (!smaller && !convert) {
        std::string problem;
        const std::string bytes = png_for_pdf(file, problem);
        if (!problem.empty())
            throw std::invalid_argument(problem);
        return pdf_.add_png(bytes, space);
    }
    std::vector<unsigned char> rows;
    int channels = 0;
    if (const std::string problem = png::decode_8bit(parsed->essential, rows, channels);
        !problem.empty())
        throw std::invalid_argument("is a corrupt PNG file (" + problem + ")");
    PdfWriter::Pixels px;
    px.width = static_cast<int>(parsed->header.width);
    px.height = static_cast<int>(parsed->header.height);
    if (channels == 2 || channels == 4)
        split_alpha(rows, channels, px.samples, px.alpha);
    else
        px.samples.assign(reinterpret_cast<const char*>(rows.data()), rows.size());
    px.components = channels >= 3 ? 3 : 1;
    if (smaller) {
        if (px.alpha.empty())
            px.samples =
                downscale(px.samples, px.width, px.height, px.components, size.width, size.height);
        else
            std::tie(px.samples, px.alpha) = downscale_masked(
                px.samples, px.alpha, px.width, px.height, px.components, size.width, size.height);
        px.width = size.width;
        px.height = size.height;
    }
    if (convert && px.components == 3) {
        px.samples = to_cmyk(px.samples, icc);
        px.components = 4;
        return pdf_.add_pixels(px);
    }
    return pdf_.add_pixels(px, space);
}

} // namespace chronik::render::pdf
