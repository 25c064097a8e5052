// The HTML page through the chronik command (docs/html.md): the hostile
// chronicles of tests/html/hostile/ render, their pictures land in images/,
// nothing they hold becomes markup or script, a second render is the same
// to the byte; html.images=embed writes no folder; a value the option does
// not take is a usage error; a batch job with options="html.images=embed".
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace chronik;
using namespace chronik::hostile;

namespace {

const fs::path hostile_dir = test::source_dir / "tests/html/hostile";

std::vector<std::string> hostile_inputs() {
    std::vector<std::string> out;
    for (const auto& name : test::files_in(hostile_dir))
        if (fs::path(name).extension() == ".xml")
            out.push_back(name);
    return out;
}

// Every file below `dir`, relative and sorted.
std::vector<std::string> files_below(const fs::path& dir) {
    std::vector<std::string> out;
    if (fs::exists(dir))
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (!e.is_directory())
                out.push_back(e.path().lexically_relative(dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

// What no page may hold, whatever its input: a script element, an event
// handler attribute, a javascript: or vbscript: URL, a second </style>.
void expect_inert(const std::string& page) {
    const std::string lower = [&] {
        std::string s = page;
        for (char& c : s)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }();
    CHECK(lower.find("<script") == std::string::npos);
    CHECK(lower.find("<svg") == std::string::npos);
    CHECK(lower.find("javascript:") == std::string::npos);
    CHECK(lower.find("vbscript:") == std::string::npos);
    CHECK(lower.find("</style") == lower.rfind("</style"));
    // An attribute named on...: in a tag, outside its quoted values (the
    // page quotes every value and writes '>' in them as &gt;).
    const std::regex tag("<[a-z][^>]*>"), quoted("\"[^\"]*\""), handler("\\son[a-z]+\\s*=");
    for (std::sregex_iterator it(lower.begin(), lower.end(), tag), end; it != end; ++it) {
        const std::string bare = std::regex_replace(it->str(), quoted, "\"\"");
        CHECK_MESSAGE(!std::regex_search(bare, handler), it->str());
    }
}

// tests/html/check_html.py's findings on a page (empty: it passes).
std::string check_html(const fs::path& page) {
    const auto [status, out] =
        test::shell("/usr/bin/python3 " +
                    test::shell_quote((test::source_dir / "tests/html/check_html.py").string()) +
                    " " + test::shell_quote(page.string()) + " 2>&1");
    REQUIRE_MESSAGE(status != 127, "/usr/bin/python3 is missing");
    return status == 0 ? std::string() : out;
}

} // namespace

TEST_CASE("web output: hostile chronicles render as inert, checked pages with their pictures") {
    const auto inputs = hostile_inputs();
    REQUIRE(inputs.size() >= 3);
    test::TempDir dir;
    for (const auto& input : inputs) {
        CAPTURE(input);
        const fs::path out = dir / fs::path(input).stem().string();
        const auto r =
            run({"render", (hostile_dir / input).string(), "-q", "-f", "html", "-o", out.string()},
                dir.path());
        REQUIRE_MESSAGE(r.status == 0, r.err);
        CHECK(sanitizers_quiet(r.err));
        const fs::path page = out / (fs::path(input).stem().string() + ".html");
        REQUIRE(fs::exists(page));
        const auto first = test::read_file(page);
        expect_inert(first);
        CHECK(check_html(page) == "");
        // Every picture the page names is there, and nothing else is.
        std::vector<std::string> named;
        const std::regex src("src=\"(images/[^\"]+)\"");
        for (std::sregex_iterator it(first.begin(), first.end(), src), end; it != end; ++it)
            named.push_back((*it)[1]);
        std::sort(named.begin(), named.end());
        named.erase(std::unique(named.begin(), named.end()), named.end());
        auto files = files_below(out);
        files.erase(std::remove(files.begin(), files.end(), page.filename().string()), files.end());
        CHECK(files == named);
        // A second render: the same bytes.
        const auto again =
            run({"render", (hostile_dir / input).string(), "-q", "-f", "html", "-o", out.string()},
                dir.path());
        REQUIRE(again.status == 0);
        CHECK(test::read_file(page) == first);
    }
}

TEST_CASE("web output: the pictures' page writes images/, their bytes the chronicle's") {
    test::TempDir dir;
    const auto r = run({"render", (hostile_dir / "images.xml").string(), "-q", "-f", "html", "-o",
                        (dir / "out").string()},
                       dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto files = files_below(dir / "out");
    // The cover and one file for the logo and both uses of the same picture.
    REQUIRE(files.size() == 3);
    CHECK(files[0] == "images.html");
    CHECK(files[1].rfind("images/cover-", 0) == 0);
    CHECK(files[2].rfind("images/o-neil---co-", 0) == 0);
    CHECK(test::read_file(dir / "out" / files[2]) ==
          test::read_file(hostile_dir / "images/o'neil & co.png"));
    CHECK(test::read_file(dir / "out" / files[1]) ==
          test::read_file(hostile_dir / "images/cover.jpg"));
}

TEST_CASE("web output: html.images=embed writes the page alone, with data: URIs") {
    test::TempDir dir;
    const auto r = run({"render", (hostile_dir / "images.xml").string(), "-q", "-f", "html", "-O",
                        "html.images=embed", "-o", (dir / "out").string()},
                       dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(files_below(dir / "out") == std::vector<std::string>{"images.html"});
    const auto page = test::read_file(dir / "out/images.html");
    CHECK(page.find("src=\"data:image/jpeg;base64,") != std::string::npos);
    CHECK(page.find("src=\"data:image/png;base64,") != std::string::npos);
    CHECK(page.find("src=\"images/") == std::string::npos);
    expect_inert(page);
    CHECK(check_html(dir / "out/images.html") == "");
}

TEST_CASE("web output: a value html.images does not take is a usage error") {
    test::TempDir dir;
    const auto r = run({"render", (hostile_dir / "images.xml").string(), "-f", "html", "-O",
                        "html.images=link", "-o", (dir / "out").string()},
                       dir.path());
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("html.images") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("copy") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("embed") != std::string::npos, r.err);
    CHECK(files_below(dir / "out").empty());
}

TEST_CASE("web output: a batch job with format html and options html.images=embed") {
    test::TempDir dir;
    test::write_file(dir / "jobs.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobs version=\"1\" "
                     "output=\"out\">\n  <job name=\"web\" input=\"" +
                         (hostile_dir / "images.xml").string() +
                         "\" formats=\"html\" options=\"html.images=embed\" output=\"web/page\"/>\n"
                         "  <job name=\"copy\" input=\"" +
                         (hostile_dir / "images.xml").string() +
                         "\" formats=\"html\" output=\"copy/page\"/>\n</jobs>\n");
    const auto check = run({"check", "jobs.xml"}, dir.path());
    CHECK_MESSAGE(check.status == 0, check.err);
    const auto r = run({"batch", "jobs.xml", "-q"}, dir.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(files_below(dir / "out/web") == std::vector<std::string>{"page.html"});
    const auto page = test::read_file(dir / "out/web/page.html");
    CHECK(page.find("src=\"data:image/png;base64,") != std::string::npos);
    const auto copied = files_below(dir / "out/copy");
    REQUIRE(copied.size() == 3);
    CHECK(copied[2] == "page.html");
    CHECK(check_html(dir / "out/copy/page.html") == "");
}
