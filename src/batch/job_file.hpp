// The job file of `chronik batch`: which variants of which chronicles to
// export, and where to (format: docs/jobs.md, schema: data/jobs.xsd).
//
//   <jobs version="1" output="../output/press-kit">
//     <defaults input="lecos-chronik.xml" lang="de"/>
//     <job name="booklet" formats="pdf" style="booklet" output="print/lecos-a5"/>
//   </jobs>
//
// Read strictly, like chronicles and style sheets: unknown elements and
// attributes, bad values and output paths that lead outside the output
// folder are errors, each reported with its line and column, all of them.
// The reader only reads; loading the chronicles and styles a job names is
// the planner's work (plan.hpp).
#pragma once

#include "compose/composer.hpp"
#include "render/renderer.hpp"
#include "support/diagnostics.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::batch {

// The root element that tells a job file from a chronicle or a style sheet.
inline constexpr std::string_view job_file_root = "jobs";

// Where a value was written in the job file, for messages about it later.
struct Place {
    int line = 0;
    int column = 0; // 1-based, 0 = unknown
};

struct Job {
    std::string name;  // unique in the file: [A-Za-z0-9_][A-Za-z0-9_.-]*
    Place at;          // the <job> element
    std::string input; // the chronicle, as written (relative to the job file's folder)
    Place input_at;
    std::string style; // a style sheet file (relative to the job file's folder) or a
                       // built-in name, as written; empty: the built-in default
    Place style_at;
    std::vector<std::string> formats;     // registered format names, in the order written
    compose::Options options;             // filters, order, language, title; epoch unset
    render::PdfStandards pdf_standards;   // what its PDF claims (pdf-standard)
    render::FormatOptions format_options; // options="html.images=embed ..."
    // Output path without extension, relative to the output folder and
    // normalised ("print/lecos-a5"); each format adds its extension.
    std::string output;
    Place output_at;
};

struct JobFile {
    std::string display;                  // the file as the user named it
    std::filesystem::path display_folder; // its folder in the same terms ("data"), for messages
    std::filesystem::path folder;         // its folder, absolute
    std::filesystem::path output;         // the output folder, absolute and normalised
    std::vector<Job> jobs;                // in the order written
};

// nullopt when there was any error (all of them reported).
std::optional<JobFile> read_job_file(const std::string& path, const render::Registry& formats,
                                     Diagnostics& diags);
// The same from text; `folder` stands for the job file's folder.
std::optional<JobFile> read_job_file_text(std::string text, const std::string& display,
                                          const std::filesystem::path& folder,
                                          const render::Registry& formats, Diagnostics& diags);

// An output path made safe: relative, inside the output folder once
// normalised ("a/../b" is "b"), not the folder itself, no control
// characters. The normalised generic path, or nullopt with `why` set.
std::optional<std::string> confined_output_path(std::string_view path, std::string& why);

} // namespace chronik::batch
