// Whether a file already holds given bytes: a writer of files shared by
// several outputs (render/attachment.hpp) leaves such a file alone rather
// than replace it with the same bytes.
#pragma once

#include <filesystem>
#include <string_view>

namespace chronik {

// True when `file` is a regular file whose content is exactly `bytes`;
// false when it differs, is missing or cannot be read.
bool file_has_content(const std::filesystem::path& file, std::string_view bytes);

} // namespace chronik
