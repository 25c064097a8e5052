// A calendar date of a milestone, as precise as the source says:
// a year, a month of a year, or a day.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace chronik::model {

struct Date {
    int year = 0;
    int month = 0; // 0 = not given
    int day = 0;   // 0 = not given

    enum class Precision { Year, Month, Day };
    Precision precision() const {
        return day ? Precision::Day : month ? Precision::Month : Precision::Year;
    }
    // Orders by year, then month, then day; a less precise date sorts first.
    auto operator<=>(const Date&) const = default;
};

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". Returns nullopt and sets `why`
// for a malformed or impossible date (2021-02-30).
std::optional<Date> parse_date(std::string_view text, std::string& why);

// "1994", "1994-07", "1994-07-01".
std::string iso(const Date& d);

bool is_leap_year(int year);
int days_in_month(int year, int month);

} // namespace chronik::model
