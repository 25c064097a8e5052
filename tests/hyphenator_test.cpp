#include "text/hyphenator.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using chronik::text::Hyphenator;

TEST_CASE("hyphenation: German words from the sample") {
    const auto de = Hyphenator::for_language("de");
    REQUIRE(de);
    CHECK(de->hyphenated("Informationssicherheit") == "In-for-ma-ti-ons-si-cher-heit");
    CHECK(de->hyphenated("Kinderbetreuungsplätzen") == "Kin-der-be-treu-ungs-plät-zen");
    CHECK(de->hyphenated("Firmenjubiläum") == "Fir-men-ju-bi-läum");
    CHECK(de->hyphenated("Angewandte") == "Ange-wandte");
    CHECK(de->hyphenated("Großes") == "Gro-ßes");
    // regional tags use the same patterns
    CHECK(Hyphenator::for_language("de-AT")->hyphenated("Rechenzentrum") == "Re-chen-zen-trum");
}

TEST_CASE("hyphenation: English words") {
    const auto en = Hyphenator::for_language("en");
    REQUIRE(en);
    CHECK(en->hyphenated("hyphenation") == "hy-phen-ation");
    CHECK(en->hyphenated("typesetting") == "type-set-ting");
    CHECK(en->hyphenated("Chronicle") == "Chron-i-cle");
    // The English patterns are UTF-8: a word with an accent keeps its points in place.
    const auto plain = en->points("naivety");
    CHECK(en->points("naïvety").size() == plain.size());
}

TEST_CASE("hyphenation: short words, non-Latin-1 letters and minimum lengths") {
    const auto de = Hyphenator::for_language("de");
    REQUIRE(de);
    CHECK(de->points("Ende").empty());   // under 5 letters
    CHECK(de->points("Łódźer").empty()); // outside the dictionary's Latin-1
    // at least 2 letters before and 3 after a break
    for (const auto p : de->points("Informationssicherheit")) {
        CHECK(p >= 2);
        CHECK(p <= std::string("Informationssicherheit").size() - 3);
    }
    CHECK(Hyphenator::for_language("tlh") == nullptr); // no dictionary installed
}

// libhyphen trusts its input; Hyphenator::points hands it only what it can
// take (issue #11, fuzz/fuzz_unicode.cpp).
TEST_CASE("hyphenation: any bytes, any limits, any length are safe") {
    for (const char* lang : {"de", "en"}) {
        const auto h = Hyphenator::for_language(lang);
        REQUIRE(h);
        // Ill-formed UTF-8, controls (a NUL would end libhyphen's word
        // early), flags and other characters outside Latin-1: no points.
        for (const std::string& word : std::vector<std::string>{
                 "Informations\xFFsicherheit", "Informations\xC3", "\xC3Informationssicherheit",
                 std::string("Informations\0sicherheit", 23), "Informations\u0085sicherheit",
                 "Informations\x7Fsicherheit", "Informations\U0001F1E9\U0001F1EAsicherheit",
                 "Informations\uFFFFsicherheit"})
            CHECK(h->points(word).empty());
        // Limits below one count as one: no point before the first letter.
        for (int left = -2; left <= 1; ++left)
            for (int right = -2; right <= 1; ++right)
                for (const auto p : h->points("Informationssicherheit", -1, left, right)) {
                    CHECK(p >= 1);
                    CHECK(p < std::string("Informationssicherheit").size());
                }
        // Words up to the limit are hyphenated, longer ones are not.
        std::string longest;
        while (longest.size() + 11 < Hyphenator::max_word_bytes)
            longest += "Information";
        CHECK(!h->points(longest).empty());
        CHECK(h->points(longest + std::string(Hyphenator::max_word_bytes, 'a')).empty());
        CHECK(h->points(std::string(1 << 20, 'a')).empty());
        // Digits, punctuation and pattern syntax inside a word.
        for (const std::string word : {"12345678", "a.b.c.d.e", "x1y2z3w4", "...........",
                                       "ÿÿÿÿÿÿÿÿ", "ßßßßßßßßß", "aaaaaaaaaaaaaaaaaaaa"}) {
            std::size_t last = 0;
            for (const auto p : h->points(word)) {
                CHECK(p > last);
                CHECK(p < word.size());
                last = p;
            }
        }
    }
}

TEST_CASE("hyphenator: the dictionary of a tag, shared by tags of one language") {
    const auto en = Hyphenator::dictionary_for("en");
    CHECK(en == "/usr/share/hyphen/hyph_en_US.dic");
    CHECK(Hyphenator::dictionary_for("en-x-private") == en);
    CHECK(Hyphenator::dictionary_for("EN-us") == en);
    CHECK(Hyphenator::dictionary_for("de") == "/usr/share/hyphen/hyph_de_DE.dic");
    CHECK(Hyphenator::dictionary_for("tlh").empty());
    CHECK(Hyphenator::for_language("tlh") == nullptr);
}
