// The standards a PDF claims and meets (`--pdf-standard`, a job's
// `pdf-standard`): parsed and checked here, in one place, for the command
// line and the job file alike; the PDF renderer gets the result through
// Target and makes the claims (render/pdf/pdf_standards.hpp).
//
// Spellings are Typst's: ua-1 (PDF/UA-1, ISO 14289-1), a-2b, a-2u, a-2a
// (PDF/A-2 levels B, U, A; ISO 19005-2), x-4 (PDF/X-4, ISO 15930-7: the
// print PDF, PDF 1.6), 1.7 (plain PDF 1.7, which every other chronik PDF
// is) and none (no claim). The default, ua-1 with a-2a, is a
// pair the PDF Association's guide allows ("PDF/UA in a Nutshell").
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::render {

struct PdfStandards {
    enum class Archive { None, A2b, A2u, A2a }; // PDF/A-2 conformance level
    bool ua1 = true;                            // PDF/UA-1
    Archive archive = Archive::A2a;
    bool x4 = false; // PDF/X-4 (ISO 15930-7): the print PDF (style's <print>)

    static PdfStandards none() { return {false, Archive::None, false}; }
    bool print() const { return x4; }
    bool operator==(const PdfStandards&) const = default;

    // The set in its canonical spelling, "ua-1,a-2a", "none": for messages
    // and for batch's content hash.
    std::string spelled() const {
        std::string s = ua1 ? "ua-1" : "";
        const char* a = archive == Archive::A2b   ? "a-2b"
                        : archive == Archive::A2u ? "a-2u"
                        : archive == Archive::A2a ? "a-2a"
                                                  : "";
        if (*a)
            s += (s.empty() ? "" : ",") + std::string(a);
        if (x4)
            s += (s.empty() ? "" : ",") + std::string("x-4");
        return s.empty() ? "none" : s;
    }
};

// What parse_pdf_standards refuses; what() is a clause to put after the
// option's or attribute's name and value ("names two PDF/A levels, ...").
struct PdfStandardsError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// The names chronik knows, for messages: "ua-1, a-2b, a-2u, a-2a, x-4, 1.7, none".
std::string known_pdf_standards();

// The set `items` names (each one spelling, blanks already split off).
// Throws PdfStandardsError for an unknown name, x-4 with 1.7 (PDF/X-4 is
// PDF 1.6), two PDF/A levels, or none with anything else. A name given twice counts
// once.
PdfStandards parse_pdf_standards(const std::vector<std::string>& items);

} // namespace chronik::render
