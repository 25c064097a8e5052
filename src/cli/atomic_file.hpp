// Writing an output file so that it is either complete or not there:
// the bytes go to a temporary file in the target's folder, which is then
// renamed over the target. Signals that would stop the process are held
// back while the temporary file exists, so Ctrl-C never leaves one behind.
#pragma once

#include <filesystem>
#include <string_view>

namespace chronik::cli {

// Throws std::system_error (with the path in its message) on failure; the
// target is then untouched and no temporary file remains.
void write_atomically(const std::filesystem::path& target, std::string_view bytes);

} // namespace chronik::cli
