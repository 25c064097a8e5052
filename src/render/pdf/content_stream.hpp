// A page's content stream, written as PDF operators (ISO 32000-1, 8 and 9)
// into a string. libharu's page functions write each operator through its
// stream machinery with error checks at every call; the painter writes a
// whole page here and hands it over once (PdfWriter::set_content), to be
// compressed while the next page is painted.
#pragma once

#include "style/style.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace chronik::render::pdf {

// A number as PDF writes it: at most three decimals (a micrometre), no
// trailing zeros ("12", "0.5", "-3.142").
void append_number(std::string& out, double v);

class ContentStream {
public:
    // Graphics state and paths; coordinates in points from the lower left.
    void line_width(double w);
    // DeviceRGB from a colour's r, g, b: "r g b RG" / "r g b rg" (the
    // screen PDF; print_colour.hpp decides what a print PDF writes).
    void stroke_color(style::Color c);
    void fill_color(style::Color c);
    // DeviceCMYK, each ink 0..1: "c m y k K" / "c m y k k" (8.6.4.4).
    void stroke_cmyk(double c, double m, double y, double k);
    void fill_cmyk(double c, double m, double y, double k);
    void dash(int on, int off);                            // [on off] 0 d
    void solid();                                          // [] 0 d
    void line(double x1, double y1, double x2, double y2); // a stroked segment
    void fill_rectangle(double x, double y, double w, double h);
    void circle(double x, double y, double r); // the path only
    void fill() { out_ += "f\n"; }
    void stroke() { out_ += "S\n"; }
    // q ... Q around a part that changes the graphics state; cm.
    void save() { out_ += "q\n"; }
    void restore() { out_ += "Q\n"; }
    void translate(double x, double y); // "1 0 0 1 x y cm"
    // A colour of the page's resources (a /Separation, by name) at `tint`,
    // for strokes: "/name CS tint SCN".
    void stroke_color_space(std::string_view name, double tint);
    // An image XObject (by resource name) drawn into a rectangle.
    void image(std::string_view name, double x, double y, double w, double h);

    // Text objects.
    void begin_text() { out_ += "BT\n"; }
    void end_text() { out_ += "ET\n"; }
    void font(std::string_view name, double size);
    void horizontal_scaling(double percent);
    // The text matrix's translation: "1 0 0 1 x y Tm".
    void text_position(double x, double y);
    // For the painter's TJ arrays: a number, then raw text.
    void number(double v);
    void raw(std::string_view s) { out_ += s; }
    void raw(char c) { out_ += c; }

    // Marked content (14.6): a tagged sequence "/P <</MCID 3>> BDC"; a
    // Span with an ActualText that replaces what it shows for text
    // extraction (given as UTF-8, written as a UTF-16BE text string, 14.9.4);
    // or an artifact's,
    // "/Artifact <</Type /Pagination /Subtype /Header>> BDC". Each ends
    // with end_marked().
    void begin_tagged(std::string_view tag, int mcid);
    // "/Span <</MCID 4 /ActualText <FEFF...>>> BDC": what the text inside
    // reads as.
    void begin_span(int mcid, const std::string& actual_text);
    void begin_artifact(std::string_view type, std::string_view subtype = {});
    void end_marked() { out_ += "EMC\n"; }

    std::string take() { return std::move(out_); }

private:
    // "a b c op" and a new line.
    void operation(std::initializer_list<double> operands, std::string_view op);

    std::string out_;
};

} // namespace chronik::render::pdf
