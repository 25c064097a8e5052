// Chronicle text as the HTML that TimelineJS puts into its slides
// (text.headline, text.text and media.caption are HTML there): every
// character of the input is text, the only markup is what the model says.
#pragma once

#include "model/inline.hpp"

#include <string>
#include <string_view>

namespace chronik::render::timeline {

// `text` with & < > " as character references.
std::string escape_html(std::string_view text);

// Inlines as an HTML fragment: <em>, <strong>, <br>, <span lang>, and
// <a href> for http, https and mailto links (any other link is its text).
std::string inline_html(const model::Inlines& inlines);

} // namespace chronik::render::timeline
