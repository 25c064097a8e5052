// Knuth–Plass total-fit line breaking ("Breaking Paragraphs into Lines",
// Software—Practice and Experience 11, 1981; TeX §§813–890).
//
// A paragraph is a list of boxes (fixed width), glue (width that may
// stretch or shrink) and penalties (possible breaks with a cost). The
// breaker chooses the breaks that minimise the total demerits of all
// lines together.
//
// Where we depart from the paper:
// - Active nodes also remember how many lines in a row end with a flagged
//   (hyphen) break, and a break that would make more than
//   `max_hyphen_run` such lines is infeasible, not just costly.
// - Three passes like TeX (tolerance, then a looser tolerance, then any
//   stretch). In the last, where every line from the active breaks would be
//   overfull (a box wider than the line), the break is made anyway, the line
//   overfull (TeX's artificial demerits, §854): a paragraph always gets
//   breaks, however narrow the line.
// - Fill glue (infinite stretch) is its own counter, as TeX's fil order.
// - Boxes may stretch and shrink too (pdfTeX's font expansion, Thành
//   2000): a justified line can widen its glyphs by a percent or two
//   instead of opening its spaces. Their stretch adds to the line's like
//   glue's; they are never break points.
#pragma once

#include "units.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace chronik::layout {

inline constexpr int infinite_penalty = 10000;

struct Item {
    enum class Kind { Box, Glue, Penalty } kind = Kind::Box;
    Length width = 0;
    Length stretch = 0;   // glue, and boxes that may expand
    Length shrink = 0;    // glue, and boxes that may condense
    bool fill = false;    // glue: infinite stretch
    int penalty = 0;      // penalty: >= infinite_penalty forbids, <= -infinite_penalty forces
    bool flagged = false; // penalty: a hyphenation (the line ends with a hyphen)

    static Item box(Length w, Length stretch = 0, Length shrink = 0) {
        return {Kind::Box, w, stretch, shrink};
    }
    static Item glue(Length w, Length stretch, Length shrink) {
        return {Kind::Glue, w, stretch, shrink};
    }
    static Item fill_glue() { return {Kind::Glue, 0, 0, 0, true}; }
    static Item penalty_item(Length w, int p, bool flagged) {
        return {Kind::Penalty, w, 0, 0, false, p, flagged};
    }
};

struct BreakParams {
    // Maximum badness (100 * r^3, TeX §108) for the first and second pass.
    // 50: r <= 0.79, spaces at most ~1.4x their natural width when the
    // space stretches by half its width.
    int tolerance = 50;
    int second_tolerance = 800; // r <= 2
    int line_penalty = 10;
    int flagged_demerits = 3000;      // two hyphenated lines in a row
    int final_hyphen_demerits = 5000; // hyphen on the next-to-last line
    int fitness_demerits = 3000;      // very different spacing on adjacent lines
    int max_hyphen_run = 2;
};

struct LineBreak {
    std::size_t position; // index of the item the line breaks at
    double ratio;         // adjustment ratio of the line ending here
    bool flagged;         // ends with a hyphen
};

// Breaks `items` into lines of width line_width(n) (n = 0 for the first
// line). The list must end with a forced break. Returns the breaks in
// order (nullopt only for a list that does not end with a forced break).
std::optional<std::vector<LineBreak>>
break_lines(const std::vector<Item>& items, const std::function<Length(std::size_t)>& line_width,
            const BreakParams& params = {});

// Badness of a line with adjustment ratio r (TeX §108): 100 r^3, capped.
int badness(double ratio);

} // namespace chronik::layout
