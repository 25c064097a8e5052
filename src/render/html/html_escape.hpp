// Everything from the input reaches the page through these: text and
// attribute values escaped, ids reduced to a safe alphabet, link targets
// admitted only for schemes that cannot run script.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chronik::render::html {

// Text content: & < > as references. Code points HTML forbids in text
// (DEL, C1 controls, noncharacters) become U+FFFD, so the page stays
// conforming whatever the chronicle holds.
std::string text(std::string_view s);
// A double-quoted attribute value: & " ' < > as references, and the same
// replacements as text().
std::string attribute(std::string_view s);
// An id or fragment: bytes outside [A-Za-z0-9_-] become '-' (the model's
// ids are already of that alphabet; this is the guard, not the rule).
std::string id(std::string_view s);
// The href for a link target, percent-encoded, or nullopt when it may not be
// a link: http, https and mailto (any case), a fragment, or a relative
// reference without a scheme are links; everything else (javascript:,
// data:, vbscript:, ...) is not.
std::optional<std::string> safe_href(std::string_view url);

} // namespace chronik::render::html
