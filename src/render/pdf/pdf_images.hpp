// What each picture becomes in the PDF, screen or print (README, "Pictures
// in the PDF"; docs/styles.md, <images>):
//   - a JPEG passes through as it is (/DCTDecode, the file's bytes), a PNG
//     as image_for_pdf.hpp leaves it, unless it is downsampled or
//     converted;
//   - its own ICC profile (a JPEG's APP2 ICC_PROFILE, a PNG's iCCP) is its
//     /ColorSpace [/ICCBased]; in print output an RGB picture without one
//     is ICC-based sRGB (PDF/X-4 has no DeviceRGB beside a CMYK output
//     intent), or is converted to the output profile's CMYK when the style
//     says so (Print::photos, Convert);
//   - downsampled (area average, image_resample.hpp) to the style's
//     resolution when placed at much more: in screen output above
//     screen_ppi x 1.5 to screen_ppi, in print output above print_max_ppi to
//     print_ppi, never lower. A changed JPEG is encoded again at quality 90.
// Each picture is embedded once, at the largest size it is placed at.
#pragma once

#include "content_stream.hpp"
#include "pdf_writer.hpp"

#include "layout/page.hpp"
#include "style/style.hpp"

#include <array>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chronik::render::pdf {

// A picture the PDF cannot take, at its line in the chronicle (0: unknown):
// the renderer reports it as file:line: error.
struct ImageFailure : std::runtime_error {
    ImageFailure(int at, const std::string& message) : std::runtime_error(message), line(at) {}
    int line;
};

struct ImagePolicy {
    bool print = false; // the print PDF (PdfStandards::print())
    style::Images resolution;
    // Print, Photos::Convert: 8-bit RGB pixels (with the picture's own
    // profile, empty: sRGB) to 8-bit CMYK of the output profile
    // (colour::OutputProfile::cmyk_pixels). Empty: RGB pictures stay RGB.
    std::function<std::string(std::string_view rgb, std::string_view icc)> to_cmyk;
};

// The stored size a picture of width x height pixels is embedded at when
// shown (upright, after `orientation`) at most shown_w x shown_h points:
// its own, or smaller where the policy downsamples (see above).
struct PixelSize {
    int width = 0, height = 0;
};
PixelSize embedded_size(int width, int height, int orientation, double shown_w, double shown_h,
                        const style::Images& resolution, bool print);

// The matrix (cm) that draws the image's unit square, its pixels as
// stored, upright into the box x, y, w, h (points, lower left corner):
// EXIF orientation 1..8 (TIFF 6.0, tag 274) mirrored and turned back.
std::array<double, 6> image_matrix(int orientation, double x, double y, double w, double h);

// Draws the picture (resource `name`) upright into the item's box, cut to
// its clip box when it has one ("q re W n ... Q": a cover photo covering
// its box), on a page `page_height` tall; returns what shows, in points
// from the lower left (a Figure's bounding box).
Box draw_image(ContentStream& cs, std::string_view name, const layout::ImageItem& im,
               layout::Length page_height);

class PdfImages {
public:
    PdfImages(PdfWriter& pdf, ImagePolicy policy) : pdf_(pdf), policy_(std::move(policy)) {}

    // Every placement before the first embed(): the largest decides the
    // resolution.
    void place(const layout::ImageItem& im);
    // The picture's image, embedded at its first use. Throws
    // std::invalid_argument (a clause to follow the image's name: "is a
    // corrupt PNG file (...)") for pixels that cannot be decoded, and
    // WriterError when the writer refuses.
    PdfWriter::ImageId embed(const layout::ImageItem& im);

private:
    PdfWriter::ImageId make(const layout::ImageItem& im);
    std::string to_cmyk(std::string_view rgb, std::string_view icc) const;

    PdfWriter& pdf_;
    ImagePolicy policy_;
    struct Placed {
        double width = 0, height = 0; // points
    };
    std::map<const std::string*, Placed> placed_;               // by the bytes shown
    std::map<const std::string*, PdfWriter::ImageId> embedded_; // by the bytes shown
};

} // namespace chronik::render::pdf
