// The files a run reads (chronicles, the images they show, style sheets,
// job files), so that no output of the run replaces one of them. Outputs
// are compared with them by file identity (device and inode, links
// followed), not by spelling: "./c.md", a symbolic link or a hard link to
// the chronicle are the chronicle.
#pragma once

#include "chronicle/chronicle.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::pipeline {

struct ReadFile {
    std::string role;  // "chronicle", "image", "style sheet", "job file"
    std::string shown; // as the user named it, for messages
    unsigned long long device = 0, inode = 0;
};

class ReadFiles {
public:
    // Notes `file` (when it exists; a file that is not there is replaced by nothing).
    void add(std::string_view role, const std::string& shown, const std::filesystem::path& file);
    // The chronicle's own file and every image it shows.
    void add(const chronicle::Chronicle& c);
    // The file among these that writing `output` would replace, or null.
    const ReadFile* replaced_by(const std::filesystem::path& output) const;
    // "the chronicle 'c.md'"
    static std::string describe(const ReadFile& f);

private:
    std::vector<ReadFile> files_;
};

} // namespace chronik::pipeline
