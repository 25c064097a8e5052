// Line-break opportunities (UAX #14) from the text stage.
#include "text/break_opportunities.hpp"

#include "support/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using chronik::text::Break;
using chronik::text::break_opportunities;

namespace {

// The text with '|' after every byte where a line may end.
std::string marked(const std::string& s, const std::string& lang = "de") {
    const auto b = break_opportunities(s, lang);
    REQUIRE(b.size() == s.size());
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        if (b[i] == Break::allowed)
            out += '|';
    }
    return out;
}

} // namespace

TEST_CASE("break opportunities: after spaces, dashes and slashes, not before a no-break space") {
    CHECK(marked("IT-Dienstleister und Bürger/innen") == "IT-|Dienstleister |und |Bürger/|innen");
    CHECK(marked("1994 – 2024") == "1994 |– |2024");
    CHECK(marked("S.\u00A01") == "S.\u00A01");
}

TEST_CASE("break opportunities: one entry per byte, inside characters marked so") {
    const std::string s = "Größe";
    const auto b = break_opportunities(s, "de");
    REQUIRE(b.size() == s.size());
    CHECK(b[2] == Break::inside_character); // first byte of ö
    CHECK(b.back() != Break::allowed);
    CHECK(break_opportunities("", "de").empty());
}

// libunibreak 1.1 (Debian 12) aborts the process on a regional indicator
// next to any character and on U+FFFF after the first: break_opportunities
// hands it substitutes (src/text/break_opportunities.cpp). Issue #11.
TEST_CASE("break opportunities: flag emoji do not abort, and a flag is not broken (LB30a)") {
    const std::string de = "\U0001F1E9\U0001F1EA"; // 🇩🇪
    const std::string fr = "\U0001F1EB\U0001F1F7"; // 🇫🇷
    CHECK(marked("Flag " + de + " x") == "Flag |" + de + " |x");
    // Between two flags a line may end, inside one it may not.
    CHECK(marked(de + fr + "x") == de + "|" + fr + "|x");
    // Pairs count from the start of a run: the third indicator starts a pair.
    CHECK(marked("a" + de + "\U0001F1E9b") == "a|" + de + "|\U0001F1E9|b");
    CHECK(marked(de) == de);
    CHECK(marked("\U0001F1E6") == "\U0001F1E6");
    // Every pair of regional indicators, and one before and after each.
    for (char32_t a = 0x1F1E6; a <= 0x1F1FF; ++a)
        for (char32_t b = 0x1F1E6; b <= 0x1F1FF; ++b) {
            std::string s = "(";
            chronik::utf8::append(s, a);
            chronik::utf8::append(s, b);
            s += ")";
            const auto brk = break_opportunities(s, "de");
            REQUIRE(brk.size() == s.size());
            CHECK(brk[4] == Break::none);
        }
}

TEST_CASE("break opportunities: U+FFFF, ill-formed UTF-8 and NUL do not abort") {
    CHECK(marked("a\uFFFF b") == "a\uFFFF |b"); // libunibreak's own end-of-text value
    CHECK(marked("\uFFFF b") == "\uFFFF |b");
    // A byte of ill-formed UTF-8 counts as a character of its own (as
    // utf8::next decodes it); none is "inside a character".
    for (const std::string bad : {"a \xFF b", "a \xE2\x82 b", "a \xC0\xAF b", "a \xED\xA0\x80 b",
                                  "a \xF4\x90\x80\x80 b", "\x80", "x\xF0\x9F\x87",
                                  // found by fuzz_unicode: libunibreak read "\xDF:" as
                                  // one character, swallowing the ':'
                                  "\xDF::"}) {
        const auto brk = break_opportunities(bad, "de");
        REQUIRE(brk.size() == bad.size());
        for (const auto b : brk)
            CHECK(b != Break::inside_character);
    }
    CHECK(marked(std::string("a\0 b", 4)) == std::string("a\0 |b", 5));
}

TEST_CASE("break opportunities: every code point, alone, doubled and beside others") {
    // One string per block of code points, each in several surroundings;
    // before the guard this aborted at U+FFFF and at U+1F1E6.
    for (char32_t block = 0; block <= 0x10FFFF; block += 0x1000) {
        std::string s;
        for (char32_t c = block; c < block + 0x1000 && c <= 0x10FFFF; ++c) {
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            s += 'a';
            chronik::utf8::append(s, c);
            chronik::utf8::append(s, c);
            s += " (";
            chronik::utf8::append(s, c);
            s += "1";
        }
        const auto brk = break_opportunities(s, (block & 0x1000) ? "ja" : "de");
        REQUIRE(brk.size() == s.size());
        CHECK(brk.back() == Break::mandatory);
    }
}

TEST_CASE("break opportunities: all triples of line-break classes") {
    // One character of each of the 30 kinds of behaviour libunibreak 1.1
    // shows (found by grouping every code point by its breaks beside
    // probes of every class), the two it aborts on, and a stray byte.
    const std::vector<std::string> kinds = {std::string(1, '\0'),
                                            "\t",
                                            "\n",
                                            "\v",
                                            "\r",
                                            " ",
                                            "!",
                                            "\"",
                                            "#",
                                            "$",
                                            "%",
                                            "(",
                                            ")",
                                            ",",
                                            "-",
                                            "/",
                                            "0",
                                            "}",
                                            "\u00A0",
                                            "\u00B4",
                                            "\u1100",
                                            "\u1160",
                                            "\u11A8",
                                            "\u200B",
                                            "\u2014",
                                            "\u2024",
                                            "\u231A",
                                            "\uAC00",
                                            "\uAC01",
                                            "\uFFFC",
                                            "\U0001F1E6",
                                            "\uFFFF",
                                            "\xFF"};
    for (const auto& a : kinds)
        for (const auto& b : kinds)
            for (const auto& c : kinds) {
                const std::string s = a + b + c;
                REQUIRE(break_opportunities(s, "de").size() == s.size());
            }
}
