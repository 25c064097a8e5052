// Seconds since 1970 (UTC) as a calendar date and time, without the C
// library's time zone state, for reproducible document dates.
#pragma once

#include <cstdint>

namespace chronik {

struct CivilTime {
    int year, month, day, hour, minute, second;
};

// The moments every output can write: from 1970-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z, the last one with a four-digit year (W3CDTF in
// DOCX, ISO 8601 in the model, D:YYYY in PDF all need four digits).
inline constexpr std::int64_t first_epoch = 0;
inline constexpr std::int64_t last_epoch = 253402300799;
constexpr bool representable(std::int64_t epoch) {
    return epoch >= first_epoch && epoch <= last_epoch;
}

// Any epoch of the range above; others are clamped to it, so no caller
// ever sees a year of five digits (or one past int).
CivilTime civil_time(std::int64_t epoch);

} // namespace chronik
