// Shared test helpers: paths, files, and running the chronik binary.
#pragma once

#include "support/diagnostics.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace chronik::test {

inline const std::filesystem::path source_dir = CHRONIK_SOURCE_DIR;
inline const std::string binary = CHRONIK_BINARY;

std::string read_file(const std::filesystem::path& p);
// Fails the test (REQUIRE) when the program `tool` is not on PATH, saying
// which Debian package has it: a round trip through a reader that is not
// there must not pass unseen. `make test-deps` installs every test tool.
void require_tool(const std::string& tool, const std::string& package);
// The names of the entries of `dir`, sorted.
std::vector<std::string> files_in(const std::filesystem::path& dir);
void write_file(const std::filesystem::path& p, const std::string& text);

// Every diagnostic as the CLI prints it.
std::vector<std::string> lines(const Diagnostics& d);
// True if some line contains `needle`.
bool has(const std::vector<std::string>& lines, const std::string& needle);
std::string joined(const std::vector<std::string>& lines);

// A fresh, empty folder under the system's temp folder, removed at exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};
// The exit status and standard output of a shell command (stderr dropped).
std::pair<int, std::string> shell(const std::string& cmd);
// `s` quoted for the shell.
std::string shell_quote(const std::string& s);
// Runs "cd `cwd` && `prefix` chronik `args`" (args shell-quoted here) with
// stdin empty and stdout, stderr captured.
RunResult run_command(const std::string& prefix, const std::vector<std::string>& args,
                      const std::filesystem::path& cwd);
// Runs the chronik binary with `args` (shell-quoted here) in `cwd`,
// with extra environment assignments such as "SOURCE_DATE_EPOCH=0".
RunResult run_chronik(const std::vector<std::string>& args,
                      const std::filesystem::path& cwd = std::filesystem::current_path(),
                      const std::string& env = "");

// Compares `actual` with the golden file; with CHRONIK_UPDATE_GOLDEN=1 in
// the environment it rewrites the golden file instead (review the diff).
void check_golden(const std::filesystem::path& golden, const std::string& actual);

} // namespace chronik::test
