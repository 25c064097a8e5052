#include "inputs.hpp"

#include <sys/stat.h>

namespace chronik::pipeline {

void ReadFiles::add(std::string_view role, const std::string& shown,
                    const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return;
    for (const auto& f : files_)
        if (f.device == st.st_dev && f.inode == st.st_ino)
            return; // the first role named stays (a chronicle shown as an image is a chronicle)
    files_.push_back({std::string(role), shown, static_cast<unsigned long long>(st.st_dev),
                      static_cast<unsigned long long>(st.st_ino)});
}

void ReadFiles::add(const chronicle::Chronicle& c) {
    add("chronicle", c.source, c.source);
    for (const auto& period : c.periods)
        for (const auto& m : period.milestones)
            for (const auto& part : m.body)
                if (const auto* img = std::get_if<chronicle::ImageRef>(&part))
                    add("image", img->source, img->path);
}

const ReadFile* ReadFiles::replaced_by(const std::filesystem::path& output) const {
    struct stat st {};
    if (::stat(output.c_str(), &st) != 0)
        return nullptr;
    for (const auto& f : files_)
        if (f.device == st.st_dev && f.inode == st.st_ino)
            return &f;
    return nullptr;
}

std::string ReadFiles::describe(const ReadFile& f) {
    return f.role + " '" + f.shown + "'";
}

} // namespace chronik::pipeline
