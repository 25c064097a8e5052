#include "pdf_standards.hpp"

#include "xmp_packet.hpp"

#include "support/civil_time.hpp"

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <optional>
#include <variant>

#ifndef CHRONIK_VERSION
#error "CHRONIK_VERSION is set by CMakeLists.txt"
#endif

namespace chronik::render::pdf {

namespace {

int title_line(const model::Document& doc) {
    for (const auto& block : doc.blocks)
        if (const auto* p = std::get_if<model::Paragraph>(&block);
            p && p->role == model::Role::Title)
            return p->line;
    return 0;
}

// XMP's date (ISO 8601, XMP Part 1 8.2.1.2) of the moment the info
// dictionary's dates name, in the same time zone (UTC, "+00:00").
std::string xmp_date(std::int64_t epoch) {
    const CivilTime t = civil_time(epoch);
    char s[32];
    std::snprintf(s, sizeof s, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", t.year, t.month, t.day,
                  t.hour, t.minute, t.second);
    return s;
}

} // namespace

void check_standards_input(const model::Document& doc, const PdfStandards& standards,
                           Diagnostics& diags) {
    std::vector<Diagnostic> found;
    auto error = [&](int line, std::string message) {
        found.push_back({Severity::Error, doc.meta.source, line, 0, std::move(message)});
    };
    // ISO 14289-1, 7.1 (MP 06-003): the document has a title. The reader
    // requires one already; a document made otherwise is held to it here.
    if (standards.ua1 && doc.meta.title.find_first_not_of(" \t\n") == std::string::npos)
        error(title_line(doc), "the document has no title; PDF/UA requires one");
    // The front matter's pictures (cover, logo) first: they come first in the file.
    std::vector<const model::Image*> images;
    for (const auto* front : {&doc.front.cover, &doc.front.logo})
        if (!front->path.empty())
            images.push_back(front);
    for (const auto& block : doc.blocks)
        if (const auto* img = std::get_if<model::Image>(&block))
            images.push_back(img);
    for (const auto* img : images) {
        // ISO 14289-1, 7.3 (MP 13-004): every figure has alternative text.
        if (standards.ua1 && !img->has_alt)
            error(img->line, "image has no alt text; PDF/UA requires one, or alt=\"\" for a "
                             "decorative image");
        // ISO 19005-2, 6.2.4.3: DeviceCMYK only with a CMYK output intent;
        // chronik's is sRGB (its own colours are RGB).
        if (standards.archive != PdfStandards::Archive::None && img->cmyk)
            error(img->line, "image '" + img->source +
                                 "' is a CMYK JPEG; PDF/A needs it in RGB or grey, as its output "
                                 "intent is sRGB (convert it, or render with --pdf-standard ua-1 "
                                 "or none)");
    }
    if (found.empty())
        return;
    for (std::size_t i = 0; i + 1 < found.size(); ++i)
        diags.add(found[i]);
    throw Failure(found.back());
}

std::string producer() {
    return "chronik " CHRONIK_VERSION " (libharu " + PdfWriter::library_version() + ")";
}

namespace {

// A document id for the XMP (xmpMM:DocumentID) that the same input gives
// again: two 64-bit FNV-1a hashes of what names the document, as a UUID.
std::string document_uuid(const XmpValues& x, const model::Document& doc) {
    const std::string key = x.title + '\n' + doc.meta.source + '\n' + x.date + '\n' + x.creator;
    std::uint64_t a = 14695981039346656037ull, b = 1099511628211ull * 31;
    for (const unsigned char c : key) {
        a = (a ^ c) * 1099511628211ull;
        b = (b ^ c) * 1099511628211ull + 0x9E3779B97F4A7C15ull;
    }
    char out[40];
    std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xFFFF),
                  static_cast<unsigned>(0x4000 | (a & 0x0FFF)),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
    return std::string("uuid:") + out;
}

} // namespace

void apply_standards(PdfWriter& pdf, const PdfStandards& standards, const model::Document& doc,
                     const DocumentInfo& info, const PrintCondition* print) {
    if (standards.x4 && !print)
        throw std::logic_error("apply_standards: PDF/X-4 without its print condition");
    // ISO 15930-7: a PDF/X-4 file is PDF 1.6 (nothing chronik writes needs 1.7).
    if (standards.x4) {
        pdf.set_version_1_6();
        pdf.set_trapped(false);
    } else {
        pdf.set_version_1_7();
    }
    pdf.set_producer(producer());
    pdf.set_marked();
    pdf.set_display_doc_title();

    XmpValues x;
    x.title = info.title;
    x.language = doc.meta.language;
    x.creator = info.author;
    x.description = info.subject;
    x.keywords = info.keywords;
    x.creator_tool = info.creator;
    x.producer = producer();
    x.date = xmp_date(doc.meta.epoch);
    switch (standards.archive) {
    case PdfStandards::Archive::None:
        break;
    case PdfStandards::Archive::A2b:
        x.pdfa2_conformance = 'B';
        break;
    case PdfStandards::Archive::A2u:
        x.pdfa2_conformance = 'U';
        break;
    case PdfStandards::Archive::A2a:
        x.pdfa2_conformance = 'A';
        break;
    }
    x.pdfua1 = standards.ua1;
    x.pdfx4 = standards.x4;
    if (standards.x4)
        x.document_id = document_uuid(x, doc);
    pdf.set_metadata(xmp_packet(x));

    if (standards.x4) {
        // The printing condition the colours were converted for; PDF/A's
        // intent, if claimed, is the same (PDF/A-2 6.2.3: one profile).
        std::vector<std::string_view> subtypes{"GTS_PDFX"};
        if (standards.archive != PdfStandards::Archive::None)
            subtypes.push_back("GTS_PDFA1");
        const auto& p = print->print;
        pdf.add_output_intents(subtypes, {print->icc, 4, p.output_condition_identifier,
                                          p.output_condition, p.registry, p.output_condition});
        return;
    }

    // PDF/A-2 6.2.4.3: device colours (chronik paints in DeviceRGB and
    // DeviceGray) need an output intent; sRGB, as screens and the web
    // assume. Only where PDF/A is claimed: nothing is claimed otherwise.
    if (standards.archive != PdfStandards::Archive::None)
        pdf.add_output_intents({"GTS_PDFA1"}, {srgb_profile(), 3, "sRGB IEC61966-2.1", {}, {},
                                               "sRGB IEC61966-2.1"});
}

} // namespace chronik::render::pdf
