// Hyphenation points from libhyphen's pattern dictionaries (the ones
// LibreOffice uses: hyphen-de, hyphen-en-us), chosen by language.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::text {

class Hyphenator {
public:
    // nullptr when no dictionary for the language is installed.
    static std::unique_ptr<Hyphenator> for_language(std::string_view bcp47);
    // The dictionary for_language would load, "" when none is installed.
    // Many tags share one ("en", "en-US", "en-x-abc"): the layout loads each
    // file once, however many passages name it.
    static std::string dictionary_for(std::string_view bcp47);
    explicit Hyphenator(const std::string& dictionary_path); // throws
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    // Words this long (in the dictionary's encoding) are not hyphenated.
    static constexpr std::size_t max_word_bytes = 1000;

    // Byte offsets in `word` (UTF-8, letters only) after which a hyphen may
    // break it. Safe to call from several threads at once, with any bytes.
    // Words shorter than `min_word` letters, or with letters outside Latin-1
    // (the dictionaries' encoding), control characters or ill-formed UTF-8,
    // get none. At least `left` letters stay before a break and `right`
    // after it (limits below 1 count as 1).
    std::vector<std::size_t> points(std::string_view word, int min_word = 5, int left = 2,
                                    int right = 3) const;

    // "In-for-ma-ti-on", for tests and debugging.
    std::string hyphenated(std::string_view word) const;

private:
    struct Dict;
    std::unique_ptr<Dict> dict_;
};

} // namespace chronik::text
