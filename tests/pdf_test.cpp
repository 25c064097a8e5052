// The PDF as readers see it: pdftotext, qpdf, pdffonts, pdfinfo (Debian's
// poppler-utils and qpdf, installed by scripts/install-deps.sh).
#include "helpers.hpp"

#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <set>

using namespace chronik;
namespace fs = std::filesystem;

namespace {

const std::string sample = (test::source_dir / "data/lecos-chronik.xml").string();

using test::shell;

// Letters and digits only, lower-cased (ASCII), UTF-8 letters kept: what
// survives hyphenation, line breaks and page furniture being removed.
std::string letters(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            ++i; // a no-break space is a space
            continue;
        }
        if (c >= 0x80)
            out += static_cast<char>(c);
        else if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
    }
    return out;
}

// Paragraph and title texts of a chronicle, read with tinyxml2 directly.
std::vector<std::string> chronicle_texts(const std::string& path) {
    tinyxml2::XMLDocument xml;
    REQUIRE(xml.LoadFile(path.c_str()) == tinyxml2::XML_SUCCESS);
    std::vector<std::string> out;
    std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* e) {
        for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
            const std::string name = c->Name();
            if (name == "p" || name == "title") {
                std::string s;
                std::function<void(const tinyxml2::XMLNode*)> text =
                    [&](const tinyxml2::XMLNode* n) {
                        for (auto* k = n->FirstChild(); k; k = k->NextSibling())
                            if (k->ToText())
                                s += k->Value();
                            else if (k->ToElement() && std::string(k->Value()) == "br")
                                s += ' ';
                            else
                                text(k);
                    };
                text(c);
                out.push_back(s);
            } else {
                walk(c);
            }
        }
    };
    walk(xml.RootElement());
    return out;
}

struct Rendered {
    test::TempDir dir;
    fs::path pdf;
};

std::unique_ptr<Rendered> render(const std::string& input,
                                 const std::vector<std::string>& extra = {},
                                 const std::string& epoch = "1700000000") {
    auto r = std::make_unique<Rendered>();
    std::vector<std::string> args = {"render", input, "-f", "pdf", "-o", r->dir.path().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = test::run_chronik(args, fs::current_path(), "SOURCE_DATE_EPOCH=" + epoch);
    REQUIRE_MESSAGE(run.status == 0, run.err);
    r->pdf = r->dir / (fs::path(input).stem().string() + ".pdf");
    REQUIRE(fs::exists(r->pdf));
    return r;
}

} // namespace

TEST_CASE("pdf: pdftotext holds every paragraph of the sample in order") {
    test::require_tool("pdftotext", "poppler-utils");
    const auto r = render(sample);
    const auto [rc, text] = shell("pdftotext -raw -enc UTF-8 '" + r->pdf.string() + "' -");
    REQUIRE(rc == 0);
    // Drop the running header and page numbers, which may fall inside a
    // paragraph that crosses a page.
    std::string body;
    std::size_t from = 0;
    while (from < text.size()) {
        auto nl = text.find('\n', from);
        if (nl == std::string::npos)
            nl = text.size();
        const std::string line = text.substr(from, nl - from);
        from = nl + 1;
        const bool number =
            !line.empty() && line.find_first_not_of("0123456789\f") == std::string::npos;
        if (line.rfind("Meilensteine unserer Entwicklung", 0) == 0 && line.size() < 50)
            continue;
        if (number)
            continue;
        body += line + "\n";
    }
    const std::string stream = letters(body);
    std::size_t at = 0;
    int found = 0;
    const auto texts = chronicle_texts(sample);
    REQUIRE(texts.size() >= 60);
    for (const auto& t : texts) {
        const auto key = letters(t);
        const auto pos = stream.find(key, at);
        CAPTURE(t);
        CHECK(pos != std::string::npos);
        if (pos != std::string::npos) {
            at = pos + key.size();
            ++found;
        }
    }
    CHECK(found == static_cast<int>(texts.size()));
    // German typography survives extraction.
    CHECK(body.find("„Beste") != std::string::npos);
    CHECK(body.find("2019“") != std::string::npos);
    CHECK(body.find("enaio®") != std::string::npos);
    CHECK(body.find("1. Juli 1994") != std::string::npos);
}

TEST_CASE("pdf: qpdf finds no errors, fonts are embedded and subset") {
    test::require_tool("qpdf", "qpdf");
    test::require_tool("pdffonts", "poppler-utils");
    test::require_tool("pdfinfo", "poppler-utils");
    const auto r = render(sample);
    CHECK(shell("qpdf --check '" + r->pdf.string() + "'").first == 0);
    const auto [rc, fonts] = shell("pdffonts '" + r->pdf.string() + "'");
    REQUIRE(rc == 0);
    int rows = 0;
    std::size_t from = fonts.find("---");
    from = fonts.find('\n', from) + 1;
    while (from < fonts.size()) {
        auto nl = fonts.find('\n', from);
        const std::string line = fonts.substr(from, nl - from);
        from = nl + 1;
        if (line.empty())
            continue;
        ++rows;
        CAPTURE(line);
        CHECK(line.find(" yes yes yes ") != std::string::npos); // emb sub uni
        CHECK(line.find("+CharisSIL") != std::string::npos);    // subset tag, our face
    }
    CHECK(rows >= 3); // regular, bold, italic
}

