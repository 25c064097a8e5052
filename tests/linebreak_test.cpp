// The Knuth–Plass breaker on known paragraphs with fixed-width test glyphs.
#include "layout/linebreak.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>

using namespace chronik::layout;

namespace {

// Knuth & Plass's example text ("The Frog King", Grimm), as in their paper.
const std::string frog_king =
    "In olden times when wishing still helped one, there lived a king whose daughters were all "
    "beautiful; and the youngest was so beautiful that the sun itself, which has seen so much, "
    "was astonished whenever it shone in her face. Close by the king's castle lay a great dark "
    "forest, and under an old lime-tree in the forest was a well, and when the day was very "
    "warm, the king's child went out into the forest and sat down by the side of the cool "
    "fountain; and when she was bored she took a golden ball, and threw it up on high and "
    "caught it; and this ball was her favorite plaything.";

// Test glyphs: every character 1 unit (1000), a space 1 unit that may
// stretch by 1/2 and shrink by 1/3. Words break only at spaces; a hyphen
// inside a word ("lime-tree") is a flagged break of width 0.
struct Paragraph {
    std::vector<Item> items;
    std::vector<std::string> words; // text of each box, by item index
};

Paragraph items_for(const std::string& text) {
    Paragraph p;
    std::string word;
    auto flush = [&] {
        if (word.empty())
            return;
        const auto dash = word.find('-');
        if (dash != std::string::npos && dash + 1 < word.size()) {
            p.items.push_back(Item::box(static_cast<Length>(dash + 1) * 1000));
            p.words.push_back(word.substr(0, dash + 1));
            p.items.push_back(Item::penalty_item(0, 50, true));
            p.words.emplace_back();
            word = word.substr(dash + 1);
        }
        p.items.push_back(Item::box(static_cast<Length>(word.size()) * 1000));
        p.words.push_back(word);
        word.clear();
    };
    for (char c : text) {
        if (c == ' ') {
            flush();
            p.items.push_back(Item::glue(1000, 500, 333));
            p.words.emplace_back();
        } else {
            word += c;
        }
    }
    flush();
    p.items.push_back(Item::fill_glue());
    p.words.emplace_back();
    p.items.push_back(Item::penalty_item(0, -infinite_penalty, false));
    p.words.emplace_back();
    return p;
}

std::vector<std::string> lines_of(const Paragraph& p, const std::vector<LineBreak>& breaks) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (const auto& b : breaks) {
        std::string line;
        for (std::size_t i = start; i < b.position; ++i) {
            if (p.items[i].kind == Item::Kind::Box)
                line += p.words[i];
            else if (p.items[i].kind == Item::Kind::Glue && !line.empty() && !p.items[i].fill)
                line += ' ';
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out.push_back(line);
        start = b.position + 1;
        while (start < p.items.size() && p.items[start].kind != Item::Kind::Box)
            ++start;
    }
    return out;
}

// Independent check: the optimum by dynamic programming over all legal
// breaks (no active-list pruning), with the same demerits. Equal totals
// mean the breaker found the best breaks, not just good ones.
double brute_force_optimum(const std::vector<Item>& items, Length width, const BreakParams& prm,
                           double max_ratio) {
    std::vector<std::size_t> legal{0};
    for (std::size_t i = 1; i < items.size(); ++i) {
        const Item& it = items[i];
        if ((it.kind == Item::Kind::Penalty && it.penalty < infinite_penalty) ||
            (it.kind == Item::Kind::Glue && items[i - 1].kind == Item::Kind::Box))
            legal.push_back(i);
    }
    auto fitness = [](double r) { return r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0; };
    // state: (break index in legal, fitness, flagged, hyphen run) -> demerits
    std::map<std::tuple<std::size_t, int, bool, int>, double> best;
    best[{0, 2, false, 0}] = 0;
    double answer = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < legal.size(); ++a) {
        for (std::size_t bi = a + 1; bi < legal.size(); ++bi) {
            const std::size_t from = legal[a], to = legal[bi];
            std::size_t start = from == 0 ? 0 : from + 1;
            if (from != 0)
                while (start < to && items[start].kind != Item::Kind::Box)
                    ++start;
            Length w = 0, y = 0, z = 0;
            bool fill = false;
            bool forced_inside = false;
            for (std::size_t k = start; k < to; ++k) {
                const Item& it = items[k];
                if (it.kind == Item::Kind::Box)
                    w += it.width;
                else if (it.kind == Item::Kind::Glue)
                    w += it.width, y += it.stretch, z += it.shrink, fill = fill || it.fill;
                else if (it.penalty <= -infinite_penalty)
                    forced_inside = true;
            }
            if (forced_inside)
                break;
            const Item& br = items[to];
            if (br.kind == Item::Kind::Penalty)
                w += br.width;
            double r = w < width   ? (fill    ? 0
                                      : y > 0 ? double(width - w) / y
                                              : 1e9)
                       : w > width ? (z > 0 ? double(width - w) / z : -1e9)
                                   : 0;
            if (r < -1)
                break;
            if (r > max_ratio)
                continue;
            const bool flagged = br.kind == Item::Kind::Penalty && br.flagged;
            const bool forced = br.kind == Item::Kind::Penalty && br.penalty <= -infinite_penalty;
            for (const auto& [key, d0] : best) {
                const auto& [ka, fit0, flag0, run0] = key;
                if (ka != a)
                    continue;
                const int run = flagged ? run0 + 1 : 0;
                if (run > prm.max_hyphen_run)
                    continue;
                const double bad = badness(r);
                double d = (prm.line_penalty + bad) * (prm.line_penalty + bad);
                if (br.kind == Item::Kind::Penalty && br.penalty >= 0)
                    d += double(br.penalty) * br.penalty;
                if (flagged && flag0)
                    d += prm.flagged_demerits;
                if (forced && flag0)
                    d += prm.final_hyphen_demerits;
                const int fit = fitness(r);
                if (std::abs(fit - fit0) > 1)
                    d += prm.fitness_demerits;
                const auto k2 = std::make_tuple(bi, fit, flagged, run);
                const double total = d0 + d;
                if (!best.count(k2) || total < best[k2])
                    best[k2] = total;
                if (to == items.size() - 1)
                    answer = std::min(answer, total);
            }
            if (forced)
                break;
        }
    }
    return answer;
}

