// The words and date formats the composer puts into a document, per
// language. German and English are built in; other languages fall back
// to English (with a warning from the composer).
#pragma once

#include "model/date.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chronik::compose {

struct Locale {
    std::string language;      // primary subtag: "de", "en"
    std::string contents;      // title of the table of contents
    const char* const* months; // 12 month names

    // "1. Juli 1994" / "1 July 1994", "Juli 1994", "1994".
    std::string format(const model::Date& d) const;
};

// nullptr when the language is not built in.
const Locale* find_locale(std::string_view language_tag);
const Locale& english();
std::vector<std::string> locale_names();

// A span of years as a label: "2021", "1992–1994" (en dash).
std::string year_span(int first, int last);

} // namespace chronik::compose
