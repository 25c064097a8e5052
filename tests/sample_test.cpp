// The sample's Markdown holds every paragraph and title of
// data/lecos-chronik.xml, in order. The XML is read here with tinyxml2
// directly, not with chronik's reader, so a reader bug cannot hide itself.
#include "helpers.hpp"

#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <functional>

using namespace chronik;

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
