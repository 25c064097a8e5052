// The samples' Markdown holds every paragraph and title of
// data/lecos-chronik.xml and data/auenwald-chronik.xml, in order. The XML is
// read here with tinyxml2 directly, not with chronik's reader, so a reader
// bug cannot hide itself. The photo sample renders in every format and both
// brochure styles without a warning, to the same bytes twice, and its
// photographs are the files data/photos/README.md lists, byte for byte.
#include "helpers.hpp"

#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <functional>
#include <regex>
#include <set>

using namespace chronik;
namespace fs = std::filesystem;

namespace {

void texts(const tinyxml2::XMLElement* e, std::vector<std::string>& out) {
    for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
        const std::string name = c->Name();
        if (name == "p" || name == "title" || name == "subtitle" || name == "organization") {
            // text with markup and line breaks, white space collapsed
            tinyxml2::XMLPrinter pr;
            std::string s;
            std::function<void(const tinyxml2::XMLNode*)> walk = [&](const tinyxml2::XMLNode* n) {
                for (auto* k = n->FirstChild(); k; k = k->NextSibling()) {
                    if (k->ToText())
                        s += k->Value();
                    else if (k->ToElement() && std::string(k->Value()) == "br")
                        s += ' ';
                    else
                        walk(k);
                }
            };
            walk(c);
            std::string collapsed;
            for (char ch : s) {
                const bool sp = ch == ' ' || ch == '\n' || ch == '\t';
                if (sp && (collapsed.empty() || collapsed.back() == ' '))
                    continue;
                collapsed += sp ? ' ' : ch;
            }
            while (!collapsed.empty() && collapsed.back() == ' ')
                collapsed.pop_back();
            out.push_back(collapsed);
        } else {
            texts(c, out);
        }
    }
}

// Markdown to plain text: drop escapes, emphasis marks, link targets, hard breaks.
std::string plain(const std::string& md) {
    std::string out;
    for (std::size_t i = 0; i < md.size(); ++i) {
        const char c = md[i];
        if (c == '\\' && i + 1 < md.size()) {
            out += md[i + 1] == '\n' ? ' ' : md[i + 1];
            ++i;
        } else if (c == '*') {
            continue;
        } else if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
            i = md.find(')', i);
        } else if (c == '[') {
            continue;
        } else {
            out += c == '\n' ? ' ' : c;
        }
    }
    return out;
}

} // namespace

TEST_CASE("sample: `chronik render -f md` holds every paragraph of the chronicle, in order") {
    tinyxml2::XMLDocument xml;
    REQUIRE(xml.LoadFile((test::source_dir / "data/lecos-chronik.xml").c_str()) ==
            tinyxml2::XML_SUCCESS);
    std::vector<std::string> expected;
    texts(xml.RootElement(), expected);
    CHECK(expected.size() >= 60); // 51 paragraphs, 8 dated titles, title block, intro

    test::TempDir dir;
    const auto r =
        test::run_chronik({"render", (test::source_dir / "data/lecos-chronik.xml").string(), "-f",
                           "md", "-o", dir.path().string()});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const std::string text = plain(test::read_file(dir / "lecos-chronik.md"));
    std::size_t at = 0;
    int found = 0;
    for (const auto& t : expected) {
        CAPTURE(t);
        const auto pos = text.find(t, at);
        CHECK(pos != std::string::npos);
        if (pos != std::string::npos) {
            at = pos + t.size();
            ++found;
        }
    }
    CHECK(found == static_cast<int>(expected.size()));
    // The dated one-liners carry their date in German.
    CHECK(text.find("1. Juli 1994 – Ausländerverfahren und Geoinformationssystem SICAD") !=
          std::string::npos);
}

namespace {

const fs::path auenwald = test::source_dir / "data/auenwald-chronik.xml";

} // namespace

