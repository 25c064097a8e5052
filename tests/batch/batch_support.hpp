// Helpers for the batch tests: job files in temporary folders, the files a
// run left behind, runs of `chronik batch`.
#pragma once

#include "helpers.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace chronik::test {

inline const std::filesystem::path sample_chronicle = source_dir / "data/lecos-chronik.xml";
// Fixed document date: outputs are reproducible.
inline const std::string fixed_epoch = "SOURCE_DATE_EPOCH=1700000000";

// "<jobs ...>" + lines + "</jobs>", with the XML declaration: line 2 of the
// file is the <jobs> start tag, so the first line given is line 3.
std::string job_file(const std::string& jobs_attributes, const std::vector<std::string>& lines);

// Every file below `dir` (hidden ones too), relative and sorted.
std::vector<std::string> files_below(const std::filesystem::path& dir);

// Modification time in nanoseconds, to tell "not written again".
long long mtime_of(const std::filesystem::path& file);

// `chronik batch ARGS...` in `cwd` with SOURCE_DATE_EPOCH fixed (unless `env` sets it).
RunResult run_batch(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                    const std::string& env = fixed_epoch);

// Lines of `text` that contain `needle`.
std::vector<std::string> lines_with(const std::string& text, const std::string& needle);

} // namespace chronik::test
