// The strict XML layer: encodings, DOCTYPE, entities, well-formedness.
#include "helpers.hpp"
#include "xml/source.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using chronik::test::has;
using chronik::test::joined;
using chronik::test::lines;

namespace {
std::vector<std::string> parse_errors(const std::string& text, bool* parsed = nullptr) {
    Diagnostics d;
    auto src = xml::Source::parse(text, "t.xml", d);
    if (parsed)
        *parsed = src != nullptr;
    return lines(d);
}
} // namespace

TEST_CASE("xml: empty, UTF-16, UTF-32 and binary files are refused") {
    CHECK(has(parse_errors(""), "t.xml: error: file is empty"));
    CHECK(has(parse_errors(std::string("\xFF\xFE<\0c\0", 6)), "t.xml:1:1: error: file is UTF-16"));
    CHECK(has(parse_errors(std::string("\xFE\xFF\0<\0c", 6)), "t.xml:1:1: error: file is UTF-16"));
    CHECK(has(parse_errors(std::string("\xFF\xFE\0\0<\0\0\0", 8)), "UTF-32"));
    CHECK(has(parse_errors(std::string("<\0c\0h\0", 6)),
              "t.xml:1:2: error: file contains a NUL byte"));
    CHECK(has(parse_errors("\x89PNG\r\n\x1a\n\x01\x02"),
              "t.xml:1:1: error: invalid UTF-8 (byte 0x89)"));
}

TEST_CASE("xml: invalid UTF-8 is reported at its line and column, every time") {
    const auto e = parse_errors("<a>\n  gr\xFC\xDF e\n  caf\xE9</a>");
    CHECK(has(e, "t.xml:2:5: error: invalid UTF-8 (byte 0xFC)"));
    CHECK(has(e, "t.xml:3:6: error: invalid UTF-8 (byte 0xE9)"));
    // overlong encoding of '/' and an encoded surrogate
    CHECK(has(parse_errors("<a>\xC0\xAF</a>"), "invalid UTF-8"));
    CHECK(has(parse_errors("<a>\xED\xA0\x80</a>"), "invalid UTF-8"));
}

TEST_CASE("xml: a UTF-8 byte order mark is fine, another declared encoding is not") {
    bool ok = false;
    CHECK(parse_errors("\xEF\xBB\xBF<a/>", &ok).empty());
    CHECK(ok);
    CHECK(has(parse_errors("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>"),
              "t.xml:1:31: error: the XML declaration names encoding 'ISO-8859-1'"));
    CHECK(parse_errors("<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>").empty());
}

TEST_CASE("xml: DOCTYPE is refused before anything is expanded (billion laughs, XXE)") {
    const std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
                               " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>";
    bool ok = true;
    auto e = parse_errors(laughs, &ok);
    CHECK_FALSE(ok);
    CHECK(has(e, "t.xml:2:1: error: DOCTYPE and ENTITY declarations are not allowed"));
    e = parse_errors("<!DOCTYPE c SYSTEM \"file:///etc/passwd\"><c/>", &ok);
    CHECK_FALSE(ok);
    CHECK(has(e, "t.xml:1:1: error: DOCTYPE"));
    // a DOCTYPE inside a comment is just text
    CHECK(parse_errors("<!-- <!DOCTYPE x> --><a/>").empty());
}

TEST_CASE("xml: only the built-in entities and character references") {
    bool ok = false;
    CHECK(parse_errors("<a>&amp;&lt;&gt;&quot;&apos;&#160;&#x20AC;</a>", &ok).empty());
    CHECK(ok);
    auto e = parse_errors("<a>\n x &nbsp; y &copy;</a>");
    CHECK(has(e, "t.xml:2:4: error: unknown entity '&nbsp;'"));
    CHECK(has(e, "t.xml:2:13: error: unknown entity '&copy;'"));
    CHECK(has(parse_errors("<a>Müller & Söhne</a>"),
              "t.xml:1:11: error: a bare '&' must be written as &amp;"));
    CHECK(has(parse_errors("<a>&#0;</a>"), "names a character XML does not allow"));
    CHECK(has(parse_errors("<a>&#xD800;</a>"), "names a character XML does not allow"));
    CHECK(has(parse_errors("<a>&#12a;</a>"), "malformed character reference"));
    CHECK(has(parse_errors("<a b=\"&foo;\"/>"), "unknown entity '&foo;'"));
}

TEST_CASE("xml: control characters are not XML") {
    CHECK(has(parse_errors("<a>bell\x07</a>"),
              "t.xml:1:8: error: character U+0007 is not allowed in XML"));
}

