#include "docx_support.hpp"

#include "compose/composer.hpp"
#include "helpers.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/docx/docx_renderer.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <sstream>

namespace chronik::test::docx {

namespace fs = std::filesystem;

model::Document compose_file(const fs::path& input, const style::Style& style) {
    Diagnostics d;
    auto c = reader::read_chronicle(input.string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = epoch;
    return compose::compose(*c, style, o, d);
}

model::Document compose_text(const std::string& xml, const style::Style& style) {
    Diagnostics d;
    auto c = reader::read_chronicle_text(xml, "t.xml", (source_dir / "tests").string(), d);
    REQUIRE_MESSAGE(c, test::joined(test::lines(d)));
    compose::Options o;
    o.epoch = epoch;
    return compose::compose(*c, style, o, d);
}

std::string render(const model::Document& doc, const style::Style& style, Diagnostics* diags) {
    Diagnostics local;
    std::ostringstream out(std::ios::binary);
    render::docx::DocxRenderer().render(doc, style, {}, out, diags ? *diags : local);
    return out.str();
}

std::vector<Entry> unzip(const std::string& zip) {
    std::istringstream in(zip, std::ios::binary);
    Poco::Zip::ZipArchive archive(in);
    std::vector<Entry> out;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
        if (it->second.isDirectory())
            continue;
        std::istringstream src(zip, std::ios::binary);
        Poco::Zip::ZipInputStream zin(src, it->second);
        std::ostringstream bytes;
        bytes << zin.rdbuf();
        out.push_back({it->first, bytes.str()});
    }
    return out;
}

std::map<std::string, std::string> parts(const std::string& zip) {
    std::map<std::string, std::string> out;
    for (auto& e : unzip(zip))
        out.emplace(e.name, std::move(e.bytes));
    return out;
}

Xml::Xml(const std::string& text) : doc(std::make_unique<tinyxml2::XMLDocument>()) {
    const auto rc = doc->Parse(text.data(), text.size());
    REQUIRE_MESSAGE(rc == tinyxml2::XML_SUCCESS, "not well-formed: " << doc->ErrorStr());
}

std::vector<const tinyxml2::XMLElement*> Xml::all(const char* name) const {
    std::vector<const tinyxml2::XMLElement*> out;
    std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* e) {
        for (; e; e = e->NextSiblingElement()) {
            if (std::string_view(e->Name()) == name)
                out.push_back(e);
            walk(e->FirstChildElement());
        }
    };
    walk(doc->FirstChildElement());
    return out;
}

const tinyxml2::XMLElement* Xml::first(const char* name) const {
    const auto v = all(name);
    return v.empty() ? nullptr : v.front();
}

std::string attr(const tinyxml2::XMLElement* e, const char* name) {
    const char* v = e ? e->Attribute(name) : nullptr;
    return v ? v : "";
}

std::string text_of(const tinyxml2::XMLElement* e) {
    std::string out;
    std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* c) {
        for (; c; c = c->NextSiblingElement()) {
            if (std::string_view(c->Name()) == "w:t" && c->GetText())
                out += c->GetText();
            walk(c->FirstChildElement());
        }
    };
    if (e)
        walk(e->FirstChildElement());
    return out;
}

std::string style_of(const tinyxml2::XMLElement* p) {
    const auto* ppr = p->FirstChildElement("w:pPr");
    return ppr ? attr(ppr->FirstChildElement("w:pStyle"), "w:val") : "";
}

namespace {
void canon(const tinyxml2::XMLNode* n, int depth, std::string& out) {
    for (; n; n = n->NextSibling()) {
        const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
        if (const auto* e = n->ToElement()) {
            out += indent + "<" + e->Name() + "\n";
            std::vector<std::pair<std::string, std::string>> attrs;
            for (auto* a = e->FirstAttribute(); a; a = a->Next())
                attrs.emplace_back(a->Name(), a->Value());
            std::sort(attrs.begin(), attrs.end());
            for (const auto& [k, v] : attrs)
                out += indent + "  @" + k + "=" + v + "\n";
            canon(e->FirstChild(), depth + 1, out);
        } else if (const auto* t = n->ToText()) {
            const std::string_view v = t->Value();
            if (v.find_first_not_of(" \t\r\n") != std::string_view::npos)
                out += indent + "\"" + std::string(v) + "\"\n";
        }
    }
}
} // namespace

std::string canonical(const std::string& xml) {
    tinyxml2::XMLDocument d;
    if (d.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS)
        return std::string("not well-formed: ") + d.ErrorStr();
    std::string out;
    canon(d.FirstChild(), 0, out);
    return out;
}

std::string pretty(const std::string& xml) {
    tinyxml2::XMLDocument d;
    d.Parse(xml.data(), xml.size());
    tinyxml2::XMLPrinter p;
    d.Print(&p);
    return p.CStr();
}

void check_xml_golden(const fs::path& golden, const std::string& actual) {
    const char* update = std::getenv("CHRONIK_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        write_file(golden, pretty(actual));
        MESSAGE("rewrote " << golden.string());
        return;
    }
    REQUIRE_MESSAGE(fs::exists(golden), "missing golden file "
                                            << golden.string()
                                            << " (run with CHRONIK_UPDATE_GOLDEN=1)");
    const std::string want = canonical(read_file(golden));
    const std::string got = canonical(actual);
    if (want == got) {
        CHECK(true);
        return;
    }
    std::istringstream a(got), e(want);
    std::string la, le;
    for (int n = 1;; ++n) {
        const bool ga = static_cast<bool>(std::getline(a, la));
        const bool ge = static_cast<bool>(std::getline(e, le));
        if (!ga && !ge)
            break;
        if (la != le || ga != ge) {
            FAIL_CHECK(golden.string()
                       << ": canonical line " << n << ": expected\n  " << (ge ? le : "<end>")
                       << "\nbut got\n  " << (ga ? la : "<end>"));
            return;
        }
    }
}

} // namespace chronik::test::docx
