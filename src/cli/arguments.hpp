// The command line: `chronik COMMAND [options] FILE...`, parsed with
// Poco::Util's option classes. Usage errors throw UsageError (exit 2).
#pragma once

#include "compose/composer.hpp"
#include "render/renderer.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chronik::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Command { None, Render, Check, Batch, Formats, Help, Version };

struct Arguments {
    Command command = Command::None;
    Command help_for = Command::None; // `chronik render --help`
    std::vector<std::string> files;
    std::vector<std::string> formats; // empty: every registered format
    std::string style;                // empty: the built-in default
    std::string output_dir = ".";
    compose::Options compose;
    bool allow_outside_images = false;
    render::PdfStandards pdf_standards;      // --pdf-standard (render, check)
    std::vector<std::string> format_options; // -O FORMAT.NAME=VALUE as given (render)
    bool print = false;                      // check --print: the print PDF alone, x-4 added
    bool quiet = false;
    // batch
    bool output_given = false; // -o: instead of the job file's output folder
    unsigned jobs = 0;         // -j: jobs at a time (0: one per processor)
    bool dry_run = false;
    bool force = false;
};

Arguments parse_arguments(const std::vector<std::string>& argv);

// Help texts, in the same words as README.md; the format names in them
// come from `formats`.
std::string help_text(Command c, const render::Registry& formats);

} // namespace chronik::cli