TEST_CASE("xml: not well-formed input names the line") {
    CHECK(has(parse_errors("<a>\n<b>\n</a>"),
              "t.xml:2: error: not well-formed XML: end tag does not match its start tag <b>"));
    CHECK(has(parse_errors("<a>\n<b"), "t.xml:2: error: not well-formed XML"));
    CHECK(has(parse_errors("<a/><b/>"),
              "t.xml:1: error: not well-formed XML: more than one root element"));
    CHECK(has(parse_errors("<a/>text"), "t.xml:1: error: not well-formed XML"));
    CHECK(has(parse_errors("<a x=\"1\" x=\"2\"/>"), "not well-formed XML"));
    CHECK(has(parse_errors("   "), "not well-formed XML: no root element"));
}

TEST_CASE("xml: deep nesting is refused, not a stack overflow") {
    std::string deep;
    for (int i = 0; i < 20000; ++i)
        deep += "<em>";
    deep += "x";
    for (int i = 0; i < 20000; ++i)
        deep += "</em>";
    const auto e = parse_errors("<p>" + deep + "</p>");
    CHECK(has(e, "nested too deeply"));
}

TEST_CASE("xml: columns point at the start tag, even for repeated names on one line") {
    Diagnostics d;
    auto src = xml::Source::parse("<p>a <em>b</em> ü <em>c</em></p>", "t.xml", d);
    REQUIRE(src);
    auto* first = src->root()->FirstChildElement("em");
    auto* second = first->NextSiblingElement("em");
    CHECK(src->column(src->root()) == 1);
    CHECK(src->column(first) == 6);
    CHECK(src->column(second) == 19); // counted in characters, not bytes
    INFO(joined(lines(d)));
}

TEST_CASE("xml: one attribute check for every reader, at file:line:col") {
    Diagnostics d;
    const auto src = xml::Source::parse("<r a=\"1\" b=\"2\">\n  <e x=\"3\"/>\n</r>", "t.xml", d);
    REQUIRE(src);
    const auto* r = src->root();
    xml::check_attributes(*src, r, {"a"}, d);
    xml::check_attributes(*src, r->FirstChildElement("e"), {}, d);
    CHECK(xml::required_attribute(*src, r, "a", {}, d) == std::string("1"));
    CHECK(xml::required_attribute(*src, r, "alt", "a description", d) == nullptr);
    xml::missing_attribute(*src, r, "date", {}, d);
    xml::missing_attribute(*src, r, "href", {}, d);
    CHECK(lines(d) == std::vector<std::string>{
                          "t.xml:1:10: error: unknown attribute 'b' on <r> (allowed: a)",
                          "t.xml:2:6: error: unknown attribute 'x' on <e> (it takes none)",
                          "t.xml:1:1: error: <r> needs an alt attribute (a description)",
                          "t.xml:1:1: error: <r> needs a date attribute",
                          "t.xml:1:1: error: <r> needs an href attribute",
                      });
}

// Issue #11: what XML allows and chronik refuses, and what XML allows and
// chronik refused by mistake.
TEST_CASE("xml: C1 controls and DEL are refused, raw and as references") {
    CHECK(has(parse_errors("<a>x\u0085y</a>"),
              "t.xml:1:5: error: control character U+0085 is not allowed (chronik refuses "
              "control characters other than tab and line breaks)"));
    CHECK(has(parse_errors("<a b=\"\u009F\"/>"), "t.xml:1:7: error: control character U+009F"));
    CHECK(has(parse_errors("<a>\x7F</a>"), "t.xml:1:4: error: control character U+007F"));
    CHECK(has(parse_errors("<a><!-- \u0080 --></a>"), "control character U+0080"));
    CHECK(has(parse_errors("<a>&#x85;</a>"),
              "t.xml:1:4: error: character reference '&#x85;' names control character U+0085"));
    CHECK(has(parse_errors("<a>&#127;</a>"), "names control character U+007F"));
    CHECK(has(parse_errors("<a>&#159;</a>"), "names control character U+009F"));
    // Tab and line breaks stay, raw and as references; U+00A0 is no control.
    bool ok = false;
    CHECK(parse_errors("<a>\t&#9;&#10;&#13;&#xA0;\u00A0</a>", &ok).empty());
    CHECK(ok);
}

TEST_CASE("xml: character references with any number of digits, values up to U+10FFFF") {
    Diagnostics d;
    auto src = xml::Source::parse("<a>&#x000000041;&#0000000000066;&#x0010FFFF;</a>", "t.xml", d);
    REQUIRE(src);
    CHECK(d.items().empty());
    CHECK(std::string(src->root()->GetText()) == "AB\U0010FFFF");
    CHECK(has(parse_errors("<a>&#x110000;</a>"),
              "t.xml:1:4: error: character reference '&#x110000;' lies past U+10FFFF"));
    // 9 significant digits: tinyxml2 alone would wrap this round to 'A'.
    CHECK(has(parse_errors("<a>&#x100000041;</a>"), "lies past U+10FFFF"));
    CHECK(has(parse_errors("<a>&#99999999999999999999;</a>"), "lies past U+10FFFF"));
    CHECK(has(parse_errors("<a>&#x00D800;</a>"), "names a character XML does not allow"));
    CHECK(has(parse_errors("<a>&#;</a>"), "malformed character reference '&#'"));
    CHECK(has(parse_errors("<a>&#x;</a>"), "malformed character reference '&#x'"));
    CHECK(has(parse_errors("<a>&#X41;</a>"), "malformed character reference"));
    CHECK(has(parse_errors("<a>&#12 </a>"), "malformed character reference '&#12'"));
    // A million digits: a legal reference with leading zeros, then one
    // past U+10FFFF, its text cut short in the message, no overflow.
    const auto e = parse_errors("<a>&#x" + std::string(1000000, '0') + "41;&#" +
                                std::string(1000000, '9') + ";</a>");
    CHECK(e.size() == 1);
    CHECK(has(e, "error: character reference '&#9999999999...' lies past U+10FFFF"));
}

