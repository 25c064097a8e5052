// The TimelineJS3 renderer: its JSON strings, the HTML it puts in slides,
// the mapping of a chronicle to title, events and eras, and its pictures.
#include "compose/composer.hpp"
#include "helpers.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/timeline/json_writer.hpp"
#include "render/timeline/timeline_renderer.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace chronik;
using namespace chronik::render::timeline;
namespace fs = std::filesystem;

namespace {
model::Document compose_text(const std::string& xml) {
    Diagnostics d;
    auto c = reader::read_chronicle_text(xml, "t.xml", (test::source_dir / "tests").string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = 1700000000;
    return compose::compose(*c, style::default_style(), o, d);
}
model::Document compose_file(const fs::path& input) {
    Diagnostics d;
    auto c = reader::read_chronicle(input.string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = 1700000000;
    return compose::compose(*c, style::default_style(), o, d);
}
std::string render_doc(const model::Document& doc, const render::Target& target = {}) {
    std::ostringstream out;
    Diagnostics d;
    TimelineRenderer().render(doc, style::default_style(), target, out, d);
    return out.str();
}
std::string timeline(const std::string& xml, const render::Target& target = {}) {
    return render_doc(compose_text(xml), target);
}
bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}
} // namespace

TEST_CASE("timeline: JSON strings escape quotes, backslashes, controls and </") {
    CHECK(json_string("a\"b\\c") == R"("a\"b\\c")");
    CHECK(json_string("l1\nl2\tx\r\b\f") == R"("l1\nl2\tx\r\b\f")");
    CHECK(json_string(std::string("\x01\x1f\x7f", 3)) == R"("\u0001\u001F\u007F")");
    CHECK(json_string(std::string("nul\0x", 5)) == R"("nul\u0000x")");
    CHECK(json_string("</script><script>alert(1)</script>") ==
          R"("<\/script><script>alert(1)<\/script>")");
    CHECK(json_string("a/b 1/2") == R"("a/b 1/2")");                  // only "</" needs it
    CHECK(json_string("Müller – 1. Juli") == "\"Müller – 1. Juli\""); // UTF-8 as is
    CHECK(json_string("\u2028\u2029") == R"("\u2028\u2029")");
    // ill-formed UTF-8 (the reader lets none through) still gives valid JSON
    CHECK(json_string("a\xff"
                      "b\xc3") == "\"a\uFFFDb\uFFFD\"");
}

TEST_CASE("timeline: JSON layout is two spaces, keys in order, a newline at the end") {
    const JsonValue v{JsonObject{{"b", JsonValue{std::string("1")}},
                                 {"a", JsonValue{JsonArray{JsonValue{std::string("x")}}}},
                                 {"e", JsonValue{JsonArray{}}}}};
    CHECK(write_json(v) == "{\n  \"b\": \"1\",\n  \"a\": [\n    \"x\"\n  ],\n  \"e\": []\n}\n");
}

TEST_CASE("timeline: an event per milestone: date parts, display date, headline, group, id") {
    const auto j = timeline(R"(<chronicle><title>T</title><period label="1990s">
      <milestone date="1994-07-01" id="m-a"><title>A <em>big</em> day</title><p>Body <strong>x</strong></p></milestone>
      <milestone date="1993"><title>B</title></milestone>
      <milestone date="1992-05"><p>Untitled</p></milestone></period></chronicle>)");
    CHECK(contains(j, R"("start_date": {
        "year": "1994",
        "month": "7",
        "day": "1",
        "display_date": "1. Juli 1994"
      },
      "text": {
        "headline": "A <em>big<\/em> day",
        "text": "<p>Body <strong>x<\/strong><\/p>"
      },
      "group": "1990s",
      "unique_id": "m-a")"));
    CHECK(contains(j, R"("start_date": {
        "year": "1993",
        "display_date": "1993"
      },
      "text": {
        "headline": "B"
      },)"));
    // untitled: the date label is the headline
    CHECK(contains(j, R"("year": "1992",
        "month": "5",
        "display_date": "Mai 1992"
      },
      "text": {
        "headline": "Mai 1992",)"));
    CHECK(contains(j, R"("eras": [
    {
      "start_date": {
        "year": "1992",
        "month": "1",
        "day": "1"
      },
      "end_date": {
        "year": "1994",
        "month": "12",
        "day": "31"
      },
      "text": {
        "headline": "1990s"
      }
    }
  ],
  "scale": "human"
}
)"));
}

TEST_CASE("timeline: timeline.groups=none gives the events no group, the eras stay") {
    const std::string xml = R"(<chronicle><title>T</title><period label="1990s">
      <milestone date="1994"><title>A</title></milestone></period></chronicle>)";
    CHECK(contains(timeline(xml), R"("group": "1990s")"));
    render::Target none;
    none.options["groups"] = "none";
    const auto j = timeline(xml, none);
    CHECK_FALSE(contains(j, R"("group")"));
    CHECK(contains(j, R"("eras")"));
}

