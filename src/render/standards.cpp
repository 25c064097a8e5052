#include "standards.hpp"

#include <optional>

namespace chronik::render {

namespace {

// In the order --help and the messages list them.
constexpr std::string_view known[] = {"ua-1", "a-2b", "a-2u", "a-2a", "x-4", "1.7", "none"};

std::string quoted(std::string_view s) {
    return "'" + std::string(s) + "'";
}

} // namespace

std::string known_pdf_standards() {
    std::string s;
    for (const auto k : known)
        s += (s.empty() ? "" : ", ") + std::string(k);
    return s;
}

PdfStandards parse_pdf_standards(const std::vector<std::string>& items) {
    if (items.empty())
        throw PdfStandardsError("names no standard (known: " + known_pdf_standards() + ")");
    PdfStandards s = PdfStandards::none();
    std::optional<std::string> archive; // the PDF/A level named, as written
    std::optional<std::string> other;   // the first name that is not none
    bool none = false;
    bool seventeen = false;
    for (const auto& item : items) {
        if (item == "none") {
            none = true;
        } else if (item == "ua-1") {
            s.ua1 = true;
        } else if (item == "a-2b" || item == "a-2u" || item == "a-2a") {
            // ISO 19005-2, 6.6.4: a file identifies one conformance level.
            if (archive && *archive != item)
                throw PdfStandardsError("names two PDF/A levels, " + quoted(*archive) + " and " +
                                        quoted(item) + "; a PDF conforms to one level of PDF/A");
            archive = item;
            s.archive = item == "a-2b"   ? PdfStandards::Archive::A2b
                        : item == "a-2u" ? PdfStandards::Archive::A2u
                                         : PdfStandards::Archive::A2a;
        } else if (item == "1.7") {
            // Every screen PDF chronik writes is PDF 1.7: nothing to add.
            seventeen = true;
        } else if (item == "x-4") {
            s.x4 = true;
        } else {
            throw PdfStandardsError("names " + quoted(item) + ", which is not a standard chronik " +
                                    "knows (known: " + known_pdf_standards() + ")");
        }
        if (item != "none" && !other)
            other = item;
        if (none && other)
            throw PdfStandardsError("names 'none' and " + quoted(*other) +
                                    "; 'none' claims no standard and goes alone");
        // ISO 15930-7: a PDF/X-4 file is PDF 1.6.
        if (seventeen && s.x4)
            throw PdfStandardsError("names '1.7' and 'x-4'; a PDF/X-4 file is PDF 1.6");
    }
    return s;
}

} // namespace chronik::render
