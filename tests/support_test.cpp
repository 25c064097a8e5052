// support/: the percent-encoder, civil time, join and hex, the UTF-8 helpers.
#include "support/civil_time.hpp"
#include "support/strings.hpp"
#include "support/uri.hpp"
#include "support/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chronik;

TEST_CASE("uri: percent_encode writes %XX in upper case for the bytes of the set") {
    // A URI from a typed link: space, non-ASCII, quotes and the other bytes
    // RFC 3986 leaves out of URIs; what a URI may hold stays.
    CHECK(uri::percent_encode("https://x.de/a b?q=\"ä\"", uri::not_in_uri) ==
          "https://x.de/a%20b?q=%22%C3%A4%22");
    CHECK(uri::percent_encode("<>\\^`{|}\x7F\x01", uri::not_in_uri) ==
          "%3C%3E%5C%5E%60%7B%7C%7D%7F%01");
    CHECK(uri::percent_encode("https://x.de/(a)~%20#f", uri::not_in_uri) ==
          "https://x.de/(a)~%20#f"); // '%' is not encoded twice: the input is a URI already
    // PDF: only what is not printable ASCII.
    CHECK(uri::percent_encode("a b\"ü{", uri::not_printable_ascii) == "a%20b\"%C3%BC{");
    // Markdown destination: only what ends or confuses it; UTF-8 as written.
    CHECK(uri::percent_encode("https://x.de/a b(c)<d>ü\"", uri::markdown_destination) ==
          "https://x.de/a%20b%28c%29%3Cd%3Eü\"");
    CHECK(uri::percent_encode("", uri::not_in_uri).empty());
}

TEST_CASE("uri: bytes that are not well-formed UTF-8 are encoded whatever the set") {
    // A Latin-1 folder name (0xE9 = e acute), a cut sequence, a surrogate,
    // an overlong form: each byte alone; well-formed UTF-8 beside them stays.
    const std::string latin1 = "caf\xE9/\xC3\xA4";
    CHECK(uri::percent_encode(latin1, uri::markdown_destination) == "caf%E9/\xC3\xA4");
    CHECK(uri::percent_encode(latin1, uri::ill_formed_utf8) == "caf%E9/\xC3\xA4");
    CHECK(uri::percent_encode(latin1, uri::not_in_uri) == "caf%E9/%C3%A4");
    CHECK(uri::percent_encode("a\xE2\x82", uri::ill_formed_utf8) == "a%E2%82");
    CHECK(uri::percent_encode("\xED\xA0\x80", uri::ill_formed_utf8) == "%ED%A0%80");
    CHECK(uri::percent_encode("\xC0\xAF\xFF", uri::ill_formed_utf8) == "%C0%AF%FF");
    CHECK(uri::percent_encode("\xF0\x9F\x98\x80", uri::ill_formed_utf8) == "\xF0\x9F\x98\x80");
}

TEST_CASE("uri: path_reference makes a path a link that percent-decodes to it") {
    CHECK(uri::path_reference("images/small.png") == "images/small.png");
    CHECK(uri::path_reference("../caf\xE9/a b(1)#2?.png") == "../caf%E9/a%20b%281%29%232%3F.png");
    // '%' itself, so that "a%41" does not name "aA"; ':' not read as a scheme;
    // '&' not as an entity, '\\' not as an escape.
    CHECK(uri::path_reference("c:%41&amp;\\x.png") == "c%3A%2541%26amp;%5Cx.png");
    CHECK(uri::path_reference("Bilder/\xC3\x9C"
                              "bergabe.png") == "Bilder/\xC3\x9C"
                                                "bergabe.png");
}

TEST_CASE("uri: scheme of a reference, lower-cased, none for a relative one") {
    CHECK(uri::scheme("HTTPS://example.org/") == "https");
    CHECK(uri::scheme("mailto:a@b") == "mailto");
    CHECK(uri::scheme("JavaScript:alert(1)") == "javascript");
    CHECK(uri::scheme(" javascript:x") == " javascript"); // as written: on no allowed list
    CHECK_FALSE(uri::scheme("images/a:b.png"));
    CHECK_FALSE(uri::scheme("?q=a:b"));
    CHECK_FALSE(uri::scheme("#p-1:2"));
    CHECK_FALSE(uri::scheme("page.html"));
    CHECK(uri::scheme(":x") == ""); // an empty scheme, not a relative reference
}

