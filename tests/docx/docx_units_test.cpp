// Units, dates, language tags and the XML writer of the DOCX renderer.
#include "render/docx/docx_units.hpp"
#include "render/docx/docx_xml.hpp"

#include "docx_support.hpp"

#include <doctest/doctest.h>

using namespace chronik::render::docx;

TEST_CASE("units: points, millimetres and half-points round to whole units") {
    CHECK(twips_from_pt(10.5) == 210);
    CHECK(twips_from_pt(14.5) == 290);
    CHECK(half_points(10.5) == 21);
    CHECK(half_points(8.5) == 17);
    CHECK(twips_from_mm(210) == 11906); // A4 width, as Word writes it
    CHECK(twips_from_mm(297) == 16838);
    CHECK(twips_from_mm(148) == 8391); // A5
    CHECK(emu_from_twips(1440) == emu_per_inch);
    CHECK(64 * emu_per_px == 609600);
}

TEST_CASE("units: W3CDTF timestamps from seconds since 1970") {
    CHECK(w3cdtf(0) == "1970-01-01T00:00:00Z");
    CHECK(w3cdtf(1700000000) == "2023-11-14T22:13:20Z");
    CHECK(w3cdtf(951782400) == "2000-02-29T00:00:00Z"); // leap day
    CHECK(w3cdtf(4102444799) == "2099-12-31T23:59:59Z");
    // The last moment with a four-digit year; none past it (the CLI refuses
    // such a SOURCE_DATE_EPOCH, the renderer never writes five digits).
    CHECK(w3cdtf(253402300799) == "9999-12-31T23:59:59Z");
    CHECK(w3cdtf(253402300800) == "9999-12-31T23:59:59Z");
    CHECK(w3cdtf(INT64_MAX) == "9999-12-31T23:59:59Z");
}

TEST_CASE("xml: text that is not well-formed UTF-8 or not XML 1.0 still makes a well-formed part") {
    std::string out;
    append_xml_safe(out, "caf\xE9 \xC3\xA4\x01\xEF\xBF\xBE\xED\xA0\x80|\xE2\x82");
    CHECK(out == "caf\uFFFD \u00E4\uFFFD\uFFFD\uFFFD|\uFFFD\uFFFD");
}

TEST_CASE("units: w:lang from a BCP 47 tag") {
    CHECK(word_language("de") == "de-DE");
    CHECK(word_language("en") == "en-US");
    CHECK(word_language("en-GB") == "en-GB");
    CHECK(word_language("de-at") == "de-AT");
    CHECK(word_language("DE-CH") == "de-CH");
    CHECK(word_language("sr-Latn") == "sr-Latn");
    CHECK(word_language("xx") == "xx"); // no region we could know
}

TEST_CASE("xml: the printer escapes, characters XML cannot carry are dropped") {
    XmlWriter x;
    x.open("a", {{"v", "x\"<&>'"}});
    x.text("1 < 2 & \"3\" > 0\x01\x1f\xef\xbf\xbf ok\tend");
    x.close();
    const std::string out(x.bytes());
    CHECK(out.starts_with(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"));
    chronik::test::docx::Xml parsed(out);
    const auto* a = parsed.first("a");
    REQUIRE(a);
    CHECK(std::string(a->Attribute("v")) == "x\"<&>'");
    CHECK(std::string(a->GetText()) == "1 < 2 & \"3\" > 0 ok\tend");
    CHECK(out.find('\x01') == std::string::npos);
}

TEST_CASE("xml: unbalanced elements are a programming error") {
    XmlWriter x;
    x.open("a");
    CHECK_THROWS(x.bytes());
    x.close();
    CHECK_NOTHROW(x.bytes());
    CHECK_THROWS(x.close());
}
