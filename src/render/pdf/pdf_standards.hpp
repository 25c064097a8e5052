// The standards a PDF claims (render/standards.hpp), made true in the file:
// what the input must give (checked before any layout) and the catalog
// entries beyond the page content: the XMP metadata (xmp_packet.hpp), the
// sRGB output intent of PDF/A, /ViewerPreferences, /MarkInfo and the
// header's version. The structure tree and marked content are the
// painter's (pdf_renderer.cpp).
//
// Every file is PDF 1.7, tagged (/MarkInfo), and shows its title in the
// viewer's title bar, whatever is claimed; PDF/A adds the output intent,
// and the XMP says pdfaid and pdfuaid only for what was asked.
#pragma once

#include "pdf_writer.hpp"

#include "model/document.hpp"
#include "render/standards.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <string>
#include <string_view>

namespace chronik::render::pdf {

// What the input must give for the standards, before any layout: under
// PDF/UA-1 every image has alt text (no alt attribute is an error; alt=""
// marks a decorative one) and the document a title; under PDF/A no image
// is a CMYK JPEG (the output intent is sRGB). Each is an error at its
// line: every one but the last goes to `diags`, the last is thrown as
// chronik::Failure, so that check and render report them all.
void check_standards_input(const model::Document& doc, const PdfStandards& standards,
                           Diagnostics& diags);

// "chronik 0.1.0 (libharu 2.3.0)": the info dictionary's /Producer and the
// XMP's pdf:Producer.
std::string producer();

// The embedded ICC profile of the output intent (sRGB IEC61966-2.1 from
// Debian's icc-profiles-free, linked in at build time).
std::string_view srgb_profile();

// The print PDF's output condition: the style's <print> and the bytes of
// its CMYK output profile.
struct PrintCondition {
    const style::Print& print;
    std::string_view icc;
};

// The claims and catalog entries, with the XMP made from `info` (which
// set_info wrote already), so that both say the same. Under PDF/X-4
// (`print` given) the file is PDF 1.6 with the GTS_PDFX output intent of
// `print`, and PDF/A, if claimed too, shares it (a CMYK output intent).
void apply_standards(PdfWriter& pdf, const PdfStandards& standards, const model::Document& doc,
                     const DocumentInfo& info, const PrintCondition* print = nullptr);

} // namespace chronik::render::pdf
