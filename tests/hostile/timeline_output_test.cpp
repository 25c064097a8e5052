// The TimelineJS3 output of hostile chronicles: titles, links, alt texts and
// captions that try to inject markup or end a <script> element come out as
// text, the output is the same bytes on a re-render, and the format's option
// is checked like every other (README, "Hardening").
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using namespace chronik::hostile;

namespace {
const std::string hostile_chronicle = chronicle(
    "<subtitle>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</subtitle>"
    "<period label=\"&lt;img src=x onerror=alert(1)&gt;\">"
    "<milestone date=\"1994-07-01\"><title>&lt;img src=x onerror=alert(1)&gt; "
    "\" \\ &#x9; &lt;/script&gt;</title>"
    "<p>&lt;/script&gt; <a href=\"https://x.org/&quot;&gt;&lt;script&gt;\">&lt;b&gt;</a></p>"
    "<image src=\"small.png\" alt=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"
    "<caption>&lt;img src=x onerror=alert(1)&gt;</caption></image></milestone>"
    "<milestone date=\"1995\"><title>&lt;svg onload=alert(1)&gt;</title></milestone>"
    "</period>");
} // namespace

TEST_CASE("timeline output: hostile titles, links, alt texts and captions stay text") {
    test::TempDir t;
    test::write_file(t / "h.xml", hostile_chronicle);
    fs::copy_file(images / "small.png", t / "small.png");
    for (const std::string images_option : {"copy", "embed"}) {
        CAPTURE(images_option);
        const auto out = t / ("out-" + images_option);
        const std::vector<std::string> args = {
            "render", "h.xml",      "-f", "timeline",
            "-o",     out.string(), "-O", "timeline.images=" + images_option};
        const auto r = run(args, t.path());
        REQUIRE_MESSAGE(r.status == 0, r.err);
        const auto json = test::read_file(out / "h.json");
        CHECK(json.find("</script") == std::string::npos);
        CHECK(json.find("</") == std::string::npos);
        CHECK(json.find("<img") == std::string::npos);
        CHECK(json.find("<svg") == std::string::npos);
        CHECK(json.find("<script") == std::string::npos);
        CHECK(json.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
        // The alt text is escaped as HTML too, for pages that insert it as markup.
        CHECK(json.find(R"("alt": "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")") !=
              std::string::npos);
        // It parses, as JSON, in an independent reader.
        const auto [status, _] = test::shell("/usr/bin/python3 -c 'import json,sys; "
                                             "json.load(open(sys.argv[1], encoding=\"utf-8\"))' " +
                                             test::shell_quote((out / "h.json").string()));
        CHECK(status == 0);
        CHECK(fs::exists(out / "images") == (images_option == "copy"));
        // Same input, same bytes.
        const auto again = run(args, t.path());
        REQUIRE(again.status == 0);
        CHECK(test::read_file(out / "h.json") == json);
    }
}

TEST_CASE("timeline output: an unknown value of timeline.images is a usage error") {
    test::TempDir t;
    test::write_file(t / "c.xml", chronicle(milestone("")));
    const auto r = run(
        {"render", "c.xml", "-f", "timeline", "-o", "out", "-O", "timeline.images=nope"}, t.path());
    CHECK(r.status == 2);
    CHECK(r.err.find("nope") != std::string::npos);
    CHECK_FALSE(fs::exists(t / "out/c.json"));
}

TEST_CASE("timeline output: a batch job with format timeline and its option") {
    test::TempDir t;
    test::write_file(t / "h.xml", hostile_chronicle);
    fs::copy_file(images / "small.png", t / "small.png");
    test::write_file(t / "jobs.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jobs output=\"out\">\n"
                     "  <job name=\"web\" input=\"h.xml\" formats=\"timeline md\" "
                     "options=\"timeline.images=embed\"/>\n</jobs>\n");
    const auto r = run({"batch", "jobs.xml"}, t.path());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto json = test::read_file(t / "out/web.json");
    CHECK(json.find("\"url\": \"data:image/png;base64,") != std::string::npos);
    CHECK(json.find("<img") == std::string::npos);
    CHECK(fs::exists(t / "out/web.md"));
}
