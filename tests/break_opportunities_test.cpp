// Line-break opportunities (UAX #14) from the text stage.
#include "text/break_opportunities.hpp"

#include <doctest/doctest.h>

#include <string>

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
