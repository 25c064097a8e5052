// Seconds since 1970 (UTC) as a calendar date and time, without the C
// library's time zone state, for reproducible document dates.
#pragma once

#include <cstdint>

namespace chronik {

struct CivilTime {
    int year, month, day, hour, minute, second;
};

CivilTime civil_time(std::int64_t epoch);

} // namespace chronik
