// Layout lengths: chronik::Length (whole millipoints, support/units.hpp),
// named in the layout's namespace.
#pragma once

#include "support/units.hpp"

namespace chronik::layout {

using chronik::Length;
using chronik::mm;
using chronik::pt;
using chronik::to_pt;

} // namespace chronik::layout
