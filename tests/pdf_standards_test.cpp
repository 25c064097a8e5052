// The PDF's standards below the command line: the set's parser
// (render/standards.hpp), the XMP packet (render/pdf/xmp_packet.hpp) and
// the input PDF/UA needs (render/pdf/pdf_standards.hpp). Read back through
// the binary in tests/pdf/check_standards.py and
// tests/hostile/pdf_standard_test.cpp.
#include "render/pdf/pdf_standards.hpp"
#include "render/pdf/xmp_packet.hpp"
#include "render/standards.hpp"

#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <string>
#include <vector>

using namespace chronik;
using render::PdfStandards;
using Archive = PdfStandards::Archive;

namespace {

std::string refusal(const std::vector<std::string>& items) {
    try {
        render::parse_pdf_standards(items);
    } catch (const render::PdfStandardsError& e) {
        return e.what();
    }
    return "(accepted)";
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

render::pdf::XmpValues values() {
    render::pdf::XmpValues v;
    v.title = "Chronik";
    v.language = "de";
    v.creator = "Lecos GmbH";
    v.description = "Aus dem Gestern";
    v.keywords = "a, b";
    v.creator_tool = "chronik";
    v.producer = "chronik 0.1.0 (libharu 2.3.0)";
    v.date = "2023-11-14T22:13:20+00:00";
    return v;
}

model::Document document_with_images(const std::vector<std::pair<bool, int>>& images) {
    model::Document doc;
    doc.meta.title = "T";
    doc.meta.source = "c.xml";
    doc.blocks.push_back(model::Paragraph{model::Role::Title, {}, 1});
    for (const auto& [has_alt, line] : images) {
        model::Image img;
        img.has_alt = has_alt;
        img.line = line;
        doc.blocks.push_back(img);
    }
    return doc;
}

} // namespace

TEST_CASE("pdf standards: the parser takes Typst's names and refuses what cannot be") {
    CHECK(render::parse_pdf_standards({"ua-1", "a-2a"}) == PdfStandards{});
    CHECK(render::parse_pdf_standards({"a-2a", "ua-1"}) == PdfStandards{true, Archive::A2a});
    CHECK(render::parse_pdf_standards({"a-2b"}) == PdfStandards{false, Archive::A2b});
    CHECK(render::parse_pdf_standards({"a-2u"}) == PdfStandards{false, Archive::A2u});
    CHECK(render::parse_pdf_standards({"ua-1"}) == PdfStandards{true, Archive::None});
    CHECK(render::parse_pdf_standards({"a-2b", "a-2b"}) == PdfStandards{false, Archive::A2b});
    CHECK(render::parse_pdf_standards({"none"}) == PdfStandards::none());
    CHECK(render::parse_pdf_standards({"1.7", "a-2u"}).spelled() == "a-2u");
    CHECK(PdfStandards{}.spelled() == "ua-1,a-2a");
    CHECK(PdfStandards::none().spelled() == "none");
    CHECK(render::known_pdf_standards() == "ua-1, a-2b, a-2u, a-2a, x-4, 1.7, none");

    CHECK(refusal({"a-2b", "ua-1", "a-2a"}) ==
          "names two PDF/A levels, 'a-2b' and 'a-2a'; a PDF conforms to one level of PDF/A");
    CHECK(refusal({"none", "none", "1.7"}) ==
          "names 'none' and '1.7'; 'none' claims no standard and goes alone");
    CHECK(has(refusal({"1.7", "x-4"}), "names '1.7' and 'x-4'; a PDF/X-4 file is PDF 1.6"));
    CHECK(has(refusal({"ua-2"}), "names 'ua-2', which is not a standard chronik knows (known: "));
    CHECK(has(refusal({}), "names no standard"));
}

TEST_CASE("pdf standards: the XMP packet parses, escapes, and claims only what was asked") {
    auto v = values();
    v.title = "A & B <C> \"D\"";
    v.pdfa2_conformance = 'A';
    v.pdfua1 = true;
    const std::string xmp = render::pdf::xmp_packet(v);
    // PDF/A-2 6.6.2.1: no bytes or encoding attribute in the header.
    const auto header = xmp.substr(0, xmp.find("?>") + 2);
    CHECK(header == "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>");
    CHECK(xmp.ends_with("<?xpacket end=\"w\"?>"));
    // Well-formed, and the title comes back as given, in two languages.
    tinyxml2::XMLDocument doc;
    const auto body = xmp.substr(header.size(), xmp.rfind("<?xpacket") - header.size());
    REQUIRE(doc.Parse(body.c_str()) == tinyxml2::XML_SUCCESS);
    std::vector<std::pair<std::string, std::string>> titles;
    for (auto* d = doc.RootElement()->FirstChildElement("rdf:RDF")->FirstChildElement(); d;
         d = d->NextSiblingElement())
        if (auto* t = d->FirstChildElement("dc:title"))
            for (auto* li = t->FirstChildElement("rdf:Alt")->FirstChildElement("rdf:li"); li;
                 li = li->NextSiblingElement())
                titles.emplace_back(li->Attribute("xml:lang"), li->GetText());
    CHECK(titles == std::vector<std::pair<std::string, std::string>>{
                        {"x-default", "A & B <C> \"D\""}, {"de", "A & B <C> \"D\""}});
    CHECK(has(xmp, "<dc:creator><rdf:Seq><rdf:li>Lecos GmbH</rdf:li></rdf:Seq></dc:creator>"));
    CHECK(has(xmp, "<dc:language><rdf:Bag><rdf:li>de</rdf:li></rdf:Bag></dc:language>"));
    CHECK(has(xmp, "<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>"));
    CHECK(has(xmp, "<xmp:ModifyDate>2023-11-14T22:13:20+00:00</xmp:ModifyDate>"));
    CHECK(has(xmp, "<pdf:Producer>chronik 0.1.0 (libharu 2.3.0)</pdf:Producer>"));
    CHECK(has(xmp, "<pdf:Keywords>a, b</pdf:Keywords>"));
    CHECK(has(xmp, "<pdfaid:part>2</pdfaid:part>"));
    CHECK(has(xmp, "<pdfaid:conformance>A</pdfaid:conformance>"));
    CHECK(has(xmp, "<pdfuaid:part>1</pdfuaid:part>"));
    CHECK(has(xmp, "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"));

    v = values();
    v.pdfa2_conformance = 'B';
    const std::string b = render::pdf::xmp_packet(v);
    CHECK(has(b, "<pdfaid:conformance>B</pdfaid:conformance>"));
    CHECK(!has(b, "pdfuaid"));
    CHECK(!has(b, "pdfaExtension"));

    v = values();
    v.creator.clear();
    v.description.clear();
    v.keywords.clear();
    const std::string none = render::pdf::xmp_packet(v);
    CHECK(has(none, "<dc:title>"));
    CHECK(!has(none, "pdfaid"));
    CHECK(!has(none, "pdfuaid"));
    CHECK(!has(none, "dc:creator"));
    CHECK(!has(none, "dc:description"));
    CHECK(!has(none, "pdf:Keywords"));
}

TEST_CASE("pdf standards: under PDF/UA every image needs alt text, and the document a title") {
    Diagnostics d;
    // alt="" (has_alt, empty) is decorative and fine.
    render::pdf::check_standards_input(document_with_images({{true, 3}}), PdfStandards{}, d);
    CHECK(d.items().empty());
    const auto missing = document_with_images({{false, 4}, {true, 5}, {false, 6}});
    try {
        render::pdf::check_standards_input(missing, PdfStandards{}, d);
        FAIL("accepted images without alt text");
    } catch (const Failure& f) {
        // Every one reported: the first in the sink, the last thrown.
        REQUIRE(d.items().size() == 1);
        CHECK(format(d.items()[0]) == "c.xml:4: error: image has no alt text; PDF/UA requires "
                                      "one, or alt=\"\" for a decorative image");
        CHECK(format(f.diagnostic()) == "c.xml:6: error: image has no alt text; PDF/UA requires "
                                        "one, or alt=\"\" for a decorative image");
    }
    // Without PDF/UA nothing asks for it.
    Diagnostics quiet;
    render::pdf::check_standards_input(missing, PdfStandards{false, Archive::A2a}, quiet);
    render::pdf::check_standards_input(missing, PdfStandards::none(), quiet);
    CHECK(quiet.items().empty());

    auto untitled = document_with_images({});
    untitled.meta.title = " ";
    CHECK_THROWS_WITH(render::pdf::check_standards_input(untitled, PdfStandards{}, quiet),
                      "c.xml:1: error: the document has no title; PDF/UA requires one");
    render::pdf::check_standards_input(untitled, PdfStandards{false, Archive::A2b}, quiet);
}

TEST_CASE("pdf standards: under PDF/A a CMYK JPEG is refused, the output intent being sRGB") {
    auto doc = document_with_images({{true, 7}});
    auto& img = std::get<model::Image>(doc.blocks.back());
    img.cmyk = true;
    img.source = "print.jpg";
    Diagnostics d;
    for (const auto& s : {PdfStandards{}, PdfStandards{false, Archive::A2b}})
        CHECK_THROWS_WITH(render::pdf::check_standards_input(doc, s, d),
                          doctest::Contains("c.xml:7: error: image 'print.jpg' is a CMYK JPEG; "
                                            "PDF/A needs it in RGB or grey"));
    render::pdf::check_standards_input(doc, PdfStandards{true, Archive::None}, d);
    render::pdf::check_standards_input(doc, PdfStandards::none(), d);
    CHECK(d.items().empty());
}

TEST_CASE("pdf standards: the output intent's profile is Debian's sRGB, linked in") {
    const auto icc = render::pdf::srgb_profile();
    REQUIRE(icc.size() > 128);
    CHECK(icc.substr(12, 8) == "mntrRGB "); // device class and colour space (ICC.1 7.2)
    CHECK(icc.substr(36, 4) == "acsp");
    const std::uint32_t size =
        (static_cast<unsigned char>(icc[0]) << 24) | (static_cast<unsigned char>(icc[1]) << 16) |
        (static_cast<unsigned char>(icc[2]) << 8) | static_cast<unsigned char>(icc[3]);
    CHECK(size == icc.size());
    CHECK(render::pdf::producer().starts_with("chronik "));
    CHECK(has(render::pdf::producer(), "(libharu 2.3.0)"));
}

TEST_CASE("pdf standards: the cover and the logo are held to the same rules as figures") {
    auto doc = document_with_images({{false, 9}});
    doc.front.cover.path = "/c/cover.jpg";
    doc.front.cover.has_alt = false;
    doc.front.cover.line = 3;
    doc.front.logo.path = "/c/logo.jpg";
    doc.front.logo.source = "logo.jpg";
    doc.front.logo.cmyk = true;
    doc.front.logo.line = 4;
    Diagnostics d;
    try {
        render::pdf::check_standards_input(doc, PdfStandards{}, d);
        FAIL("accepted a cover without alt text");
    } catch (const Failure& f) {
        // In the file's order: the cover, the logo, then the figure.
        REQUIRE(d.items().size() == 2);
        CHECK(format(d.items()[0]) == "c.xml:3: error: image has no alt text; PDF/UA requires "
                                      "one, or alt=\"\" for a decorative image");
        CHECK(format(d.items()[1]).rfind("c.xml:4: error: image 'logo.jpg' is a CMYK JPEG", 0) ==
              0);
        CHECK(format(f.diagnostic()).rfind("c.xml:9: error: image has no alt text", 0) == 0);
    }
    // A decorative cover (alt="") passes; no front matter (path empty) is not looked at.
    doc.front.cover.has_alt = true;
    doc.front.logo = {};
    doc.blocks.pop_back();
    Diagnostics quiet;
    render::pdf::check_standards_input(doc, PdfStandards{}, quiet);
    CHECK(quiet.items().empty());
}
