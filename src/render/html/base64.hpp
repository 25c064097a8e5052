// Base64 (RFC 4648 §4, with padding) for the data: URIs of embedded
// pictures (RFC 2397).
#pragma once

#include <string>
#include <string_view>

namespace chronik::render::html {

std::string base64(std::string_view bytes);

} // namespace chronik::render::html
