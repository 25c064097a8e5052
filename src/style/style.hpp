// A style sheet: page geometry and the look of each text role.
// Units: page lengths in millimetres, type sizes and spacing in points
// (1/72 in). Plain values; the PDF layout converts them to its own units.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace chronik::style {

// A colour as the sheet wrote it: sRGB ("#17324d"), or CMYK ("cmyk(0%, 0%,
// 0%, 100%)") for print, which keeps r, g, b as its look on screen (through
// the print section's output profile), so screen formats read r, g, b alone.
struct Color {
    std::uint8_t r = 0, g = 0, b = 0;
    bool cmyk = false;                       // written as CMYK: c, m, y, k are the inks
    std::uint8_t c = 0, m = 0, y = 0, k = 0; // per cent, 0..100
    bool operator==(const Color&) const = default;
};

enum class Align { Left, Justify, Center, Right };

// The longest family name a sheet may give, in UTF-16 code units: Word and
// Windows name a font in a LOGFONT's lfFaceName (LF_FACESIZE = 32 with the
// terminating NUL), and a DOCX's fontTable names it so.
inline constexpr std::size_t max_family_length = 31;

struct Font {
    std::string family;
    bool bold = false;
    bool italic = false;
};

struct TextStyle {
    Font font;
    double size = 10;    // pt
    double leading = 12; // pt, baseline to baseline
    Color color;
    double space_before = 0; // pt
    double space_after = 0;  // pt
    Align align = Align::Left;
    bool hyphenate = false;
};

// The roles a style sheet can set. Keep role_names() in step.
enum class Role {
    Title,
    Subtitle,
    Organization,
    Intro,
    PeriodHeading,
    MilestoneDate,
    MilestoneTitle,
    Body,
    Caption,
    Toc,
    Header,
    Footer,
};
inline constexpr std::size_t role_count = 12;

// "title", "subtitle", ..., in the order of Role.
const std::array<std::string_view, role_count>& role_names();

struct Page {
    std::string size_name; // "A4", "A5", "Letter", or "" for a custom size
    double width = 210;    // mm
    double height = 297;   // mm
    double margin_top = 20, margin_bottom = 20, margin_inner = 20, margin_outer = 20; // mm
};

// Print production (`<print>`, docs/styles.md): used when the PDF is made
// for the press (--pdf-standard x-4); a screen PDF ignores it.
struct Print {
    double bleed = 3;       // mm past the trim on every side
    bool crop_marks = true; // trim marks in the slug, outside the bleed
    double slug = 0;        // mm beyond the bleed for the marks; 0: what they need
    // The output intent: the printing condition and its ICC profile.
    std::string output_condition = "Coated FOGRA39 (ISO 12647-2:2004)";
    std::string output_condition_identifier = "FOGRA39";
    std::string registry = "http://www.color.org";
    std::string profile; // an ICC output profile file; empty: the built-in FOGRA39L_coated
    enum class Photos {
        KeepRgb,
        Convert
    } photos = Photos::KeepRgb; // RGB pictures as ICC sRGB, or converted
    bool booklet = false;       // saddle-stitched: the page count must be a multiple of 4
    bool pad = false;           // booklet: blank pages added up to a multiple of 4
    enum class Cover { Bleed, Framed } cover = Cover::Bleed; // the title page's cover photo
    int line = 0;                                            // of <print>, 0: not in the sheet
    int profile_line = 0;                                    // of its profile attribute
};

// Pictures' resolution (`<images>`): a screen PDF downsamples pictures placed
// above screen_ppi * 1.5 to screen_ppi; a print PDF never goes below
// print_ppi and downsamples only above print_max_ppi (to print_ppi).
struct Images {
    double screen_ppi = 150;
    double print_ppi = 300;
    double print_max_ppi = 450;
    double warn_below_ppi = 250; // preflight: effective resolution under this is named
};

struct Style {
    std::string name;
    Page page;
    Print print;
    Images images;
    bool title_page = true; // the title block on a page of its own
    bool toc = true;        // a table of contents after the intro
    std::array<TextStyle, role_count> roles;
    // The design that lays the PDF out (design/registry.cpp), and the
    // tunables the sheet set (style/tunables.hpp declares them; read them
    // with style::tunable(), which supplies the defaults).
    std::string design = "brochure";
    std::map<std::string, double, std::less<>> tunables;

    // Where the sheet named things, for messages about them found later (a
    // font that is not installed): the sheet's name as in its own messages,
    // and the line of each role's `family` (0: not set by this sheet).
    std::string source;
    std::array<int, role_count> family_line{};
    // The line of each role's `color` and of its `size` (0: built-in), for
    // preflight messages.
    std::array<int, role_count> color_line{};
    std::array<int, role_count> size_line{};

    const TextStyle& role(Role r) const { return roles[static_cast<std::size_t>(r)]; }
    TextStyle& role(Role r) { return roles[static_cast<std::size_t>(r)]; }
};

// The sheet's file and line that chose `family` (the first role naming it;
// line 0 when the family came from the built-in default). file is empty
// when no role names the family (a fallback font of chronik's own).
struct StyleOrigin {
    std::string file;
    int line = 0;
};
StyleOrigin origin_of_family(const Style& s, std::string_view family);

} // namespace chronik::style
