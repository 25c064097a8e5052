// libFuzzer target: the text stage's calls into C libraries (libunibreak's
// break opportunities, libhyphen's hyphenation points) on arbitrary input.
//
// The first byte chooses the language and whether the rest is taken as
// bytes (any UTF-8, well-formed or not) or as code points, three bytes
// each, so that every code point up to U+10FFFF is easy to reach. Besides
// the sanitizers' checks it asserts each call's contract: one break entry
// a byte, "inside a character" exactly where utf8::next says a character
// goes on, no break inside a pair of regional indicators; hyphenation
// points increasing, inside the word and on character boundaries.
#include "support/utf8.hpp"
#include "text/break_opportunities.hpp"
#include "text/hyphenator.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace {

using namespace chronik;

void check_breaks(const std::string& text, const std::string& language) {
    const auto b = text::break_opportunities(text, language);
    if (b.size() != text.size())
        std::abort();
    std::size_t run = 0; // regional indicators in a row, up to and including c
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::next(text, i);
        for (std::size_t k = at; k + 1 < i; ++k)
            if (b[k] != text::Break::inside_character)
                std::abort();
        const auto last = b[i - 1];
        if (last != text::Break::mandatory && last != text::Break::allowed &&
            last != text::Break::none)
            std::abort();
        const bool regional = c >= 0x1F1E6 && c <= 0x1F1FF;
        run = regional ? run + 1 : 0;
        // The first half of a flag: the second follows without a break.
        if (regional && run % 2 == 1 && i < text.size()) {
            std::size_t j = i;
            const char32_t d = utf8::next(text, j);
            if (d >= 0x1F1E6 && d <= 0x1F1FF && last != text::Break::none)
                std::abort();
        }
    }
}

void check_points(const text::Hyphenator& h, std::string_view word, int min_word, int left,
                  int right) {
    std::size_t previous = 0;
    for (const std::size_t p : h.points(word, min_word, left, right)) {
        if (p <= previous || p >= word.size())
            std::abort();
        // A character boundary: p is where one decoded character ends.
        std::size_t i = 0;
        while (i < p)
            utf8::next(word, i);
        if (i != p)
            std::abort();
        previous = p;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::array<std::string, 6> languages{"de", "en", "de-CH", "ja", "zh", ""};
    static const std::unique_ptr<text::Hyphenator> german = text::Hyphenator::for_language("de");
    static const std::unique_ptr<text::Hyphenator> english = text::Hyphenator::for_language("en");
    if (size == 0 || !german || !english)
        return 0;
    const std::uint8_t mode = data[0];
    const std::string& language = languages[(mode & 0x7F) % languages.size()];
    std::string text;
    if (mode & 0x80) {
        for (std::size_t i = 1; i + 3 <= size; i += 3) {
            char32_t c =
                (static_cast<char32_t>(data[i]) << 16 | data[i + 1] << 8 | data[i + 2]) % 0x110000;
            if (c >= 0xD800 && c <= 0xDFFF)
                c = 0xFFFF; // another special one, instead of a surrogate
            utf8::append(text, c);
        }
    } else {
        text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    }
    check_breaks(text, language);

    // Hyphenation: the whole text as one word, then each run between spaces,
    // with limits from the first byte (including nonsensical ones).
    const int min_word = mode & 7;
    const int left = (mode >> 3) & 3;
    const int right = (mode >> 5) & 3;
    for (const auto* h : {german.get(), english.get()}) {
        check_points(*h, text, min_word, left, right);
        std::size_t from = 0;
        while (from <= text.size()) {
            std::size_t to = text.find(' ', from);
            if (to == std::string::npos)
                to = text.size();
            check_points(*h, std::string_view(text).substr(from, to - from), 5, 2, 3);
            from = to + 1;
        }
    }
    return 0;
}
