#include "locale.hpp"

#include "support/language.hpp"

namespace chronik::compose {

namespace {

constexpr const char* months_de[] = {"Januar",    "Februar", "März",     "April",
                                     "Mai",       "Juni",    "Juli",     "August",
                                     "September", "Oktober", "November", "Dezember"};
constexpr const char* months_en[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

const Locale german{"de", "Inhalt", months_de};
const Locale english_locale{"en", "Contents", months_en};

} // namespace

std::string Locale::format(const model::Date& d) const {
    const std::string year = std::to_string(d.year);
    if (!d.month)
        return year;
    const std::string month = months[d.month - 1];
    if (!d.day)
        return month + " " + year;
    // German writes the day as an ordinal with a period (DIN 5008).
    if (language == "de")
        return std::to_string(d.day) + ". " + month + " " + year;
    return std::to_string(d.day) + " " + month + " " + year;
}

const Locale* find_locale(std::string_view language_tag) {
    const auto lang = primary_language(language_tag);
    if (lang == "de")
        return &german;
    if (lang == "en")
        return &english_locale;
    return nullptr;
}

const Locale& english() {
    return english_locale;
}

std::vector<std::string> locale_names() {
    return {"de", "en"};
}

std::string year_span(int first, int last) {
    if (first == last)
        return std::to_string(first);
    return std::to_string(first) + "\u2013" + std::to_string(last);
}

} // namespace chronik::compose
