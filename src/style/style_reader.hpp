// Reads style sheets (styles/*.xml, see docs/styles.md). A sheet starts
// from the built-in default (the brochure) and overrides what it names, so
// a small sheet is enough to change one thing.
#pragma once

#include "style.hpp"
#include "support/diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chronik::style {

// nullopt when there was any error (all of them reported).
std::optional<Style> read_style(const std::string& path, Diagnostics& diags);
std::optional<Style> read_style_text(std::string text, const std::string& display,
                                     Diagnostics& diags);

// The sheets compiled into the binary ("brochure", "booklet"), so chronik
// works from any folder.
std::vector<std::string> builtin_style_names();
Style default_style(); // the built-in "brochure"

// `-s` argument: an existing file, else a built-in name. Unknown names are
// reported as an error listing the choices.
std::optional<Style> resolve_style(const std::string& name_or_path, Diagnostics& diags);

} // namespace chronik::style
