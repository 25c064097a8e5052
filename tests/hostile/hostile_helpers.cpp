#include "hostile_helpers.hpp"

#include "render/renderer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace chronik::hostile {

using test::files_in;

std::vector<std::string> formats() {
    return render::builtin_registry().names();
}

Run run(const std::vector<std::string>& args, const fs::path& cwd, int limit) {
    const auto start = std::chrono::steady_clock::now();
    auto r = test::run_command("timeout -k 5 " + std::to_string(limit), args, cwd);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return {r.status, std::move(r.out), std::move(r.err), seconds};
}

bool sanitizers_quiet(const std::string& err) {
    return err.find("Sanitizer") == std::string::npos &&
           err.find("runtime error:") == std::string::npos;
}

void expect_refused(const fs::path& dir, const std::string& input, const std::string& message,
                    const std::vector<std::string>& extra) {
    for (const auto& format : formats()) {
        CAPTURE(input);
        CAPTURE(format);
        const fs::path out = dir / ("out-" + format);
        fs::remove_all(out);
        fs::create_directories(out);
        std::vector<std::string> args = {"render", input, "-f", format, "-o", out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run(args, dir);
        CHECK(r.status == 1);
        CHECK_MESSAGE(r.err.find(message) != std::string::npos, r.err.substr(0, 2000));
        CHECK(files_in(out).empty());
        CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
    }
}

void expect_rendered(const fs::path& dir, const std::string& input,
                     const std::vector<std::string>& extra, double max_seconds) {
    for (const auto& format : formats()) {
        CAPTURE(input);
        CAPTURE(format);
        const fs::path out = dir / ("out-" + format);
        fs::remove_all(out);
        std::vector<std::string> args = {"render", input, "-q", "-f", format, "-o", out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run(args, dir);
        CHECK_MESSAGE(r.status == 0, r.err.substr(0, 2000));
        CHECK(r.seconds < max_seconds);
        // The output, and the folder of its attachments when the format
        // makes some (an HTML page's pictures: render/attachment.hpp).
        auto written = files_in(out);
        const std::string folder(render::attachment_folder);
        if (fs::is_directory(out / folder)) {
            CHECK_FALSE(files_in(out / folder).empty());
            written.erase(std::remove(written.begin(), written.end(), folder), written.end());
        }
        REQUIRE(written.size() == 1);
        CHECK(fs::file_size(out / written[0]) > 0);
        CHECK_MESSAGE(sanitizers_quiet(r.err), r.err.substr(0, 4000));
    }
}

std::string chronicle(const std::string& body) {
    return "<chronicle lang=\"de\"><title>T</title>" + body + "</chronicle>\n";
}
std::string milestone(const std::string& inner) {
    return "<milestone date=\"2000\"><p>Text</p>" + inner + "</milestone>";
}
std::string with_image(const std::string& src) {
    return chronicle(milestone("<image src=\"" + src + "\" alt=\"a\"/>"));
}

std::string utf16le(std::string_view ascii, bool bom) {
    std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

} // namespace chronik::hostile
