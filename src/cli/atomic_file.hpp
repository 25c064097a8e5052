// Writing an output file so that it is either complete or not there:
// the bytes go to a temporary file in the target's folder, which is then
// renamed over the target. Signals that would stop the process are held
// back while the temporary file exists, so Ctrl-C never leaves one behind.
#pragma once

#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace chronik::cli {

// Throws std::system_error (with the path in its message) on failure; the
// target is then untouched and no temporary file remains. Safe to call from
// several threads at once.
void write_atomically(const std::filesystem::path& target, std::string_view bytes);

// The temporary file's name (mkstemp's pattern) for a writer process: short,
// so that it never limits the target's name (a file system allows 255
// bytes), and marked with the process id, so that whoever outlives a writer
// that died (the batch's worker processes) can find what it left.
std::string temporary_pattern(long pid);
// Removes, in `folder`, the temporary files process `pid` may have left.
void remove_temporaries(const std::filesystem::path& folder, long pid);

// Holding back signals works per thread; a process with several threads
// that must end at once (a second Ctrl-C in `chronik batch`) takes this
// lock first: it waits until no write is between creating its temporary
// file and renaming it, and keeps new ones from starting while held.
std::unique_lock<std::shared_mutex> hold_writes();

} // namespace chronik::cli
