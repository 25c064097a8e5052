// A plain-text dump of a Document, one block a line, for golden tests and
// for `chronik dump`-style debugging. Stable: changing it changes goldens.
#pragma once

#include "document.hpp"

#include <string>

namespace chronik::model {

std::string dump(const Document& doc);
std::string dump(const Inlines& inlines);

} // namespace chronik::model
