// A picture inside the JSON itself, as a data: URI (RFC 2397), for when no
// file can be written beside the output or the user asks to embed.
#pragma once

#include "model/document.hpp"

#include <string>
#include <string_view>

namespace chronik::render::timeline {

// RFC 4648 base64, with padding.
std::string base64(std::string_view bytes);

// "data:image/png;base64,..." or "data:image/jpeg;base64,...".
std::string data_uri(const model::Image& image);

} // namespace chronik::render::timeline