double total_demerits(const std::vector<Item>& items, const std::vector<LineBreak>& breaks,
                      const BreakParams& prm) {
    double total = 0;
    int prev_fit = 2;
    bool prev_flag = false;
    for (const auto& b : breaks) {
        const Item& br = items[b.position];
        const double bad = badness(b.ratio);
        double d = (prm.line_penalty + bad) * (prm.line_penalty + bad);
        if (br.kind == Item::Kind::Penalty && br.penalty >= 0)
            d += double(br.penalty) * br.penalty;
        if (b.flagged && prev_flag)
            d += prm.flagged_demerits;
        if (br.kind == Item::Kind::Penalty && br.penalty <= -infinite_penalty && prev_flag)
            d += prm.final_hyphen_demerits;
        const int fit = b.ratio < -0.5 ? 3 : b.ratio <= 0.5 ? 2 : b.ratio <= 1 ? 1 : 0;
        if (std::abs(fit - prev_fit) > 1)
            d += prm.fitness_demerits;
        total += d;
        prev_fit = fit;
        prev_flag = b.flagged;
    }
    return total;
}

} // namespace

TEST_CASE("linebreak: the frog king at 35 units, breaks and ratios") {
    const auto p = items_for(frog_king);
    BreakParams prm;
    prm.tolerance = 200; // TeX's \tolerance: with fixed-width glyphs and no hyphenation
    const auto breaks = break_lines(
        p.items, [](std::size_t) { return 35000; }, prm);
    REQUIRE(breaks);
    const auto lines = lines_of(p, *breaks);
    // Known breaks: the brute-force test below confirms they are optimal.
    // Narrow and without hyphenation, some lines need the second pass.
    const std::vector<std::string> expected = {
        "In olden times when wishing still",   "helped one, there lived a king whose",
        "daughters were all beautiful; and",   "the youngest was so beautiful that",
        "the sun itself, which has seen so",   "much, was astonished whenever it",
        "shone in her face. Close by the",     "king's castle lay a great dark",
        "forest, and under an old lime-tree",  "in the forest was a well, and when",
        "the day was very warm, the king's",   "child went out into the forest and",
        "sat down by the side of the cool",    "fountain; and when she was bored she",
        "took a golden ball, and threw it up", "on high and caught it; and this ball",
        "was her favorite plaything.",
    };
    CHECK(lines == expected);
    for (std::size_t i = 0; i + 1 < breaks->size(); ++i) {
        CAPTURE(lines[i]);
        CHECK((*breaks)[i].ratio >= -1.0);
        CHECK((*breaks)[i].ratio <= 2.0); // within the second pass's tolerance
    }
    CHECK(breaks->back().ratio == 0.0); // the last line is set with its natural spaces
    // "In olden times when wishing still" is 33 units on a 35-unit line with
    // 5 spaces of stretch 1/2: r = 2 / 2.5 = 0.8.
    CHECK((*breaks)[0].ratio == doctest::Approx(0.8));
}

