#include "text/hyphenator.hpp"

#include <doctest/doctest.h>

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
