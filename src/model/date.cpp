#include "date.hpp"

#include <charconv>

namespace chronik::model {

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year))
        return 29;
    return days[month - 1];
}

namespace {

bool digits(std::string_view s, std::size_t n, int& out) {
    if (s.size() != n)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return true;
}

} // namespace

std::optional<Date> parse_date(std::string_view text, std::string& why) {
    Date d;
    const bool shape_ok = [&] {
        if (text.size() != 4 && text.size() != 7 && text.size() != 10)
            return false;
        if (!digits(text.substr(0, 4), 4, d.year))
            return false;
        if (text.size() >= 7 && (text[4] != '-' || !digits(text.substr(5, 2), 2, d.month)))
            return false;
        if (text.size() == 10 && (text[7] != '-' || !digits(text.substr(8, 2), 2, d.day)))
            return false;
        return true;
    }();
    if (!shape_ok) {
        why = "date '" + std::string(text) + "' is not of the form YYYY, YYYY-MM or YYYY-MM-DD";
        return std::nullopt;
    }
    if (d.year < 1) {
        why = "year 0000 does not exist";
        return std::nullopt;
    }
    if (text.size() >= 7 && (d.month < 1 || d.month > 12)) {
        why = "date '" + std::string(text) + "' has no month " + std::to_string(d.month);
        return std::nullopt;
    }
    if (text.size() == 10 && (d.day < 1 || d.day > days_in_month(d.year, d.month))) {
        why = "date '" + std::string(text) + "' does not exist (that month has " +
              std::to_string(days_in_month(d.year, d.month)) + " days)";
        return std::nullopt;
    }
    return d;
}

std::string iso(const Date& d) {
    auto pad = [](int v, int width) {
        std::string s = std::to_string(v);
        return std::string(static_cast<std::size_t>(width) > s.size() ? width - s.size() : 0, '0') +
               s;
    };
    std::string out = pad(d.year, 4);
    if (d.month)
        out += '-' + pad(d.month, 2);
    if (d.day)
        out += '-' + pad(d.day, 2);
    return out;
}

} // namespace chronik::model
