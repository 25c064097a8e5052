// Reads a chronicle XML file (format version 1, see docs/format.md) into
// the chronicle domain, checking it strictly. Every problem found is
// reported, not just the first.
#pragma once

#include "chronicle/chronicle.hpp"
#include "support/diagnostics.hpp"

#include <optional>
#include <string>

namespace chronik::reader {

struct ReadOptions {
    // Allow <image src> to be absolute or to lead outside the chronicle's folder.
    bool allow_outside_images = false;
};

// nullopt when there was any error; warnings alone still give a chronicle.
std::optional<chronicle::Chronicle> read_chronicle(const std::string& path, Diagnostics& diags,
                                                   const ReadOptions& options = {});

// The same from text in memory; `base_dir` resolves image paths.
std::optional<chronicle::Chronicle>
read_chronicle_text(std::string text, const std::string& display, const std::string& base_dir,
                    Diagnostics& diags, const ReadOptions& options = {});

} // namespace chronik::reader
