// The manifest `chronik batch` keeps beside its outputs (a file named
// .chronik-manifest in the output folder): for each job that was written,
// the hash of everything its outputs were made from, and what it wrote.
// A job whose hash is unchanged and whose outputs are still as written is
// skipped on the next run.
//
// A small line-based text file, sorted by job name so it is the same for
// the same state:
//
//   chronik-manifest 1
//   job <TAB> NAME <TAB> HASH
//   output <TAB> PATH <TAB> FORMAT <TAB> BYTES <TAB> PAGES|- <TAB> MTIME_NS <TAB> SHA256
//
// PATH is relative to the output folder; MTIME_NS is the file's
// modification time when written (a quick check; the SHA-256 decides).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::batch {

inline constexpr std::string_view manifest_file_name = ".chronik-manifest";

struct ManifestOutput {
    std::string path; // relative to the output folder, generic ("print/x.pdf")
    std::string format;
    std::uint64_t bytes = 0;
    std::optional<int> pages;
    std::int64_t mtime_ns = 0;
    std::string sha256;
    bool operator==(const ManifestOutput&) const = default;
};

struct ManifestJob {
    std::string hash;
    std::vector<ManifestOutput> outputs; // in the job's format order
    // The files its formats made beside their outputs (render/attachment.hpp),
    // "images/a-1f2e.jpg" with the format that made it; pages unset.
    std::vector<ManifestOutput> files = {};
    bool operator==(const ManifestJob&) const = default;
};

struct Manifest {
    std::map<std::string, ManifestJob> jobs; // by job name
    bool operator==(const Manifest&) const = default;
};

// nullopt when the text is not a manifest of this version (the caller
// then treats every job as new).
std::optional<Manifest> parse_manifest(std::string_view text);
std::string serialise(const Manifest& m);

} // namespace chronik::batch
