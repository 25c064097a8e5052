// The one way through (pipeline/) and the readers table it consults.
#include "cli/arguments.hpp"
#include "helpers.hpp"
#include "pipeline/pipeline.hpp"
#include "reader/readers.hpp"
#include "style/style_reader.hpp"
#include "support/strings.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace chronik;

TEST_CASE("readers: the table names the XML chronicle reader, found by extension") {
    const auto& table = reader::input_formats();
    REQUIRE(table.size() >= 1);
    CHECK(table.front().name == "chronicle");
    CHECK(reader::input_format_for("a/b.xml").name == "chronicle");
    // Any other name is read by the default reader, as chronik always did.
    CHECK(reader::input_format_for("chronicle.txt").name == table.front().name);
    CHECK(reader::find_input_format("chronicle") == &table.front());
    CHECK(reader::find_input_format("nope") == nullptr);
    std::set<std::string_view> names;
    for (const auto& f : table) {
        CHECK(names.insert(f.name).second); // unique
        CHECK(!f.description.empty());
        CHECK(bool(f.read_file));
        CHECK(bool(f.read_text));
    }
}

TEST_CASE("pipeline: load, document, render give what the stages give") {
    const std::string text = "<chronicle><title>T</title><milestone date=\"2000\"><p>x</p>"
                             "</milestone></chronicle>";
    Diagnostics d;
    const auto c = pipeline::load_text(text, "t.xml", ".", d);
    REQUIRE(c);
    CHECK(!d.has_errors());
    compose::Options options;
    options.epoch = 1700000000;
    const auto doc = pipeline::document(*c, style::default_style(), options, d);
    const auto formats = render::builtin_registry();
    const auto* md = formats.find("md");
    REQUIRE(md);
    std::ostringstream direct;
    md->render(doc, style::default_style(), {}, direct, d);
    std::ostringstream through;
    pipeline::render(doc, style::default_style(), *md, {}, through, d);
    CHECK(through.str() == direct.str());
    const auto rendered = pipeline::render(doc, style::default_style(), *md, ".", {}, {}, d);
    CHECK(rendered.bytes == direct.str());
    CHECK(!rendered.pages); // Markdown has no pages

    Diagnostics bad;
    CHECK(!pipeline::load_text("<chronicle>", "bad.xml", ".", bad));
    CHECK(bad.has_errors());
    CHECK(!pipeline::load(CHRONIK_SOURCE_DIR "/no/such/file.xml", bad));
}

// The job file schema takes format names by a pattern (XML Schema cannot ask
// the registry), so that a new format needs no change there: the pattern
// must take every registered name and every option the formats declare.
TEST_CASE("registry: data/jobs.xsd takes every registered format and option") {
    std::ifstream in(CHRONIK_SOURCE_DIR "/data/jobs.xsd");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string xsd = ss.str();
    auto pattern_of = [&](const std::string& type) {
        const auto at = xsd.find("name=\"" + type + "\"");
        REQUIRE(at != std::string::npos);
        const auto end = xsd.find("</xs:simpleType>", at);
        std::smatch m;
        const std::string body = xsd.substr(at, end - at);
        REQUIRE(std::regex_search(body, m, std::regex("<xs:pattern value=\"([^\"]+)\"")));
        return std::regex(m[1].str());
    };
    const auto format = pattern_of("Format");
    const auto option = pattern_of("FormatOption");
    const auto registry = render::builtin_registry();
    for (const auto* r : registry.all()) {
        CHECK_MESSAGE(std::regex_match(std::string(r->name()), format), r->name());
        for (const auto& o : r->options())
            for (const auto& v : o.values) {
                const auto spelled = std::string(r->name()) + "." + o.name + "=" + v;
                CHECK_MESSAGE(std::regex_match(spelled, option), spelled);
            }
    }
    CHECK(!std::regex_match(std::string("PDF"), format));
    CHECK(!std::regex_match(std::string("html.images"), option));
}

namespace {
class Named final : public render::Renderer {
public:
    explicit Named(std::string n) : name_(std::move(n)) {}
    std::string_view name() const override { return name_; }
    std::string_view extension() const override { return ".x"; }
    std::string_view description() const override { return "test"; }
    void render(const model::Document&, const style::Style&, const render::Target&, std::ostream&,
                Diagnostics&) const override {}

private:
    std::string name_;
};
} // namespace

TEST_CASE("cli: the help text names the formats of the registry") {
    const auto builtin = render::builtin_registry();
    CHECK(cli::help_text(cli::Command::Render, builtin)
              .find("[-f " + join(builtin.names(), ",") + "]") != std::string::npos);
    render::Registry other;
    other.add(std::make_unique<Named>("html"));
    other.add(std::make_unique<Named>("md"));
    const auto help = cli::help_text(cli::Command::Render, other);
    CHECK(help.rfind("usage: chronik render FILE... [-f html,md] [-s STYLE]", 0) == 0);
}