TEST_CASE("xml: processing instructions anywhere are ignored, the declaration only first") {
    Diagnostics d;
    auto src = xml::Source::parse("<?xml version=\"1.0\"?>\n<?style x?>\n<a>x<?foo bar?>y\n"
                                  "<b/> <?pi\n?> <c/><?q?></a><?after?>",
                                  "t.xml", d);
    REQUIRE(src);
    CHECK(lines(d).empty());
    std::string text; // of the root's text nodes, around the instructions
    for (auto* n = src->root()->FirstChild(); n; n = n->NextSibling())
        if (n->ToText())
            text += n->Value();
    CHECK(text.substr(0, 3) == "xy\n");
    const auto* b = src->root()->FirstChildElement("b");
    REQUIRE(b);
    // The space between <b/> and <c/> is kept, and lines still count.
    REQUIRE(b->NextSibling());
    CHECK(b->NextSibling()->ToText());
    CHECK(src->root()->FirstChildElement("c")->GetLineNum() == 5);
    CHECK(has(parse_errors("<a/>\n<?xml version=\"1.0\"?>"),
              "t.xml:2:1: error: an XML declaration (<?xml ...?>) may only stand at the very "
              "start of the file"));
    CHECK(has(parse_errors(" <?xml version=\"1.0\"?><a/>"), "may only stand at the very start"));
    CHECK(has(parse_errors("<a><?XML x?></a>"), "may only stand at the very start"));
    CHECK(parse_errors("<a><?xml-stylesheet href=\"s\"?></a>").empty());
    CHECK(has(parse_errors("<a>\n<? foo?></a>"),
              "t.xml:2:1: error: malformed processing instruction: a name must follow '<?'"));
    CHECK(has(parse_errors("<a><?foo</a>"), "unterminated processing instruction (no '?>')"));
    CHECK(has(parse_errors("<?xml version=\"1.0\"<a/>"), "unterminated XML declaration"));
}

TEST_CASE("xml: lines end at LF, CR LF and a lone CR, in every message") {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        INFO("line end " << std::string(eol == "\n" ? "LF" : eol == "\r" ? "CR" : "CR LF"));
        const std::string head = "<a>" + eol + "<b>" + eol + eol;
        CHECK(has(parse_errors(head + "  &nbsp;</b></a>"), "t.xml:4:3: error: unknown entity"));
        CHECK(has(parse_errors(head + "\xFF</b></a>"), "t.xml:4:1: error: invalid UTF-8"));
        CHECK(has(parse_errors(head + "</c></a>"),
                  "t.xml:2: error: not well-formed XML: end tag does not match its start tag <b>"));
        CHECK(has(parse_errors(head + "<c>" + eol + "<d x=\"1\" x=\"2\"/></c></b></a>"),
                  "t.xml:5: error: not well-formed XML: malformed attribute"));
        Diagnostics d;
        auto src = xml::Source::parse(head + " <c x=\"1\"/></b></a>", "t.xml", d);
        REQUIRE(src);
        const auto* c = src->root()->FirstChildElement("b")->FirstChildElement("c");
        CHECK(c->GetLineNum() == 4);
        CHECK(src->column(c) == 2);
        CHECK(src->column(c, "x") == 5);
        // Text carries LF only, as XML's end-of-line handling has it.
        CHECK(std::string(src->root()->FirstChildElement("b")->FirstChild()->Value()).find('\r') ==
              std::string::npos);
    }
}

TEST_CASE("xml: white space between elements survives a comment or an instruction before it") {
    for (const std::string between : {"<!-- c --> ", "<?pi?> ", " <!-- c -->", " <?pi?>"}) {
        CAPTURE(between);
        Diagnostics d;
        auto src = xml::Source::parse("<p><em>a</em>" + between + "<b>c</b></p>", "t.xml", d);
        REQUIRE(src);
        std::string text;
        for (auto* n = src->root()->FirstChild(); n; n = n->NextSibling())
            if (n->ToText())
                text += n->Value();
        CHECK(text == " ");
    }
}