TEST_CASE("timeline: hostile text is HTML text, links only http, https and mailto") {
    const auto j = timeline(R"(<chronicle><title>&lt;img src=x onerror=alert(1)&gt;</title>
      <milestone date="2000"><title>&lt;img src=x onerror=alert(1)&gt; &amp; "q"</title>
      <p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://x.org/?a=1&amp;b=&quot;2&quot;">l</a></p></milestone></chronicle>)");
    CHECK(contains(j, R"("headline": "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;")"));
    CHECK(contains(j, R"(&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;)"));
    CHECK(contains(j, R"(<a href=\"https://x.org/?a=1&amp;b=%222%22\">l<\/a>)"));
    CHECK_FALSE(contains(j, "<img"));
    CHECK_FALSE(contains(j, "</"));
}

TEST_CASE("timeline: pictures are attachments, embedded on request or without a caller") {
    const std::string xml = R"(<chronicle><title>T</title><milestone date="2000"><p>x</p>
      <image src="images/small.png" alt="A &quot;small&quot; picture"><caption>The <em>caption</em></caption></image>
      <image src="images/small.jpg" alt="second"/></milestone></chronicle>)";
    std::vector<render::Attachment> files;
    render::Target copy;
    copy.attachments = &files;
    const auto j = timeline(xml, copy);
    REQUIRE(files.size() == 1); // one media per slide: the first picture
    CHECK(files[0].path.rfind("images/small-", 0) == 0);
    CHECK(files[0].bytes->size() > 0);
    CHECK(contains(j, "\"media\": {\n        \"url\": \"" + files[0].path +
                          "\",\n        \"caption\": \"The <em>caption<\\/em>\",\n"
                          "        \"alt\": \"A &quot;small&quot; picture\"\n      },"));
    const auto embedded = timeline(xml); // no attachments: embedded
    CHECK(contains(embedded, "\"url\": \"data:image/png;base64,iVBORw0KGgo"));
    std::vector<render::Attachment> none;
    render::Target embed;
    embed.attachments = &none;
    embed.options["images"] = "embed";
    CHECK(timeline(xml, embed) == embedded);
    CHECK(none.empty());
}

TEST_CASE("timeline: the sample: every milestone an event with its date and id, same bytes") {
    const auto doc = compose_file(test::source_dir / "data/lecos-chronik.xml");
    const auto j = render_doc(doc);
    int entries = 0;
    for (const auto& b : doc.blocks)
        if (const auto* e = std::get_if<model::DatedEntry>(&b)) {
            ++entries;
            CAPTURE(e->id);
            std::string date =
                "\"start_date\": {\n        \"year\": \"" + std::to_string(e->date.year) + "\"";
            if (e->date.month)
                date += ",\n        \"month\": \"" + std::to_string(e->date.month) + "\"";
            if (e->date.day)
                date += ",\n        \"day\": \"" + std::to_string(e->date.day) + "\"";
            const auto at = j.find("\"unique_id\": \"" + e->id + "\"");
            REQUIRE(at != std::string::npos);
            const auto event = j.rfind("\"start_date\"", at);
            CHECK(j.compare(event, date.size(), date) == 0);
        }
    CHECK(entries >= 50);
    CHECK(render_doc(doc) == j);
}

TEST_CASE("timeline: goldens of the cases and the sample") {
    for (const auto& entry : fs::directory_iterator(test::source_dir / "tests/cases")) {
        const fs::path dir = entry.path();
        if (!fs::exists(dir / "input.xml"))
            continue;
        CAPTURE(dir.filename().string());
        std::vector<render::Attachment> files;
        render::Target t;
        t.attachments = &files;
        test::check_golden(dir / "expected.timeline.json",
                           render_doc(compose_file(dir / "input.xml"), t));
    }
    std::vector<render::Attachment> files;
    render::Target t;
    t.attachments = &files;
    test::check_golden(test::source_dir / "tests/golden/lecos-chronik.timeline.json",
                       render_doc(compose_file(test::source_dir / "data/lecos-chronik.xml"), t));
}
