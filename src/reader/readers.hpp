// The readers table: every input format chronik reads into a Chronicle, by
// name, with the file extensions it claims (pandoc's readers list). The
// pipeline (src/pipeline/) picks the reader from it; nothing else calls a
// reader directly.
//
// Adding an input format: a reader in src/reader/ with the two functions
// below, and one row in readers.cpp (docs/extending.md).
#pragma once

#include "chronicle/chronicle.hpp"
#include "reader/chronicle_reader.hpp"
#include "support/diagnostics.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::reader {

struct InputFormat {
    std::string_view name;                    // "chronicle"
    std::vector<std::string_view> extensions; // ".xml", with the dot
    std::string_view description;             // one line
    // A file; image paths resolve against its folder. nullopt on any error.
    std::optional<chronicle::Chronicle> (*read_file)(const std::string& path, Diagnostics& diags,
                                                     const ReadOptions& options);
    // Text in memory, named `display` in messages; `base_dir` resolves images.
    std::optional<chronicle::Chronicle> (*read_text)(std::string text, const std::string& display,
                                                     const std::string& base_dir,
                                                     Diagnostics& diags,
                                                     const ReadOptions& options);
};

// Every reader, the default first.
const std::vector<InputFormat>& input_formats();

// The reader claiming the extension of `path` (case as written), or the
// default reader when none does: chronik has always read any file name as
// a chronicle.
const InputFormat& input_format_for(std::string_view path);

// By name; nullptr when unknown.
const InputFormat* find_input_format(std::string_view name);

} // namespace chronik::reader