TEST_CASE("sample: the photo sample's Markdown holds every paragraph of the chronicle, in order") {
    tinyxml2::XMLDocument xml;
    REQUIRE(xml.LoadFile(auenwald.c_str()) == tinyxml2::XML_SUCCESS);
    std::vector<std::string> expected;
    texts(xml.RootElement(), expected);
    CHECK(expected.size() >= 50); // 30 titles, 25 paragraphs, the title block, the intro

    test::TempDir dir;
    const auto r =
        test::run_chronik({"render", auenwald.string(), "-f", "md", "-o", dir.path().string()});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const std::string text = plain(test::read_file(dir / "auenwald-chronik.md"));
    std::size_t at = 0;
    int found = 0;
    for (const auto& t : expected) {
        CAPTURE(t);
        const auto pos = text.find(t, at);
        CHECK(pos != std::string::npos);
        if (pos != std::string::npos) {
            at = pos + t.size();
            ++found;
        }
    }
    CHECK(found == static_cast<int>(expected.size()));
    CHECK(text.find("November 1976 – Eintragung in das Vereinsregister") != std::string::npos);
}

TEST_CASE("sample: the photo sample renders every format in both brochure styles without a "
          "warning, the same bytes twice") {
    for (const std::string style : {"brochure", "booklet"}) {
        CAPTURE(style);
        test::TempDir dir;
        for (const char* run : {"a", "b"}) {
            const auto r = test::run_chronik(
                {"render", auenwald.string(), "-s", style, "-o", (dir / run).string()},
                fs::current_path(), "SOURCE_DATE_EPOCH=1700000000");
            REQUIRE_MESSAGE(r.status == 0, r.err);
            CHECK_MESSAGE(r.err.empty(), r.err); // no warning of any kind
            CHECK(test::files_in(dir / run) ==
                  std::vector<std::string>{"auenwald-chronik.docx", "auenwald-chronik.json",
                                           "auenwald-chronik.md", "auenwald-chronik.pdf",
                                           "images"});
        }
        for (const char* name : {"auenwald-chronik.pdf", "auenwald-chronik.docx",
                                 "auenwald-chronik.md", "auenwald-chronik.json"}) {
            CAPTURE(name);
            const auto a = test::read_file(dir / "a" / name);
            CHECK(a.size() > 10000);
            CHECK(a == test::read_file(dir / "b" / name));
        }
        // check (every format into memory) agrees: nothing to say.
        const auto c = test::run_chronik({"check", auenwald.string(), "-s", style});
        CHECK_MESSAGE(c.status == 0, c.err);
        CHECK_MESSAGE(c.err.empty(), c.err);
    }
}

TEST_CASE("sample: the photo sample's pictures are the files data/photos/README.md lists") {
    const fs::path photos = test::source_dir / "data/photos";
    const std::string readme = test::read_file(photos / "README.md");
    // "<sha256>  <file>" lines, as sha256sum writes them.
    const std::regex line("([0-9a-f]{64})  ([A-Za-z0-9_.-]+)");
    std::set<std::string> listed;
    std::string sums;
    for (std::sregex_iterator it(readme.begin(), readme.end(), line), end; it != end; ++it) {
        listed.insert((*it)[2]);
        sums += it->str() + "\n";
    }
    CHECK(listed.size() >= 8); // the cover, 6-8 milestone photos, the logo
    // Every file there is listed (and the README itself), every listed one is there.
    std::set<std::string> present;
    for (const auto& name : test::files_in(photos))
        if (name != "README.md")
            present.insert(name);
    CHECK(present == listed);
    // ... byte for byte as listed (sha256sum reads the list on stdin).
    test::require_tool("sha256sum", "coreutils");
    const auto [status, out] =
        test::shell("cd " + test::shell_quote(photos.string()) + " && printf '%s' " +
                    test::shell_quote(sums) + " | sha256sum --check --strict -");
    CHECK_MESSAGE(status == 0, out);
    // Every listed picture is shown by the sample, and the sample shows no other.
    tinyxml2::XMLDocument xml;
    REQUIRE(xml.LoadFile(auenwald.c_str()) == tinyxml2::XML_SUCCESS);
    std::set<std::string> used;
    std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* e) {
        for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
            if (const char* src = c->Attribute("src"))
                used.insert(fs::path(src).filename().string());
            walk(c);
        }
    };
    walk(xml.RootElement());
    CHECK(used == listed);
}
