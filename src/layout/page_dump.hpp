// Plain-text dump of a page tree: what was set where (for golden tests,
// after SILE's tests/*.expected).
#pragma once

#include "page.hpp"
#include "text/font_set.hpp"

#include <string>

namespace chronik::layout {

std::string dump(const PageTree& tree, const text::FontSet& fonts);

} // namespace chronik::layout
