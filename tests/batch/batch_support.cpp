#include "batch_support.hpp"

#include <algorithm>
#include <sstream>
#include <sys/stat.h>

namespace chronik::test {

std::string job_file(const std::string& jobs_attributes, const std::vector<std::string>& lines) {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobs" +
                    (jobs_attributes.empty() ? "" : " " + jobs_attributes) + ">\n";
    for (const auto& l : lines)
        s += l + "\n";
    return s + "</jobs>\n";
}

std::vector<std::string> files_below(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    if (!std::filesystem::exists(dir))
        return out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (!e.is_directory())
            out.push_back(e.path().lexically_relative(dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

long long mtime_of(const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return -1;
    return static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

RunResult run_batch(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                    const std::string& env) {
    std::vector<std::string> all{"batch"};
    all.insert(all.end(), args.begin(), args.end());
    return run_chronik(all, cwd, env);
}

std::vector<std::string> lines_with(const std::string& text, const std::string& needle) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (line.find(needle) != std::string::npos)
            out.push_back(line);
    return out;
}

} // namespace chronik::test
