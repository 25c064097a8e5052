// Lengths are whole millipoints (1/1000 pt), as in Apache FOP: exact to add
// and compare, and fine enough for type (a hair is ~100 mpt). The text stage
// measures in them and the layout computes in them; conversion to
// floating-point points happens only in the painter.
#pragma once

#include <cmath>
#include <cstdint>

namespace chronik {

using Length = std::int64_t; // millipoints

inline constexpr Length pt(double points) {
    return static_cast<Length>(std::llround(points * 1000));
}
inline constexpr Length mm(double millimetres) {
    return pt(millimetres * 72.0 / 25.4);
}
inline constexpr double to_pt(Length l) {
    return static_cast<double>(l) / 1000.0;
}

} // namespace chronik
