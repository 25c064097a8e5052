// What the hostile suites share: chronik run through the binary with a
// time limit, and the checks that an input is refused or rendered in every
// registered format. README, "Hardening".
#pragma once

#include "helpers.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::hostile {

namespace fs = std::filesystem;

inline const fs::path images = test::source_dir / "tests/images";
inline const fs::path regressions = test::source_dir / "tests/regressions";

// Every registered output format.
std::vector<std::string> formats();

struct Run {
    int status = -1;
    std::string out;
    std::string err;
    double seconds = 0;
};

// chronik with `args` in `cwd`, stopped after `limit` seconds (status 124),
// so a hang fails its test instead of stalling the suite.
Run run(const std::vector<std::string>& args, const fs::path& cwd, int limit = 120);

// Nothing that AddressSanitizer, LeakSanitizer or UBSan print. (The
// sanitizer run also gives their reports exit codes of their own, see the
// Makefile.)
bool sanitizers_quiet(const std::string& err);

// `input` (relative to `dir`) is refused in every format: exit status 1,
// `message` on stderr, and the output folder (made beforehand) left empty.
void expect_refused(const fs::path& dir, const std::string& input, const std::string& message,
                    const std::vector<std::string>& extra = {});

// `input` is rendered in every format within `max_seconds` each.
void expect_rendered(const fs::path& dir, const std::string& input,
                     const std::vector<std::string>& extra = {}, double max_seconds = 60);

// A chronicle (lang de, title T) around `body`; a milestone of 2000 with a
// paragraph and `inner`; a chronicle of one milestone with an image.
std::string chronicle(const std::string& body);
std::string milestone(const std::string& inner);
std::string with_image(const std::string& src);

// `ascii` as UTF-16LE, with or without a byte order mark.
std::string utf16le(std::string_view ascii, bool bom);

} // namespace chronik::hostile
