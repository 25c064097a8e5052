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

namespace {
class WithOptions final : public render::Renderer {
public:
    std::string_view name() const override { return "web"; }
    std::string_view extension() const override { return ".web"; }
    std::string_view description() const override { return "a test format with options"; }
    std::vector<render::OptionSpec> options() const override {
        return {{"images", {"copy", "embed"}, "where pictures go"},
                {"theme", {"light", "dark"}, "colours"}};
    }
    void render(const model::Document&, const style::Style&, const render::Target& t,
                std::ostream& out, Diagnostics&) const override {
        out << option(t, "images") << ' ' << option(t, "theme");
    }
};

render::Registry with_options() {
    render::Registry r;
    r.add(std::make_unique<WithOptions>());
    r.add(std::make_unique<Fake>("plain"));
    return r;
}

std::string refusal(const render::Registry& r, std::string_view spelled) {
    render::FormatOptions o;
    try {
        o.set(r, spelled);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "accepted";
}
} // namespace

TEST_CASE("format options: checked against what each format declares") {
    const auto r = with_options();
    CHECK(refusal(r, "web.images=embed") == "accepted");
    CHECK(refusal(r, "images=embed") == "is not FORMAT.NAME=VALUE (for example html.images=embed)");
    CHECK(refusal(r, "web.images") == "is not FORMAT.NAME=VALUE (for example html.images=embed)");
    CHECK(refusal(r, ".images=x") == "is not FORMAT.NAME=VALUE (for example html.images=embed)");
    CHECK(refusal(r, "nope.images=embed") ==
          "names the format 'nope', which chronik does not have (available: web, plain)");
    CHECK(refusal(r, "web.colour=red") == "web has no option 'colour' (it has: images, theme)");
    CHECK(refusal(r, "plain.x=y") == "plain has no option 'x' (it has none)");
    CHECK(refusal(r, "web.images=link") == "web.images is one of copy|embed, not 'link'");
    CHECK(refusal(r, "web.images=") == "web.images is one of copy|embed, not ''");
}

TEST_CASE("format options: the last value wins, spelled sorted, defaults from the format") {
    const auto r = with_options();
    render::FormatOptions o;
    CHECK(o.empty());
    CHECK(o.spelled().empty());
    o.set(r, "web.theme=dark");
    o.set(r, "web.images=embed");
    o.set(r, "web.images=copy");
    CHECK(o.spelled() == "web.images=copy web.theme=dark");
    CHECK(o.of("web") == std::map<std::string, std::string>{{"images", "copy"}, {"theme", "dark"}});
    CHECK(o.of("plain").empty());

    const auto* web = r.find("web");
    render::Target t;
    CHECK(web->option(t, "images") == "copy"); // the first value is the default
    t.options = {{"theme", "dark"}};
    std::ostringstream out;
    Diagnostics d;
    web->render({}, style::default_style(), t, out, d);
    CHECK(out.str() == "copy dark");
    CHECK_THROWS_AS(web->option(t, "undeclared"), std::logic_error);
}

TEST_CASE("attachments: named for the picture's file and bytes, the same bytes the same name") {
    model::Image img;
    img.source = "photos/Alte Eiche (1994).jpg";
    img.format = model::Image::Format::Jpeg;
    img.bytes = std::make_shared<const std::string>("abc");
    const auto name = render::attachment_path(img);
    // FNV-1a 64 of "abc" is e71fa2190541574b.
    CHECK(name == "images/Alte-Eiche--1994--e71fa2190541574b.jpg");
    model::Image same = img;
    same.source = "elsewhere/Alte Eiche (1994).jpg";
    CHECK(render::attachment_path(same) == name);
    model::Image other = img;
    other.bytes = std::make_shared<const std::string>("abd");
    CHECK(render::attachment_path(other) != name);
    model::Image odd;
    odd.source = "../.hidden.png";
    odd.bytes = std::make_shared<const std::string>("");
    // FNV-1a 64 of no bytes is its offset basis, cbf29ce484222325.
    CHECK(render::attachment_path(odd) == "images/image.hidden-cbf29ce484222325.png");
    model::Image longname;
    longname.source = std::string(60, 'x') + ".png";
    longname.bytes = odd.bytes;
    CHECK(render::attachment_path(longname) ==
          "images/" + std::string(40, 'x') + "-cbf29ce484222325.png");
}
