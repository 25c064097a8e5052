#include "helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace chronik::test {

void require_tool(const std::string& tool, const std::string& package) {
    const std::string probe = "command -v '" + tool + "' >/dev/null 2>&1";
    REQUIRE_MESSAGE(std::system(probe.c_str()) == 0,
                    tool << " is not installed, and this test needs it (Debian package " << package
                         << "; `make test-deps` installs the test tools)");
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> lines(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items())
        out.push_back(format(item));
    return out;
}

bool has(const std::vector<std::string>& lines, const std::string& needle) {
    for (const auto& l : lines)
        if (l.find(needle) != std::string::npos)
            return true;
    return false;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines)
        s += l + "\n";
    return s;
}

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "chronik-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data()))
        throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::vector<std::string> files_in(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::pair<int, std::string> shell(const std::string& cmd) {
    std::string out;
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    const int rc = pclose(p);
    return {WEXITSTATUS(rc), out};
}

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

RunResult run_command(const std::string& prefix, const std::vector<std::string>& args,
                      const std::filesystem::path& cwd) {
    TempDir io;
    std::string cmd =
        "cd " + shell_quote(cwd.string()) + " && " + prefix + " " + shell_quote(binary);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on " " + ...
    for (const auto& a : args) {
        cmd += ' ';
        cmd += shell_quote(a);
    }
    cmd += " >";
    cmd += shell_quote((io / "out").string());
    cmd += " 2>";
    cmd += shell_quote((io / "err").string());
    cmd += " </dev/null";
    const int rc = std::system(cmd.c_str());
    RunResult r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
    r.out = read_file(io / "out");
    r.err = read_file(io / "err");
    return r;
}

RunResult run_chronik(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                      const std::string& env) {
    return run_command("env " + env, args, cwd);
}

void check_golden(const std::filesystem::path& golden, const std::string& actual) {
    const char* update = std::getenv("CHRONIK_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        write_file(golden, actual);
        MESSAGE("rewrote " << golden.string());
        return;
    }
    REQUIRE_MESSAGE(std::filesystem::exists(golden), "missing golden file "
                                                         << golden.string()
                                                         << " (run with CHRONIK_UPDATE_GOLDEN=1)");
    const std::string expected = read_file(golden);
    if (expected == actual) {
        CHECK(true);
        return;
    }
    // Show the first differing line, not two huge strings.
    std::istringstream a(actual), e(expected);
    std::string la, le;
    int n = 1;
    while (true) {
        const bool ga = static_cast<bool>(std::getline(a, la));
        const bool ge = static_cast<bool>(std::getline(e, le));
        if (!ga && !ge)
            break;
        if (la != le || ga != ge) {
            FAIL_CHECK(golden.string() << ":" << n << ": expected\n  " << (ge ? le : "<end>")
                                       << "\nbut got\n  " << (ga ? la : "<end>"));
            return;
        }
        ++n;
    }
    FAIL_CHECK(golden.string() << ": differs (line endings?)");
}

} // namespace chronik::test
