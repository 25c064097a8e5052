#include "model/date.hpp"

#include <doctest/doctest.h>

using chronik::model::Date;
using chronik::model::parse_date;

TEST_CASE("dates: the three precisions parse") {
    std::string why;
    CHECK(parse_date("1994", why) == Date{1994, 0, 0});
    CHECK(parse_date("1994-07", why) == Date{1994, 7, 0});
    CHECK(parse_date("1994-07-01", why) == Date{1994, 7, 1});
    CHECK(parse_date("2024-02-29", why) == Date{2024, 2, 29}); // leap year
    CHECK(parse_date("2000-02-29", why) == Date{2000, 2, 29}); // divisible by 400
}

TEST_CASE("dates: malformed and impossible dates are refused with a reason") {
    std::string why;
    CHECK_FALSE(parse_date("2021-02-30", why));
    CHECK(why.find("does not exist") != std::string::npos);
    CHECK_FALSE(parse_date("1900-02-29", why)); // not a leap year
    CHECK_FALSE(parse_date("2023-02-29", why));
    CHECK_FALSE(parse_date("2021-13", why));
    CHECK(why.find("no month 13") != std::string::npos);
    CHECK_FALSE(parse_date("2021-00-10", why));
    CHECK_FALSE(parse_date("2021-04-31", why));
    CHECK_FALSE(parse_date("0000", why));
    for (const char* bad : {"", "94", "1994-7-1", "1994/07/01", "1994-07-01T00", "19a4", " 1994",
                            "1994-07-", "+1994"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_date(bad, why));
    }
}

TEST_CASE("dates: order is chronological, a bare year before its months") {
    CHECK(Date{1994, 0, 0} < Date{1994, 1, 0});
    CHECK(Date{1994, 7, 0} < Date{1994, 7, 1});
    CHECK(Date{1993, 12, 31} < Date{1994, 0, 0});
    CHECK(chronik::model::iso(Date{994, 7, 1}) == "0994-07-01");
}
