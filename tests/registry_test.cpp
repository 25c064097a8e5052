#include "render/renderer.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace chronik;

namespace {
class Fake final : public render::Renderer {
public:
    explicit Fake(std::string n) : name_(std::move(n)) {}
    std::string_view name() const override { return name_; }
    std::string_view extension() const override { return ".fake"; }
    std::string_view description() const override { return "a test format"; }
    void render(const model::Document& doc, const style::Style&, const render::Target&,
                std::ostream& out, Diagnostics&) const override {
        out << doc.meta.title;
    }

private:
    std::string name_;
};
} // namespace

TEST_CASE("registry: the built-in formats") {
    const auto r = render::builtin_registry();
    REQUIRE(r.find("md"));
    CHECK(r.find("md")->extension() == ".md");
    CHECK(r.find("nope") == nullptr);
    const auto names = r.names();
    CHECK(std::find(names.begin(), names.end(), "md") != names.end());
}

TEST_CASE("registry: a new format is one add(), names are unique") {
    render::Registry r;
    r.add(std::make_unique<Fake>("a"));
    r.add(std::make_unique<Fake>("b"));
    CHECK(r.names() == std::vector<std::string>{"a", "b"});
    CHECK_THROWS_AS(r.add(std::make_unique<Fake>("a")), std::logic_error);
    model::Document doc;
    doc.meta.title = "hello";
    std::ostringstream out;
    Diagnostics d;
    r.find("b")->render(doc, {}, {}, out, d);
    CHECK(out.str() == "hello");
}

TEST_CASE("registry: set-up ahead is optional, and a render is the same with or without it") {
    const auto formats = render::builtin_registry();
    CHECK(Fake("x").prepare() == nullptr); // nothing to start by default
    CHECK(formats.find("md")->prepare() == nullptr);
    model::Document doc;
    doc.meta.title = "T";
    doc.meta.language = "de";
    doc.meta.epoch = 1700000000;
    doc.blocks.push_back(model::Paragraph{model::Role::Title, {model::Text{"Titel", 1}}, 1});
    auto pdf = [&] {
        std::ostringstream out;
        Diagnostics d;
        formats.find("pdf")->render(doc, style::default_style(), {}, out, d);
        return out.str();
    };
    const std::string without = pdf();
    std::string with;
    {
        const auto prepared = formats.find("pdf")->prepare();
        CHECK(prepared != nullptr);
        with = pdf(); // waits for the configuration if it is still loading
    }
    CHECK(with.rfind("%PDF-", 0) == 0);
    CHECK(with == without);
}