TEST_CASE("pdf: page size follows the style, one outline entry per period, in UTF-8") {
    test::require_tool("pdfinfo", "poppler-utils");
    test::require_tool("qpdf", "qpdf");
    auto r = render(sample);
    auto info = shell("pdfinfo '" + r->pdf.string() + "'").second;
    CHECK(info.find("Page size:       595.276 x 841.89 pts (A4)") != std::string::npos);
    CHECK(info.find("Title:           Meilensteine unserer Entwicklung") != std::string::npos);
    CHECK(info.find("Subject:         Aus dem Gestern das Beste für das Morgen nutzen") !=
          std::string::npos);
    CHECK(info.find("Author:          Lecos GmbH") != std::string::npos);
    CHECK(info.find("Creator:         chronik") != std::string::npos);
    CHECK(info.find("Keywords:        awards, company, cooperation") != std::string::npos);
    CHECK(info.find("CreationDate:    Tue Nov 14 22:13:20 2023 UTC") != std::string::npos);
    const auto outline =
        shell("qpdf --json --json-key=outlines '" + r->pdf.string() +
              "' | python3 -c 'import json,sys; o=json.load(sys.stdin)[\"outlines\"];"
              " print(len(o)); print(\"|\".join(x[\"title\"] for x in o))'")
            .second;
    CHECK(outline.rfind("22\n2021|2020|2019|", 0) == 0);
    CHECK(outline.find("|1997/1998|1995|1992-1994|1991") != std::string::npos);
    r = render(sample, {"-s", "booklet"});
    info = shell("pdfinfo '" + r->pdf.string() + "'").second;
    CHECK(info.find("Page size:       419.528 x 595.276 pts") != std::string::npos); // A5
    // Umlauts in outline titles
    test::TempDir dir;
    test::write_file(dir / "u.xml",
                     "<chronicle><title>T</title><period label=\"Die frühen Jahre\"><milestone "
                     "date=\"1990\"><p>x</p></milestone></period></chronicle>");
    r = render((dir / "u.xml").string());
    const auto titles = shell("qpdf --json --json-key=outlines '" + r->pdf.string() +
                              "' | python3 -c 'import json,sys; "
                              "print(json.load(sys.stdin)[\"outlines\"][0][\"title\"])'")
                            .second;
    CHECK(titles == "Die frühen Jahre\n");
}

TEST_CASE("pdf: links to the web and from the contents to the pages") {
    test::require_tool("qpdf", "qpdf");
    const auto r = render(sample);
    const auto json = shell("qpdf --json=2 --json-key=qpdf '" + r->pdf.string() + "'").second;
    CHECK(json.find("\"/URI\": \"u:https://www.it-fachtag-leipzig.de\"") != std::string::npos);
    std::size_t dests = 0;
    for (std::size_t at = json.find("\"/Dest\""); at != std::string::npos;
         at = json.find("\"/Dest\"", at + 1))
        ++dests;
    CHECK(dests >= 22); // one per contents entry (the outline's are separate)
}

TEST_CASE("pdf: the same input, style and SOURCE_DATE_EPOCH give the same bytes") {
    const auto a = render(sample);
    const auto b = render(sample);
    CHECK(test::read_file(a->pdf) == test::read_file(b->pdf));
    const auto c = render(sample, {}, "1800000000");
    CHECK(test::read_file(a->pdf) != test::read_file(c->pdf));
}

namespace {

// Words apart by white space, a no-break space counted as one.
std::set<std::string> words_of(std::string text) {
    for (auto at = text.find("\u00A0"); at != std::string::npos; at = text.find("\u00A0", at))
        text.replace(at, 2, " ");
    std::set<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto from = text.find_first_not_of(" \n\f\t", i);
        if (from == std::string::npos)
            break;
        auto to = text.find_first_of(" \n\f\t", from);
        if (to == std::string::npos)
            to = text.size();
        out.insert(text.substr(from, to - from));
        i = to;
    }
    return out;
}

} // namespace

TEST_CASE("pdf: text extraction gets every word whole, hyphenated or not, with its spaces") {
    test::require_tool("pdftotext", "poppler-utils");
    const auto r = render(sample);
    for (const std::string mode : {"", "-raw "}) {
        CAPTURE(mode);
        const auto [rc, text] =
            shell("pdftotext " + mode + "-enc UTF-8 '" + r->pdf.string() + "' -");
        REQUIRE(rc == 0);
        const auto extracted = words_of(text);
        std::size_t checked = 0;
        for (const auto& paragraph : chronicle_texts(sample))
            for (const auto& word : words_of(paragraph)) {
                CAPTURE(word);
                CHECK(extracted.count(word) == 1);
                ++checked;
            }
        CHECK(checked > 1700);
        // The sample's line ends that hyphenation broke, as whole words.
        for (const char* word : {"Informationssicherheit", "IT-Grundschutz", "govdigital"})
            CHECK(extracted.count(word) == 1);
        CHECK(text.find("Informationssicher-") == std::string::npos);
    }
}
