#include "html_style.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace chronik::render::html {

namespace {

using style::Color;
using style::Role;

// A number with at most four decimals, locale-independent ("0.875").
std::string num(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::round(v * 10000) / 10000,
                                 std::chars_format::fixed, 4);
    std::string s(buf, r.ptr);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s == "-0" ? "0" : s;
}

std::string hex(const Color& c) {
    static constexpr char d[] = "0123456789abcdef";
    std::string s = "#";
    for (const int v : {c.r, c.g, c.b}) {
        s += d[v >> 4];
        s += d[v & 15];
    }
    return s;
}

// Relative luminance and contrast ratio, WCAG 2.1 §1.4.3 (the sRGB formula).
double luminance(const Color& c) {
    auto lin = [](int v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}
double contrast(const Color& a, const Color& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
Color mix(const Color& c, const Color& toward, double t) {
    auto m = [&](int a, int b) { return static_cast<std::uint8_t>(std::lround(a + (b - a) * t)); };
    Color out;
    out.r = m(c.r, toward.r);
    out.g = m(c.g, toward.g);
    out.b = m(c.b, toward.b);
    return out;
}
// The sheet's colour, moved toward `toward` (black on white, white on the
// dark background) just far enough to reach `ratio` against `background`:
// a sheet made for paper may pick a pale grey that a screen cannot carry,
// and no sheet picks colours for a dark background.
Color readable(const Color& c, const Color& background, const Color& toward, double ratio) {
    for (int step = 0; step <= 20; ++step) {
        const Color m = mix(c, toward, step / 20.0);
        if (contrast(m, background) >= ratio)
            return m;
    }
    return toward;
}

constexpr Color white{255, 255, 255};
constexpr Color black{0, 0, 0};
constexpr Color dark_background{0x16, 0x19, 0x1d};

bool contains(std::string_view hay, std::string_view needle) {
    std::string h(hay);
    std::transform(h.begin(), h.end(), h.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return h.find(needle) != std::string::npos;
}

// The generic families after the sheet's: a browser without the sheet's
// font shows the nearest common one.
std::string_view fallbacks(std::string_view family) {
    if (contains(family, "mono") || contains(family, "courier"))
        return "ui-monospace, \"Cascadia Mono\", Menlo, Consolas, monospace";
    if (contains(family, "sans") || contains(family, "helvetica") || contains(family, "arial") ||
        contains(family, "grotesk") || contains(family, "inter"))
        return "system-ui, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif";
    return "Georgia, \"Times New Roman\", serif";
}

// The CSS custom property holding a role's colour ("--title").
std::string var(Role r) {
    return "--" + std::string(style::role_names()[static_cast<std::size_t>(r)]);
}

} // namespace

std::string font_stack(std::string_view family) {
    // A CSS string (CSS Syntax 3, §4.3.5): '"' and '\' escaped, every byte
    // outside printable ASCII and '<', '>', '&' as a hex escape, so the
    // stylesheet stays ASCII and no "</style" can appear in it.
    std::string s = "\"";
    std::size_t i = 0;
    while (i < family.size()) {
        const auto u = static_cast<unsigned char>(family[i]);
        if (u >= 0x80) {
            // One escape per code point (UTF-8 decoded; a broken byte as U+FFFD).
            unsigned cp = 0xFFFD;
            std::size_t n = 1;
            if (u >= 0xC2 && u <= 0xDF)
                n = 2, cp = u & 0x1F;
            else if (u >= 0xE0 && u <= 0xEF)
                n = 3, cp = u & 0x0F;
            else if (u >= 0xF0 && u <= 0xF4)
                n = 4, cp = u & 0x07;
            bool ok = n > 1 && i + n <= family.size();
            for (std::size_t k = 1; ok && k < n; ++k) {
                const auto b = static_cast<unsigned char>(family[i + k]);
                ok = (b & 0xC0) == 0x80;
                cp = cp << 6 | (b & 0x3F);
            }
            if (!ok || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
                cp = 0xFFFD, n = 1;
            char buf[16];
            const auto r = std::to_chars(buf, buf + sizeof buf, cp, 16);
            s += '\\' + std::string(buf, r.ptr) + ' ';
            i += n;
            continue;
        }
        if (u == '"' || u == '\\')
            s += '\\', s += family[i];
        else if (u < 0x20 || u == 0x7F || u == '<' || u == '>' || u == '&') {
            char buf[8];
            const auto r = std::to_chars(buf, buf + sizeof buf, u == 0 ? 0xFFFDu : u, 16);
            s += '\\' + std::string(buf, r.ptr) + ' ';
        } else
            s += family[i];
        ++i;
    }
    return s + "\", " + std::string(fallbacks(family));
}

std::string css(const style::Style& st) {
    const double body_pt = st.role(Role::Body).size > 0 ? st.role(Role::Body).size : 10.5;
    const double rem_per_pt = 1.0625 / body_pt;
    auto rem = [&](double pt) { return num(pt * rem_per_pt) + "rem"; };

    std::string c;
    // Colours: each role's, readable on white; and on the dark background.
    const Role text_roles[] = {Role::Title,          Role::Subtitle,
                               Role::Organization,   Role::Intro,
                               Role::PeriodHeading,  Role::MilestoneDate,
                               Role::MilestoneTitle, Role::Body,
                               Role::Caption,        Role::Toc};
    c += ":root {\n  color-scheme: light dark;\n  --background: #ffffff;\n";
    for (const Role r : text_roles)
        c += "  " + var(r) + ": " + hex(readable(st.role(r).color, white, black, 4.6)) + ";\n";
    // The rail is drawn, not read: visible, and quieter than the text.
    c += "  --rail: " + hex(mix(st.role(Role::PeriodHeading).color, white, 0.7)) + ";\n";
    c += "  --marker: " + hex(readable(st.role(Role::MilestoneDate).color, white, black, 3.2)) +
         ";\n}\n";
    c += "@media (prefers-color-scheme: dark) {\n  :root {\n    --background: " +
         hex(dark_background) + ";\n";
    for (const Role r : text_roles)
        c += "    " + var(r) + ": " + hex(readable(st.role(r).color, dark_background, white, 7)) +
             ";\n";
    c += "    --rail: " +
         hex(readable(st.role(Role::PeriodHeading).color, dark_background, white, 2.5)) + ";\n";
    c += "    --marker: " +
         hex(readable(st.role(Role::MilestoneDate).color, dark_background, white, 4.5)) +
         ";\n  }\n}\n";

    // Type: one rule per role.
    std::string justified; // the selectors of the roles the sheet justifies, for print
    auto role_rule = [&](std::string_view selector, Role r, bool spacing = true) {
        const auto& t = st.role(r);
        std::string s = std::string(selector) + " {\n";
        s += "  font-family: " + font_stack(t.font.family) + ";\n";
        s += "  font-size: " + rem(t.size) + ";\n";
        s += "  line-height: " + num(t.size > 0 ? t.leading / t.size : 1.3) + ";\n";
        s += std::string("  font-weight: ") + (t.font.bold ? "700" : "400") + ";\n";
        s += std::string("  font-style: ") + (t.font.italic ? "italic" : "normal") + ";\n";
        s += "  color: var(" + var(r) + ");\n";
        if (spacing)
            s += "  margin: " + rem(t.space_before) + " 0 " + rem(t.space_after) + ";\n";
        // On screen text starts at the start: browsers often lack the
        // hyphenation patterns justification needs (Chromium on Debian has
        // none), and WCAG 1.4.8 asks for unjustified text. The sheet's
        // justification is kept for print (below). Always set, so that no
        // role inherits another's.
        s += std::string("  text-align: ") +
             (t.align == style::Align::Center  ? "center"
              : t.align == style::Align::Right ? "right"
                                               : "start") +
             ";\n";
        if (t.align == style::Align::Justify)
            justified += (justified.empty() ? "" : ",\n  ") + std::string(selector);
        s += std::string("  hyphens: ") + (t.hyphenate ? "auto" : "manual") + ";\n";
        return s + "}\n";
    };

    c += "html {\n  background: var(--background);\n  scroll-behavior: smooth;\n}\n";
    c += "body {\n  margin: 0;\n  background: var(--background);\n  color: var(--body);\n"
         "  overflow-wrap: break-word;\n}\n";
    c += role_rule("body", Role::Body, false);
    c += role_rule(".masthead h1", Role::Title);
    c += role_rule(".masthead .subtitle", Role::Subtitle);
    c += role_rule(".masthead .organization", Role::Organization);
    c += role_rule(".intro", Role::Intro);
    c += role_rule(".contents h2, .period > h2", Role::PeriodHeading);
    c += role_rule(".contents ol", Role::Toc, false);
    c += role_rule(".milestone .date, .one-liners time", Role::MilestoneDate);
    c += role_rule(".milestone h3", Role::MilestoneTitle);
    c += role_rule(".milestone > p:not(.date), main > p:not(.intro)", Role::Body);
    c += role_rule("figcaption", Role::Caption);
    c += role_rule(".one-liners", Role::Body, false);

    // Layout: a centred measure; the rail left of the milestones, a marker
    // per milestone on it; the one-liners' dates in a column of fixed width.
    c += R"css(.skip-link, .masthead, .contents, main {
  box-sizing: border-box;
  max-width: 40em;
  margin-left: auto;
  margin-right: auto;
  padding-left: 1rem;
  padding-right: 1rem;
}
.skip-link {
  position: absolute;
  top: 0;
  left: -100vw;
  padding: 0.5rem 1rem;
  background: var(--background);
  color: var(--period-heading);
}
.skip-link:focus {
  left: 0;
  z-index: 1;
}
.masthead {
  padding-top: 1.5rem;
}
.masthead .organization {
  margin-bottom: 0.25rem;
}
.masthead .logo {
  display: block;
  max-height: 4rem;
  width: auto;
  margin: 0 0 1rem;
}
.contents ol {
  padding-left: 1.5rem;
  margin: 0 0 1.5rem;
}
.contents ol {
  columns: 11em;
  column-gap: 2rem;
}
.contents li {
  margin: 0 0 0.25rem;
  break-inside: avoid;
}
a {
  color: var(--period-heading);
  text-decoration-thickness: 0.08em;
  text-underline-offset: 0.15em;
  transition: color 0.2s;
}
a:hover {
  color: var(--milestone-date);
}
:focus-visible {
  outline: 3px solid var(--milestone-date);
  outline-offset: 2px;
}
.period h2 {
  break-after: avoid;
}
/* the rail is a border, not a ::before: axe-core cannot decide the contrast
   of text over a tall pseudo-element, and a border prints without asking */
.timeline {
  position: relative;
  margin-left: 0.45rem;
  border-left: 2px solid var(--rail);
  padding-left: calc(1.3rem - 2px);
}
.milestone, .one-liners li {
  position: relative;
}
.milestone::before, .one-liners li::before {
  content: "";
  position: absolute;
  left: -1.6rem;
  top: 0.35em;
  width: 0.7rem;
  height: 0.7rem;
  box-sizing: border-box;
  border-radius: 50%;
  background: var(--marker);
  border: 2px solid var(--background);
}
.milestone {
  margin: 0 0 1.25rem;
}
.milestone > :first-child {
  margin-top: 0;
}
.milestone h3 + .date {
  margin-top: 0;
}
.one-liners {
  list-style: none;
  padding: 0;
  margin: 0.75rem 0 1.25rem;
}
.one-liners li {
  display: grid;
  grid-template-columns: 9.5em minmax(0, 1fr);
  column-gap: 0.75em;
  align-items: baseline;
  margin: 0 0 0.4rem;
}
.one-liners li::before {
  top: 0.25em;
}
.one-liners time {
  margin: 0;
}
figure {
  margin: 0.5rem 0 1rem;
}
img {
  display: block;
  max-width: 100%;
  height: auto;
}
figure.wide img, .masthead .cover img {
  width: 100%;
}
.masthead .cover {
  margin: 0 0 1.5rem;
}
@media (max-width: 30em) {
  .masthead h1 {
    font-size: 2rem;
  }
  /* on a phone the date column would take half the line and break the
     titles inside words: the date goes above its title */
  .one-liners li {
    grid-template-columns: minmax(0, 1fr);
  }
}
@media (prefers-reduced-motion: reduce) {
  html {
    scroll-behavior: auto;
  }
  *, *::before, *::after {
    transition: none !important;
    animation: none !important;
  }
}
/* a browser's print: margins of their own (a PDF printer's default is none),
   the markers printed although they are backgrounds */
@page {
  margin: 18mm 16mm 20mm;
}
@media print {
  .skip-link {
    display: none;
  }
  .milestone::before, .one-liners li::before {
    -webkit-print-color-adjust: exact;
    print-color-adjust: exact;
  }
  html, body {
    background: #ffffff;
  }
  *, *::before, *::after {
    color: #000000 !important;
  }
  .skip-link, .masthead, .contents, main {
    max-width: none;
    padding: 0;
  }
  .milestone, .one-liners li, figure, .contents {
    break-inside: avoid;
  }
  h1, h2, h3 {
    break-after: avoid;
  }
  .timeline {
    border-left-color: #999999;
  }
  .milestone::before, .one-liners li::before {
    background: #000000;
    border-color: #ffffff;
  }
  a {
    text-decoration: none;
  }
  a[href^="http:"]::after, a[href^="https:"]::after, a[href^="mailto:"]::after {
    content: " (" attr(href) ")";
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
}
)css";
    if (!justified.empty())
        c += "@media print {\n  " + justified + " {\n    text-align: justify;\n  }\n}\n";
    for (const unsigned char ch : c)
        if (ch >= 0x80)
            throw std::logic_error("html: the style sheet's CSS is not ASCII");
    if (c.find("</") != std::string::npos)
        throw std::logic_error("html: the style sheet's CSS holds \"</\"");
    return c;
}

} // namespace chronik::render::html
