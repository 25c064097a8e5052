// The document's XMP metadata packet (PDF 32000-1, 14.3.2; XMP Specification
// Part 1), built from plain values: the text of the catalog's /Metadata
// stream, UTF-8, every value XML-escaped.
//
// What PDF/A-2 asks of it (ISO 19005-2, 6.6): the xpacket header without
// bytes or encoding attributes (6.6.2.1), values equal to the info
// dictionary's (6.6.3: dc:title = Title, dc:creator = Author,
// dc:description = Subject, pdf:Keywords = Keywords, xmp:CreatorTool =
// Creator, pdf:Producer = Producer, xmp:CreateDate / ModifyDate = the
// dates), pdfaid:part and conformance (6.6.4), and an extension schema for
// every schema it does not predefine (6.6.2.3): pdfuaid, which PDF/UA-1
// asks for (ISO 14289-1, 5), and pdfxid, PDF/X-4's, are two.
#pragma once

#include <optional>
#include <string>

namespace chronik::render::pdf {

struct XmpValues {
    std::string title;       // dc:title, in `language` and as x-default
    std::string language;    // BCP 47: dc:language and the title's xml:lang
    std::string creator;     // dc:creator; empty: left out
    std::string description; // dc:description (the subtitle); empty: left out
    std::string keywords;    // pdf:Keywords; empty: left out
    std::string creator_tool, producer;
    std::string date; // xmp:CreateDate, ModifyDate, MetadataDate: "2026-12-02T03:04:05+00:00"
    // Claims: pdfaid part 2 with conformance "A", "B" or "U"; pdfuaid part 1.
    std::optional<char> pdfa2_conformance;
    bool pdfua1 = false;
    // PDF/X-4 (ISO 15930-7): pdfxid:GTS_PDFXVersion, pdf:Trapped False, and
    // the xmpMM identification with `document_id` ("uuid:...").
    bool pdfx4 = false;
    std::string document_id;
};

// The whole packet, "<?xpacket begin=...?>" to "<?xpacket end="w"?>".
std::string xmp_packet(const XmpValues& values);

} // namespace chronik::render::pdf
