#include "xmp_packet.hpp"

#include "support/strings.hpp"

namespace chronik::render::pdf {

namespace {

// Text as XML character data or an attribute value. The input holds no
// character XML 1.0 forbids (the reader and the command line refuse them).
std::string escaped(const std::string& s) {
    return escape_markup(s);
}

// A language alternative (XMP Part 1, 8.2.2.4): x-default first, as
// readers take the first item, then the same text in the document's
// language.
std::string alternative(const char* property, const std::string& text,
                        const std::string& language) {
    std::string s = "   <";
    s += property;
    s += "><rdf:Alt>\n    <rdf:li xml:lang=\"x-default\">" + escaped(text) + "</rdf:li>\n";
    if (!language.empty())
        s += "    <rdf:li xml:lang=\"" + escaped(language) + "\">" + escaped(text) + "</rdf:li>\n";
    s += "   </rdf:Alt></";
    s += property;
    s += ">\n";
    return s;
}

std::string simple(const char* property, const std::string& value) {
    return std::string("   <") + property + ">" + escaped(value) + "</" + property + ">\n";
}

// PDF/A extension schemas (ISO 19005-2, 6.6.2.3.2) for the schemas XMP does
// not predefine: one property each, as the PDF Association publishes them.
std::string extension_schema(const char* schema, const char* uri, const char* prefix,
                             const char* property, const char* type, const char* description) {
    return std::string("    <rdf:li rdf:parseType=\"Resource\">\n"
                       "     <pdfaSchema:schema>") +
           schema +
           "</pdfaSchema:schema>\n"
           "     <pdfaSchema:namespaceURI>" +
           uri +
           "</pdfaSchema:namespaceURI>\n"
           "     <pdfaSchema:prefix>" +
           prefix +
           "</pdfaSchema:prefix>\n"
           "     <pdfaSchema:property><rdf:Seq>\n"
           "      <rdf:li rdf:parseType=\"Resource\">\n"
           "       <pdfaProperty:name>" +
           property +
           "</pdfaProperty:name>\n"
           "       <pdfaProperty:valueType>" +
           type +
           "</pdfaProperty:valueType>\n"
           "       <pdfaProperty:category>internal</pdfaProperty:category>\n"
           "       <pdfaProperty:description>" +
           description +
           "</pdfaProperty:description>\n"
           "      </rdf:li>\n"
           "     </rdf:Seq></pdfaSchema:property>\n"
           "    </rdf:li>\n";
}

// All of them in one bag: pdfaExtension:schemas is one property.
std::string extension_schemas(const std::string& schemas) {
    return "  <rdf:Description rdf:about=\"\"\n"
           "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
           "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
           "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
           "   <pdfaExtension:schemas><rdf:Bag>\n" +
           schemas +
           "   </rdf:Bag></pdfaExtension:schemas>\n"
           "  </rdf:Description>\n";
}

} // namespace

std::string xmp_packet(const XmpValues& v) {
    // The header's id is the one XMP Part 1 (7.3.2) fixes; begin holds
    // U+FEFF, the byte order mark, in UTF-8. No bytes or encoding
    // attributes: PDF/A-2 6.6.2.1 forbids them.
    std::string s = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    s += "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    s += "   <dc:format>application/pdf</dc:format>\n";
    s += alternative("dc:title", v.title, v.language);
    if (!v.creator.empty())
        s += "   <dc:creator><rdf:Seq><rdf:li>" + escaped(v.creator) +
             "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!v.description.empty())
        s += alternative("dc:description", v.description, v.language);
    if (!v.language.empty())
        s += "   <dc:language><rdf:Bag><rdf:li>" + escaped(v.language) +
             "</rdf:li></rdf:Bag></dc:language>\n";
    s += "  </rdf:Description>\n";

    s += "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    s += simple("xmp:CreatorTool", v.creator_tool);
    s += simple("xmp:CreateDate", v.date);
    s += simple("xmp:ModifyDate", v.date);
    s += simple("xmp:MetadataDate", v.date);
    s += "  </rdf:Description>\n";

    s += "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    s += simple("pdf:Producer", v.producer);
    if (!v.keywords.empty())
        s += simple("pdf:Keywords", v.keywords);
    if (v.pdfx4)
        s += simple("pdf:Trapped", "False"); // as the info dictionary's /Trapped
    s += "  </rdf:Description>\n";

    if (v.pdfx4) {
        s += "  <rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n";
        s += simple("xmpMM:DocumentID", v.document_id);
        s += simple("xmpMM:InstanceID", v.document_id);
        s += simple("xmpMM:VersionID", "1");
        s += simple("xmpMM:RenditionClass", "default");
        s += "  </rdf:Description>\n";
        s +=
            "  <rdf:Description rdf:about=\"\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n";
        s += simple("pdfxid:GTS_PDFXVersion", "PDF/X-4");
        s += "  </rdf:Description>\n";
    }

    if (v.pdfa2_conformance) {
        s +=
            "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
        s += simple("pdfaid:part", "2");
        s += simple("pdfaid:conformance", std::string(1, *v.pdfa2_conformance));
        s += "  </rdf:Description>\n";
    }
    std::string schemas;
    if (v.pdfua1) {
        s += "  <rdf:Description rdf:about=\"\" "
             "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n";
        s += simple("pdfuaid:part", "1");
        s += "  </rdf:Description>\n";
        schemas += extension_schema(
            "PDF/UA Universal Accessibility Schema", "http://www.aiim.org/pdfua/ns/id/", "pdfuaid",
            "part", "Integer", "Indicates, which part of ISO 14289 standard is followed");
    }
    if (v.pdfx4)
        schemas += extension_schema("PDF/X ID Schema", "http://www.npes.org/pdfx/ns/id/", "pdfxid",
                                    "GTS_PDFXVersion", "Text", "ID of PDF/X standard");
    if (!schemas.empty())
        s += extension_schemas(schemas);
    s += " </rdf:RDF>\n</x:xmpmeta>\n";
    // Room to edit the packet in place (XMP Part 1, 7.3.3), then the
    // trailer; "w": writable.
    for (int i = 0; i < 20; ++i)
        s += std::string(99, ' ') + "\n";
    s += "<?xpacket end=\"w\"?>";
    return s;
}

} // namespace chronik::render::pdf
