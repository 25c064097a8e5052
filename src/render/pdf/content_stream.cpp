#include "content_stream.hpp"

#include <charconv>
#include <cmath>

namespace chronik::render::pdf {

void ContentStream::number(double v) {
    // Three decimals (a micrometre) without trailing zeros.
    char buf[48];
    if (std::abs(v) < 0.0005)
        v = 0;
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    const char* end = r.ptr;
    while (end > buf && end[-1] == '0')
        --end;
    if (end > buf && end[-1] == '.')
        --end;
    out_.append(buf, static_cast<std::size_t>(end - buf));
}

void ContentStream::line_width(double w) {
    number(w);
    out_ += " w\n";
}

void ContentStream::stroke_color(style::Color c) {
    number(c.r / 255.0);
    out_ += ' ';
    number(c.g / 255.0);
    out_ += ' ';
    number(c.b / 255.0);
    out_ += " RG\n";
}

void ContentStream::fill_color(style::Color c) {
    number(c.r / 255.0);
    out_ += ' ';
    number(c.g / 255.0);
    out_ += ' ';
    number(c.b / 255.0);
    out_ += " rg\n";
}

void ContentStream::dash(int on, int off) {
    out_ += '[';
    number(on);
    out_ += ' ';
    number(off);
    out_ += "] 0 d\n";
}

void ContentStream::solid() { out_ += "[] 0 d\n"; }

void ContentStream::line(double x1, double y1, double x2, double y2) {
    number(x1);
    out_ += ' ';
    number(y1);
    out_ += " m ";
    number(x2);
    out_ += ' ';
    number(y2);
    out_ += " l S\n";
}

void ContentStream::fill_rectangle(double x, double y, double w, double h) {
    number(x);
    out_ += ' ';
    number(y);
    out_ += ' ';
    number(w);
    out_ += ' ';
    number(h);
    out_ += " re f\n";
}

void ContentStream::circle(double x, double y, double r) {
    // Four cubic Béziers, one a quadrant (control points at 0.5523 r).
    const double k = r * 0.5523;
    auto point = [&](double px, double py) {
        number(px);
        out_ += ' ';
        number(py);
    };
    point(x - r, y);
    out_ += " m\n";
    const double curves[4][6] = {{x - r, y + k, x - k, y + r, x, y + r},
                                 {x + k, y + r, x + r, y + k, x + r, y},
                                 {x + r, y - k, x + k, y - r, x, y - r},
                                 {x - k, y - r, x - r, y - k, x - r, y}};
    for (const auto& c : curves) {
        point(c[0], c[1]);
        out_ += ' ';
        point(c[2], c[3]);
        out_ += ' ';
        point(c[4], c[5]);
        out_ += " c\n";
    }
}

void ContentStream::image(std::string_view name, double x, double y, double w, double h) {
    out_ += "q ";
    number(w);
    out_ += " 0 0 ";
    number(h);
    out_ += ' ';
    number(x);
    out_ += ' ';
    number(y);
    out_ += " cm /";
    out_ += name;
    out_ += " Do Q\n";
}

void ContentStream::font(std::string_view name, double size) {
    out_ += '/';
    out_ += name;
    out_ += ' ';
    number(size);
    out_ += " Tf\n";
}

void ContentStream::horizontal_scaling(double percent) {
    number(percent);
    out_ += " Tz\n";
}

void ContentStream::text_position(double x, double y) {
    out_ += "1 0 0 1 ";
    number(x);
    out_ += ' ';
    number(y);
    out_ += " Tm\n";
}

} // namespace chronik::render::pdf
