// Plain-text dump of a page tree: what was set where (for golden tests,
// after SILE's tests/*.expected).
#pragma once

#include "font.hpp"
#include "page.hpp"

#include <string>

namespace chronik::layout {

std::string dump(const PageTree& tree, const FontSet& fonts);

} // namespace chronik::layout
