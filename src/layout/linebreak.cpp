#include "linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace chronik::layout {

int badness(double r) {
    if (r < 0)
        r = -r;
    const double b = 100.0 * r * r * r;
    return b > 10000.0 ? 10000 : static_cast<int>(b + 0.5);
}

namespace {

constexpr int very_loose = 0, loose = 1, decent = 2, tight = 3; // fitness classes (TeX §817)

int fitness(double r) {
    if (r < -0.5)
        return tight;
    if (r <= 0.5)
        return decent;
    if (r <= 1.0)
        return loose;
    return very_loose;
}

struct Node {
    std::size_t position;
    std::size_t line; // number of lines before this break
    int fitness;
    int hyphen_run; // lines ending in a flagged break, in a row, up to here
    bool flagged;
    double ratio;
    double total_demerits;
    Length width, stretch, shrink; // totals after the break (TeX's "after")
    int fill;
    int previous; // index in the pass's node arena, -1 for the start
};

struct Totals {
    Length width = 0, stretch = 0, shrink = 0;
    int fill = 0;
};

std::optional<std::vector<LineBreak>> run_pass(const std::vector<Item>& items,
                                               const std::function<Length(std::size_t)>& line_width,
                                               const BreakParams& p, double max_ratio,
                                               bool final_pass) {
    // Nodes live in an arena for the whole pass (breaks point back to their
    // predecessors); the active list holds indices into it.
    std::vector<Node> nodes;
    nodes.reserve(items.size() / 2 + 8);
    nodes.push_back(Node{0, 0, decent, 0, false, 0, 0, 0, 0, 0, 0, -1});
    std::vector<int> active{0};
    std::vector<int> keep;
    Totals sum;

    // Totals after a break at b: skip the glue and penalties that vanish at
    // the start of the next line (TeX §837).
    auto after = [&](std::size_t b, Totals t) {
        for (std::size_t i = b; i < items.size(); ++i) {
            const Item& it = items[i];
            if (it.kind == Item::Kind::Box)
                break;
            if (it.kind == Item::Kind::Glue) {
                t.width += it.width;
                t.stretch += it.stretch;
                t.shrink += it.shrink;
                t.fill += it.fill;
            } else if (it.penalty <= -infinite_penalty && i > b) {
                break;
            }
        }
        return t;
    };

    // A forced break after b before the next box.
    auto forced_before_box = [&](std::size_t b) {
        for (std::size_t i = b + 1; i < items.size() && items[i].kind != Item::Kind::Box; ++i)
            if (items[i].kind == Item::Kind::Penalty && items[i].penalty <= -infinite_penalty)
                return true;
        return false;
    };

    struct Candidate {
        double demerits;
        int from;
        double ratio;
    };
    Candidate best[4][8];

    for (std::size_t b = 0; b < items.size(); ++b) {
        const Item& it = items[b];
        bool legal = false;
        if (it.kind == Item::Kind::Penalty)
            legal = it.penalty < infinite_penalty;
        else if (it.kind == Item::Kind::Glue)
            legal = b > 0 && items[b - 1].kind == Item::Kind::Box;

        if (legal) {
            const bool forced = it.kind == Item::Kind::Penalty && it.penalty <= -infinite_penalty;
            const Length break_width = it.kind == Item::Kind::Penalty ? it.width : 0;
            const bool flagged = it.kind == Item::Kind::Penalty && it.flagged;
            // Best new node per (fitness class, hyphen run).
            for (auto& row : best)
                for (auto& c : row)
                    c = {std::numeric_limits<double>::infinity(), -1, 0};
            bool any = false;
            keep.clear();
            // The final pass's way out when every line from here would be
            // overfull (a box wider than the line): TeX's artificial
            // demerits (§854), a break here from the best node, the line
            // overfull. So a paragraph always gets breaks, and no text is
            // left on one endless line.
            int overfull_from = -1;
            for (const int ai : active) {
                const Node& a = nodes[static_cast<std::size_t>(ai)];
                const Length width = sum.width - a.width + break_width;
                const Length target = line_width(a.line);
                double r;
                if (width < target) {
                    const int fill = sum.fill - a.fill;
                    const Length stretch = sum.stretch - a.stretch;
                    r = fill > 0 ? 0.0
                        : stretch > 0
                            ? static_cast<double>(target - width) / static_cast<double>(stretch)
                            : std::numeric_limits<double>::infinity();
                } else if (width > target) {
                    const Length shrink = sum.shrink - a.shrink;
                    r = shrink > 0
                            ? static_cast<double>(target - width) / static_cast<double>(shrink)
                            : -std::numeric_limits<double>::infinity();
                } else {
                    r = 0;
                }
                const bool too_tight = r < -1;
                if (!too_tight && !forced)
                    keep.push_back(ai);
                // Of those, the latest break: the shortest overfull line.
                if (too_tight && final_pass) {
                    const Node* o = overfull_from < 0
                                        ? nullptr
                                        : &nodes[static_cast<std::size_t>(overfull_from)];
                    if (!o || a.position > o->position ||
                        (a.position == o->position && a.total_demerits < o->total_demerits))
                        overfull_from = ai;
                }
                if (too_tight || r > max_ratio)
                    continue;
                const int run = flagged ? a.hyphen_run + 1 : 0;
                if (run > p.max_hyphen_run)
                    continue;
                // Demerits (TeX §859).
                const double bad = badness(r);
                double d = (p.line_penalty + bad) * (p.line_penalty + bad);
                if (it.kind == Item::Kind::Penalty) {
                    if (it.penalty >= 0)
                        d += static_cast<double>(it.penalty) * it.penalty;
                    else if (it.penalty > -infinite_penalty)
                        d -= static_cast<double>(it.penalty) * it.penalty;
                }
                if (flagged && a.flagged)
                    d += p.flagged_demerits;
                if (forced && a.flagged)
                    d += p.final_hyphen_demerits;
                const int fit = fitness(r);
                if (std::abs(fit - a.fitness) > 1)
                    d += p.fitness_demerits;
                d += a.total_demerits;
                auto& slot = best[fit][std::min(run, 7)];
                if (d < slot.demerits) {
                    slot = {d, ai, r};
                    any = true;
                }
            }
            active.swap(keep);
            if (!any && active.empty() && overfull_from >= 0) {
                if (it.kind == Item::Kind::Glue && forced_before_box(b)) {
                    // Not at a space just before a forced break: that would
                    // leave an empty line. The line ends at the forced break.
                    active.push_back(overfull_from);
                } else {
                    const Node& a = nodes[static_cast<std::size_t>(overfull_from)];
                    best[decent][0] = {a.total_demerits, overfull_from, -1.0};
                    any = true;
                }
            }
            if (any) {
                const Totals next = after(b, sum);
                for (int f = 0; f < 4; ++f)
                    for (int h = 0; h < 8; ++h) {
                        const auto& c = best[f][h];
                        if (c.from < 0)
                            continue;
                        const Node& from = nodes[static_cast<std::size_t>(c.from)];
                        nodes.push_back(Node{b, from.line + 1, f, h, flagged, c.ratio, c.demerits,
                                             next.width, next.stretch, next.shrink, next.fill,
                                             c.from});
                        active.push_back(static_cast<int>(nodes.size() - 1));
                    }
            }
            if (active.empty())
                return std::nullopt;
        }
        if (it.kind == Item::Kind::Box) {
            sum.width += it.width;
            sum.stretch += it.stretch;
            sum.shrink += it.shrink;
        } else if (it.kind == Item::Kind::Glue) {
            sum.width += it.width;
            sum.stretch += it.stretch;
            sum.shrink += it.shrink;
            sum.fill += it.fill;
        }
    }
    // The last item is a forced break: every active node sits there now.
    int chosen = -1;
    for (const int ai : active) {
        const Node& a = nodes[static_cast<std::size_t>(ai)];
        if (a.position == items.size() - 1 &&
            (chosen < 0 ||
             a.total_demerits < nodes[static_cast<std::size_t>(chosen)].total_demerits))
            chosen = ai;
    }
    if (chosen < 0)
        return std::nullopt;
    std::vector<LineBreak> out;
    for (int n = chosen; n >= 0 && nodes[static_cast<std::size_t>(n)].previous >= 0;
         n = nodes[static_cast<std::size_t>(n)].previous) {
        const Node& node = nodes[static_cast<std::size_t>(n)];
        out.push_back({node.position, node.ratio, node.flagged});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace

std::optional<std::vector<LineBreak>>
break_lines(const std::vector<Item>& items, const std::function<Length(std::size_t)>& line_width,
            const BreakParams& p) {
    if (items.empty())
        return std::vector<LineBreak>{};
    auto ratio_for = [](int tolerance) { return std::cbrt(tolerance / 100.0); };
    if (auto r = run_pass(items, line_width, p, ratio_for(p.tolerance), false))
        return r;
    if (auto r = run_pass(items, line_width, p, ratio_for(p.second_tolerance), false))
        return r;
    return run_pass(items, line_width, p, std::numeric_limits<double>::infinity(), true);
}

} // namespace chronik::layout
