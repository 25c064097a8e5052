// support/: the percent-encoder, join and hex.
#include "support/strings.hpp"
#include "support/uri.hpp"

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
