// The tunables of the designs: every number a design (and, where it makes
// the same decision, the DOCX writer) takes from the style sheet, declared
// once here with its default, unit, range and a line of help (after SILE's
// declared settings). They live below design/ and render/ so that both read
// the same declaration: the PDF's brochure and the DOCX place the title and
// size pictures from the same values.
//
// A style sheet sets them with <design name="brochure"><set name="rail-width"
// value="12"/></design>; an unset tunable has its default. docs/designs.md
// lists them (a test checks that table against this one).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::style {

struct Style;

struct Tunable {
    std::string_view design; // the design that reads it; "" = every design and the DOCX writer
    std::string_view name;
    double default_value;
    std::string_view unit; // "mm", "pt", "dpi", "fraction", "count"
    double min, max;
    std::string_view help;
};

// Every declared tunable, shared ones first.
std::span<const Tunable> tunables();

// The declaration of `name`, or nullptr.
const Tunable* find_tunable(std::string_view name);

// The designs a style sheet may choose (design/registry.cpp registers one
// for each; a test checks that they agree). The first is the default.
std::span<const std::string_view> design_names();

// The value of a declared tunable in `s`: what the sheet set, else the
// default. Throws std::logic_error for a name that is not declared.
double tunable(const Style& s, std::string_view name);

// The same, as a whole number of thousandths (0.3 -> 300), for integer
// arithmetic in layout units: length * per_mille / 1000.
long long tunable_per_mille(const Style& s, std::string_view name);

// The shared tunables' names, so no reader spells them twice.
namespace tune {
inline constexpr std::string_view title_position = "title-position";
inline constexpr std::string_view image_max_height = "image-max-height";
inline constexpr std::string_view image_dpi = "image-dpi";
} // namespace tune

} // namespace chronik::style
