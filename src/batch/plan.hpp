// The planner: from a job file to a list of jobs ready to run. Each
// chronicle and style sheet the jobs name is loaded once, here, on one
// thread; the jobs then share them read-only (plain values, const refs).
// For each job it computes a content hash of everything the outputs are
// made from and compares it with the manifest beside the outputs, to
// decide whether the job must run.
//
// The hash covers: the chronicle's bytes, the path and bytes of each
// image it shows, the style sheet's bytes (or the built-in sheet's text),
// the font files the style resolves to (path, size, modification time),
// the options (filters, order, language, title, PDF standards, and the date when
// SOURCE_DATE_EPOCH fixes it), the formats and output paths, and the
// version of chronik.
#pragma once

#include "chronicle/chronicle.hpp"
#include "job_file.hpp"
#include "manifest.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/renderer.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chronik::batch {

// The version of chronik that is part of every job's hash.
std::string_view chronik_version();

struct PlanOptions {
    std::int64_t epoch = 0;   // the document date (SOURCE_DATE_EPOCH, or now)
    bool epoch_fixed = false; // SOURCE_DATE_EPOCH was set: the date is an input
    bool force = false;       // run every job, whatever the manifest says
    bool check_only = false;  // `chronik check`: load and resolve; no hashes, no manifest
    reader::ReadOptions read;
    std::string version{chronik_version()};
};

enum class Action {
    Render, // run it
    Skip,   // outputs up to date
    Fail,   // cannot run: its chronicle or style did not load (reported)
};

struct PlannedOutput {
    const render::Renderer* renderer = nullptr;
    std::string path;           // relative to the output folder, generic ("print/x.pdf")
    std::filesystem::path file; // absolute
};

struct PlannedJob {
    const Job* job = nullptr;
    Action action = Action::Render;
    // Render: why ("new", "inputs changed", "output missing", "output
    // changed", "forced"); Fail: what did not load.
    std::string reason;
    const chronicle::Chronicle* chronicle = nullptr; // owned by the Plan
    const style::Style* style = nullptr;             // owned by the Plan
    compose::Options options;                        // the job's, with the epoch
    std::vector<PlannedOutput> outputs;              // in the job's format order
    std::string hash;
    ManifestJob record; // Skip: the manifest's record of the outputs as they are
};

// A chronicle or style sheet as loaded for the jobs: nullopt when it had
// errors (reported), and the hash of what it is made of.
struct LoadedChronicle {
    std::optional<chronicle::Chronicle> value;
    std::string hash; // the file's bytes, and each image's path and bytes
};
struct LoadedStyle {
    std::optional<style::Style> value;
    std::string hash; // the sheet's text, and the font files it resolves to
};

struct Plan {
    std::filesystem::path output;   // the output folder, absolute
    std::vector<PlannedJob> jobs;   // in job file order
    Manifest manifest;              // as found beside the outputs (empty if none)
    std::string manifest_text;      // its text as read ("" if none)
    bool manifest_is_input = false; // it is a file the run reads: never written (every job fails)
    // Each loaded once, by absolute path ("file:..." or "builtin:NAME" for
    // styles). The jobs point into them: the addresses never change.
    std::map<std::string, std::unique_ptr<const LoadedChronicle>> chronicles;
    std::map<std::string, std::unique_ptr<const LoadedStyle>> styles;

    std::filesystem::path manifest_file() const { return output / manifest_file_name; }
    std::size_t count(Action a) const;
};

// Loads what the jobs need and decides what runs. Errors and warnings of
// the chronicles and style sheets (once each) and of missing inputs go to
// `diags`; the jobs concerned are planned as Action::Fail.
Plan make_plan(const JobFile& jobs, const render::Registry& formats, const PlanOptions& options,
               Diagnostics& diags);

} // namespace chronik::batch