TEST_CASE("civil_time: the range every output can write, clamped outside it") {
    static_assert(representable(0) && representable(last_epoch));
    static_assert(!representable(-1) && !representable(last_epoch + 1));
    const CivilTime last = civil_time(last_epoch);
    CHECK(last.year == 9999);
    CHECK(last.month == 12);
    CHECK(last.day == 31);
    CHECK(last.hour == 23);
    CHECK(last.minute == 59);
    CHECK(last.second == 59);
    CHECK(civil_time(last_epoch + 1).year == 9999);
    CHECK(civil_time(INT64_MAX).year == 9999);
    CHECK(civil_time(-1).year == 1970);
    CHECK(civil_time(951782400).day == 29); // 2000-02-29
}

TEST_CASE("strings: join and hex") {
    CHECK(join(std::vector<std::string>{"pdf", "docx", "md"}) == "pdf, docx, md");
    CHECK(join(std::vector<std::string>{"pdf", "docx"}, ",") == "pdf,docx");
    CHECK(join(std::vector<std::string>{}).empty());
    CHECK(join(std::vector<std::string>{"", "a"}) == ", a"); // an empty item still counts
    CHECK(hex(0x1F, 2) == "1F");
    CHECK(hex(0x7, 2) == "07");
    CHECK(hex(0xE4, 4) == "00E4");
    CHECK(hex(0x1F600, 4) == "1F600");
    CHECK(hex(0x1F600, 6) == "01F600");
    CHECK(hex(0, 1) == "0");
    std::string s = "x";
    append_hex_byte(s, 0xAB);
    CHECK(s == "xAB");
}

TEST_CASE("strings: escape_markup for XML and HTML text and quoted attributes") {
    CHECK(escape_markup("") == "");
    CHECK(escape_markup("a & b <c> \"d\" 'e' ü") == "a &amp; b &lt;c&gt; &quot;d&quot; 'e' ü");
    CHECK(escape_markup("&amp;") == "&amp;amp;"); // nothing is taken for already escaped
}

TEST_CASE("utf8: next never reads past the end, ill-formed bytes decode one by one") {
    using chronik::utf8::next;
    using chronik::utf8::replacement;
    // Truncated sequences at the end: each byte is one U+FFFD, i stops at the end.
    for (const std::string s : {"\xC3", "\xE2\x82", "\xF0\x9F\x87", "\xFF", "\x80\x80"}) {
        std::size_t i = 0, n = 0;
        while (i < s.size()) {
            CHECK(next(s, i) == replacement);
            ++n;
        }
        CHECK(i == s.size());
        CHECK(n == s.size());
    }
    // Overlongs, surrogates and values past U+10FFFF are ill-formed too; what follows is read.
    for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
        const std::string s = bad + "a";
        std::size_t i = 0;
        char32_t last = 0;
        while (i < s.size())
            last = next(s, i);
        CHECK(last == U'a');
        CHECK(i == s.size());
        CHECK(chronik::utf8::first_invalid(s) == std::size_t{0});
    }
    std::size_t i = 0;
    const std::string s = "\u00E4\U0001F1E9";
    CHECK(next(s, i) == U'\u00E4');
    CHECK(next(s, i) == U'\U0001F1E9');
    CHECK(i == s.size());
}

TEST_CASE("utf8: controls, white space and lines ended by LF, CR LF or CR") {
    using chronik::utf8::is_control;
    CHECK(is_control(0x00));
    CHECK(is_control(0x1F));
    CHECK(is_control(0x7F));
    CHECK(is_control(0x85));
    CHECK(is_control(0x9F));
    CHECK(!is_control(0xA0));
    CHECK(!is_control(U' '));
    CHECK(chronik::utf8::is_white_space(0x3000));
    CHECK(chronik::utf8::is_white_space(0xA0));
    CHECK(!chronik::utf8::is_white_space(U'x'));
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string text = "ab" + eol + "c" + eol + eol + "d\u00E4x";
        const auto p = chronik::utf8::position_of(text, text.size() - 1);
        CHECK(p.line == 4);
        CHECK(p.column == 3);
    }
}

TEST_CASE("utf8: to_utf16 gives UTF-16 code units, surrogate pairs beyond U+FFFF") {
    CHECK(utf8::to_utf16("") == u"");
    CHECK(utf8::to_utf16("Größe") == u"Größe");
    CHECK(utf8::to_utf16("\xF0\x9F\x87\xA9") == std::u16string{0xD83C, 0xDDE9}); // U+1F1E9
}
