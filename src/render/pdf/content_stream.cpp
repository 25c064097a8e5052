#include "content_stream.hpp"

#include "support/utf8.hpp"

#include <charconv>
#include <cmath>

namespace chronik::render::pdf {

void append_number(std::string& out, double v) {
    // Three decimals (a micrometre) without trailing zeros, as whole
    // thousandths: std::to_chars with a precision took a sixth of the time
    // a page took to paint.
    char buf[48];
    const double thousandths = std::round(v * 1000.0);
    if (!(std::abs(thousandths) < 1e15)) { // not a page coordinate: the slow way
        const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
        out.append(buf, static_cast<std::size_t>(r.ptr - buf));
        return;
    }
    auto m = static_cast<long long>(thousandths);
    if (m < 0) {
        out += '-';
        m = -m;
    }
    char* end = std::to_chars(buf, buf + sizeof buf, m / 1000).ptr;
    if (const int fraction = static_cast<int>(m % 1000); fraction != 0) {
        *end++ = '.';
        *end++ = static_cast<char>('0' + fraction / 100);
        if (fraction % 100 != 0) {
            *end++ = static_cast<char>('0' + fraction / 10 % 10);
            if (fraction % 10 != 0)
                *end++ = static_cast<char>('0' + fraction % 10);
        }
    }
    out.append(buf, static_cast<std::size_t>(end - buf));
}

void ContentStream::number(double v) {
    append_number(out_, v);
}

void ContentStream::translate(double x, double y) {
    operation({1, 0, 0, 1, x, y}, "cm");
}

void ContentStream::stroke_color_space(std::string_view name, double tint) {
    out_ += '/';
    out_ += name;
    out_ += " CS\n";
    operation({tint}, "SCN");
}

void ContentStream::operation(std::initializer_list<double> operands, std::string_view op) {
    for (double v : operands) {
        number(v);
        out_ += ' ';
    }
    out_ += op;
    out_ += '\n';
}

void ContentStream::line_width(double w) {
    operation({w}, "w");
}

void ContentStream::stroke_color(style::Color c) {
    operation({c.r / 255.0, c.g / 255.0, c.b / 255.0}, "RG");
}

void ContentStream::fill_color(style::Color c) {
    operation({c.r / 255.0, c.g / 255.0, c.b / 255.0}, "rg");
}

void ContentStream::stroke_cmyk(double c, double m, double y, double k) {
    operation({c, m, y, k}, "K");
}

void ContentStream::fill_cmyk(double c, double m, double y, double k) {
    operation({c, m, y, k}, "k");
}

void ContentStream::dash(int on, int off) {
    out_ += '[';
    number(on);
    out_ += ' ';
    number(off);
    out_ += "] 0 d\n";
}

void ContentStream::solid() {
    out_ += "[] 0 d\n";
}

void ContentStream::line(double x1, double y1, double x2, double y2) {
    operation({x1, y1}, "m");
    operation({x2, y2}, "l");
    out_ += "S\n";
}

void ContentStream::fill_rectangle(double x, double y, double w, double h) {
    operation({x, y, w, h}, "re");
    out_ += "f\n";
}

void ContentStream::circle(double x, double y, double r) {
    // Four cubic Béziers, one a quadrant (control points at 0.5523 r).
    const double k = r * 0.5523;
    operation({x - r, y}, "m");
    operation({x - r, y + k, x - k, y + r, x, y + r}, "c");
    operation({x + k, y + r, x + r, y + k, x + r, y}, "c");
    operation({x + r, y - k, x + k, y - r, x, y - r}, "c");
    operation({x - k, y - r, x - r, y - k, x - r, y}, "c");
}

void ContentStream::image(std::string_view name, double x, double y, double w, double h) {
    out_ += "q\n";
    operation({w, 0, 0, h, x, y}, "cm");
    out_ += '/';
    out_ += name;
    out_ += " Do\nQ\n";
}

void ContentStream::font(std::string_view name, double size) {
    out_ += '/';
    out_ += name;
    out_ += ' ';
    operation({size}, "Tf");
}

void ContentStream::horizontal_scaling(double percent) {
    operation({percent}, "Tz");
}

void ContentStream::text_position(double x, double y) {
    operation({1, 0, 0, 1, x, y}, "Tm");
}

void ContentStream::begin_tagged(std::string_view tag, int mcid) {
    out_ += '/';
    out_ += tag;
    out_ += " <</MCID ";
    out_ += std::to_string(mcid);
    out_ += ">> BDC\n";
}

void ContentStream::begin_span(int mcid, const std::string& actual_text) {
    // A text string of UTF-16BE with its byte order mark, in hex (7.9.2.2).
    static constexpr char hex[] = "0123456789ABCDEF";
    out_ += "/Span <</MCID ";
    out_ += std::to_string(mcid);
    out_ += " /ActualText <FEFF";
    for (const char16_t u : utf8::to_utf16(actual_text))
        for (int shift = 12; shift >= 0; shift -= 4)
            out_ += hex[(u >> shift) & 0xF];
    out_ += ">>> BDC\n";
}

void ContentStream::begin_artifact(std::string_view type, std::string_view subtype) {
    out_ += "/Artifact <</Type /";
    out_ += type;
    if (!subtype.empty()) {
        out_ += " /Subtype /";
        out_ += subtype;
    }
    out_ += ">> BDC\n";
}

} // namespace chronik::render::pdf