TEST_CASE("linebreak: total fit finds the optimum at several widths") {
    const auto p = items_for(frog_king);
    BreakParams prm;
    for (Length width : {30000, 35000, 42000, 50000, 61000}) {
        CAPTURE(width);
        const auto breaks = break_lines(
            p.items, [&](std::size_t) { return width; }, prm);
        REQUIRE(breaks);
        const double ours = total_demerits(p.items, *breaks, prm);
        // The optimum of the first pass that has a solution, as the breaker does.
        double optimum = std::numeric_limits<double>::infinity();
        for (double max_ratio :
             {std::cbrt(prm.tolerance / 100.0), std::cbrt(prm.second_tolerance / 100.0),
              std::numeric_limits<double>::infinity()}) {
            optimum = brute_force_optimum(p.items, width, prm, max_ratio);
            if (optimum < std::numeric_limits<double>::infinity())
                break;
        }
        CHECK(ours == doctest::Approx(optimum));
        // no line overfull
        for (const auto& b : *breaks)
            CHECK(b.ratio >= -1.0);
    }
}

TEST_CASE("linebreak: no feasible fit within tolerance falls back to looser passes") {
    // Long words on a narrow line: r <= 1 is impossible, r <= 2 is not.
    std::vector<Item> items = {Item::box(10000),
                               Item::glue(1000, 500, 333),
                               Item::box(10000),
                               Item::glue(1000, 500, 333),
                               Item::box(10000),
                               Item::fill_glue(),
                               Item::penalty_item(0, -infinite_penalty, false)};
    const auto breaks = break_lines(items, [](std::size_t) { return 12000; }, {});
    REQUIRE(breaks);
    REQUIRE(breaks->size() == 3);
    CHECK((*breaks)[0].ratio > 1.0); // each line holds one word, spaces stretched out
    // A box wider than the line: the last pass breaks anyway, the line
    // overfull, and the boxes after it get lines of their own (before, no
    // breaks at all, and the caller set the paragraph on one line).
    std::vector<Item> wide = {Item::box(20000),
                              Item::glue(1000, 500, 333),
                              Item::box(5000),
                              Item::glue(1000, 500, 333),
                              Item::box(20000),
                              Item::glue(1000, 500, 333),
                              Item::box(5000),
                              Item::fill_glue(),
                              Item::penalty_item(0, -infinite_penalty, false)};
    const auto overfull = break_lines(wide, [](std::size_t) { return 12000; }, {});
    REQUIRE(overfull);
    REQUIRE(overfull->size() == 4);
    CHECK((*overfull)[0].position == 1);
    CHECK((*overfull)[1].position == 3);
    CHECK((*overfull)[2].position == 5);
    CHECK((*overfull)[3].position == 8);
}

TEST_CASE("linebreak: at most two hyphenated lines in a row") {
    // Every word may be hyphenated in the middle; a narrow line invites
    // hyphen ladders.
    std::vector<Item> items;
    for (int i = 0; i < 40; ++i) {
        items.push_back(Item::box(3000));
        items.push_back(Item::penalty_item(1000, 50, true));
        items.push_back(Item::box(4000));
        items.push_back(Item::glue(1000, 500, 333));
    }
    items.push_back(Item::fill_glue());
    items.push_back(Item::penalty_item(0, -infinite_penalty, false));
    for (Length width : {11000, 13000, 17000, 19000}) {
        CAPTURE(width);
        const auto breaks = break_lines(items, [&](std::size_t) { return width; }, {});
        REQUIRE(breaks);
        int run = 0, longest = 0;
        for (const auto& b : *breaks) {
            run = b.flagged ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        CHECK(longest <= 2);
    }
}

TEST_CASE("linebreak: a forced break ends a line early without stretching it") {
    std::vector<Item> items = {Item::box(5000),
                               Item::glue(1000, 500, 333),
                               Item::box(5000),
                               Item::fill_glue(),
                               Item::penalty_item(0, -infinite_penalty, false),
                               Item::box(5000),
                               Item::fill_glue(),
                               Item::penalty_item(0, -infinite_penalty, false)};
    const auto breaks = break_lines(items, [](std::size_t) { return 30000; }, {});
    REQUIRE(breaks);
    REQUIRE(breaks->size() == 2);
    CHECK((*breaks)[0].position == 4);
    CHECK((*breaks)[0].ratio == 0.0);
}
