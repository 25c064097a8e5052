#include "hyphenator.hpp"

#include "hyphen_table.hpp"

#include "support/language.hpp"
#include "support/utf8.hpp"

#include <hyphen.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace chronik::text {

struct Hyphenator::Dict {
    HyphenDict* dict = nullptr;               // the one in use
    HyphenDict* loaded = nullptr;             // loaded by libhyphen: ours to free
    std::unique_ptr<hyphen_table::View> view; // or laid over a linked-in table
    ~Dict() {
        if (loaded)
            hnj_hyphen_free(loaded);
    }
};

std::unique_ptr<Hyphenator> Hyphenator::for_language(std::string_view bcp47) {
    const std::string path = dictionary_for(bcp47);
    if (path.empty())
        return nullptr;
    return std::make_unique<Hyphenator>(path);
}

std::string Hyphenator::dictionary_for(std::string_view bcp47) {
    const std::string lang = primary_language(bcp47);
    // Region from the tag when there is a dictionary for it (de-AT, de-CH),
    // else the language's usual one.
    std::string region;
    if (const auto dash = bcp47.find('-'); dash != std::string_view::npos) {
        region = std::string(bcp47.substr(dash + 1, 2));
        for (auto& c : region)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    const std::string dir = "/usr/share/hyphen/";
    std::vector<std::string> candidates;
    if (!region.empty())
        candidates.push_back(dir + "hyph_" + lang + "_" + region + ".dic");
    if (lang == "de")
        candidates.push_back(dir + "hyph_de_DE.dic");
    if (lang == "en")
        candidates.push_back(dir + "hyph_en_US.dic");
    candidates.push_back(dir + "hyph_" + lang + ".dic");
    for (const auto& c : candidates) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(c, ec))
            return c;
    }
    return {};
}

Hyphenator::Hyphenator(const std::string& path) : dict_(std::make_unique<Dict>()) {
    // The dictionaries are often symlinks (hyph_de_AT.dic -> hyph_de_DE.dic):
    // look for a precompiled table under the real file's name.
    std::error_code ec;
    const auto real = std::filesystem::canonical(path, ec);
    const auto table = hyphen_table::builtin(ec ? "" : real.stem().string());
    if (!table.empty()) {
        dict_->view = std::make_unique<hyphen_table::View>(table);
        dict_->dict = dict_->view->dict();
        return;
    }
    dict_->loaded = dict_->dict = hnj_hyphen_load(path.c_str());
    if (!dict_->dict)
        throw std::runtime_error("cannot load hyphenation dictionary " + path);
}

Hyphenator::~Hyphenator() = default;

std::vector<std::size_t> Hyphenator::points(std::string_view word, int min_word, int left,
                                            int right) const {
    // libhyphen takes a NUL-terminated word of at most a few hundred
    // characters in the dictionary's encoding and trusts it. What cannot be
    // handed over safely gets no points: ill-formed UTF-8 (decoded as
    // U+FFFD), characters outside Latin-1, control characters (a NUL would
    // end the word early), words of max_word_bytes or more; limits below 1
    // are taken as 1 (a left minimum of 0 would index before the word).
    left = std::max(left, 1);
    right = std::max(right, 1);
    min_word = std::max(min_word, 1);
    // Lower-case the word in the dictionary's encoding: ISO-8859-1 (hyphen-de)
    // or UTF-8 (hyphen-en-us). `ends` maps character positions back to UTF-8
    // byte offsets.
    const bool utf8_dict = dict_->dict->utf8 != 0;
    std::string encoded;
    std::vector<std::size_t> ends; // UTF-8 offset after each character
    for (std::size_t i = 0; i < word.size();) {
        char32_t c = utf8::next(word, i);
        if (c > 0xFF || utf8::is_control(c))
            return {};
        if (c < 0x80)
            c = static_cast<char32_t>(std::tolower(static_cast<int>(c)));
        else if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
            c += 0x20; // Latin-1 capitals to small
        if (utf8_dict)
            utf8::append(encoded, c);
        else
            encoded += static_cast<char>(c);
        ends.push_back(i);
        if (encoded.size() >= max_word_bytes)
            return {};
    }
    const int chars = static_cast<int>(ends.size());
    const int n = static_cast<int>(encoded.size());
    if (chars < min_word)
        return {};
    std::vector<char> hyphens(static_cast<std::size_t>(n) + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    // For UTF-8 dictionaries libhyphen returns positions in characters.
    const int rc = hnj_hyphen_hyphenate3(dict_->dict, encoded.c_str(), n, hyphens.data(), nullptr,
                                         &rep, &pos, &cut, left, right, left, right);
    std::vector<std::size_t> out;
    for (int i = left - 1; rc == 0 && i < chars - right; ++i)
        // A non-standard break (old "Schiffahrt": "Schiff-fahrt") changes
        // the letters around it; it is not used.
        if ((hyphens[static_cast<std::size_t>(i)] & 1) && !(rep && rep[i]))
            out.push_back(ends[static_cast<std::size_t>(i)]);
    if (rep) {
        for (int i = 0; i < n; ++i)
            std::free(rep[i]);
        std::free(rep);
        std::free(pos);
        std::free(cut);
    }
    return out;
}

std::string Hyphenator::hyphenated(std::string_view word) const {
    std::string out;
    std::size_t from = 0;
    for (auto p : points(word)) {
        out += std::string(word.substr(from, p - from)) + "-";
        from = p;
    }
    return out + std::string(word.substr(from));
}

} // namespace chronik::text
