// The package: its parts, their order, content types, relationships, and
// reproducible bytes.
#include "docx_support.hpp"
#include "helpers.hpp"

#include "style/style_reader.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <set>
#include <sstream>

using namespace chronik;
using namespace chronik::test::docx;
namespace fs = std::filesystem;

namespace {
const fs::path rich = test::source_dir / "tests/cases/rich/input.xml";
const fs::path sample = test::source_dir / "data/lecos-chronik.xml";

std::string render_file(const fs::path& input) {
    const auto style = style::default_style();
    return render(compose_file(input, style), style);
}
} // namespace

TEST_CASE("package: the parts the issue lists, and every XML part well-formed") {
    const auto zip = render_file(rich);
    const auto p = parts(zip);
    for (const char* name :
         {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
          "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/footer1.xml",
          "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
          "word/theme/theme1.xml", "mammoth/style-map", "word/media/image1.png",
          "word/media/image2.jpeg"}) {
        CAPTURE(name);
        CHECK(p.count(name) == 1);
    }
    CHECK(p.size() == 15);
    for (const auto& [name, bytes] : p)
        if (name.ends_with(".xml") || name.ends_with(".rels")) {
            CAPTURE(name);
            Xml x(bytes);
            CHECK(x.doc->FirstChildElement());
        }
    // The images are the files, byte for byte.
    CHECK(p.at("word/media/image1.png") ==
          test::read_file(test::source_dir / "tests/cases/rich/images/small.png"));
    CHECK(p.at("word/media/image2.jpeg") ==
          test::read_file(test::source_dir / "tests/cases/rich/images/small.jpg"));
}

TEST_CASE("package: no directory entries, only the parts, in the order they are written") {
    // OPC names parts, not folders (ECMA-376 Part 2, 9.1.1); Word and
    // LibreOffice never write "word/" or "word/_rels/" entries, and Poco
    // added one before each part in a new folder.
    const auto zip = render_file(rich);
    std::istringstream in(zip, std::ios::binary);
    Poco::Zip::ZipArchive archive(in);
    std::vector<std::string> names;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
        CHECK_MESSAGE(!it->second.isDirectory(), it->first);
        CHECK_MESSAGE(!it->first.ends_with("/"), it->first);
        names.push_back(it->first);
    }
    std::vector<std::string> order;
    for (const auto& e : unzip(zip))
        order.push_back(e.name);
    CHECK(names.size() == order.size()); // unzip() skips folders
    CHECK(order.front() == "[Content_Types].xml");
    CHECK(std::set<std::string>(names.begin(), names.end()) ==
          std::set<std::string>(order.begin(), order.end()));
}

TEST_CASE("package: no images, no media parts and no image content types") {
    const auto zip = render_file(test::source_dir / "tests/cases/minimal/input.xml");
    const auto p = parts(zip);
    CHECK(p.size() == 13);
    const std::string& ct = p.at("[Content_Types].xml");
    CHECK(ct.find("image/png") == std::string::npos);
    CHECK(ct.find("image/jpeg") == std::string::npos);
}

TEST_CASE("package: every part has a content type, every internal relationship a target") {
    const auto p = parts(render_file(rich));
    Xml ct(p.at("[Content_Types].xml"));
    std::set<std::string> defaults, overrides;
    for (const auto* d : ct.all("Default"))
        defaults.insert(attr(d, "Extension"));
    for (const auto* o : ct.all("Override"))
        overrides.insert(attr(o, "PartName"));
    for (const auto& [name, bytes] : p) {
        if (name == "[Content_Types].xml")
            continue;
        CAPTURE(name);
        const auto ext = name.substr(name.rfind('.') + 1);
        CHECK((overrides.count("/" + name) == 1 || defaults.count(ext) == 1));
    }
    for (const auto& o : overrides)
        CHECK(p.count(o.substr(1)) == 1);

    Xml rels(p.at("word/_rels/document.xml.rels"));
    int external = 0, images = 0;
    std::set<std::string> ids;
    for (const auto* r : rels.all("Relationship")) {
        CHECK(ids.insert(attr(r, "Id")).second);
        if (attr(r, "TargetMode") == "External") {
            ++external;
            continue;
        }
        // Relative to word/, or from the package root (mammoth's style map).
        const std::string target = attr(r, "Target");
        CAPTURE(target);
        CHECK(p.count(target.starts_with("/") ? target.substr(1) : "word/" + target) == 1);
        images += attr(r, "Type").ends_with("/image");
    }
    CHECK(external == 2); // the mailto: and the https: link
    CHECK(images == 2);
    Xml root(p.at("_rels/.rels"));
    CHECK(attr(root.first("Relationship"), "Target") == "word/document.xml");
    CHECK(attr(root.first("Relationship"), "Type").ends_with("/officeDocument"));
}

TEST_CASE("package: the same epoch gives the same bytes, another epoch, other bytes") {
    const auto style = style::default_style();
    auto doc = compose_file(sample, style);
    const auto a = render(doc, style);
    const auto b = render(doc, style);
    CHECK(a == b);
    doc.meta.epoch += 86400 * 365;
    const auto c = render(doc, style);
    CHECK(a != c);
    // Zip times are local times without a zone: the same in every TZ.
    CHECK(unzip(a).size() == unzip(c).size());
}

TEST_CASE("package: two CLI runs with the same SOURCE_DATE_EPOCH are byte-identical") {
    test::TempDir dir;
    for (const char* sub : {"a", "b"}) {
        const auto r = test::run_chronik(
            {"render", sample.string(), "-f", "docx", "-q", "-o", (dir / sub).string()},
            fs::current_path(),
            std::string("SOURCE_DATE_EPOCH=1700000000 TZ=") +
                (sub[0] == 'a' ? "UTC" : "Asia/Tokyo"));
        REQUIRE_MESSAGE(r.status == 0, r.err);
    }
    const auto a = test::read_file(dir / "a/lecos-chronik.docx");
    const auto b = test::read_file(dir / "b/lecos-chronik.docx");
    CHECK(a.size() > 5000);
    CHECK(a == b);
}

TEST_CASE("package: unzip -t finds no error") {
    test::require_tool("unzip", "unzip");
    test::TempDir dir;
    test::write_file(dir / "x.docx", render_file(rich));
    const std::string cmd = "unzip -t -qq '" + (dir / "x.docx").string() + "' >/dev/null 2>&1";
    CHECK(std::system(cmd.c_str()) == 0);
}

TEST_CASE("package: epochs before 1980 are stamped 1980-01-01 (the earliest zip time)") {
    const auto style = style::default_style();
    auto doc = compose_file(rich, style);
    doc.meta.epoch = 0;
    const auto zip = render(doc, style);
    CHECK(unzip(zip).size() == 15);
    // core.xml keeps the real moment.
    CHECK(parts(zip).at("docProps/core.xml").find("1970-01-01T00:00:00Z") != std::string::npos);
}
