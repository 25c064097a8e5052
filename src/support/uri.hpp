// The one percent-encoder (RFC 3986 §2.1: "%" and two upper-case
// hexadecimal digits per byte). Each output format needs a different set of
// bytes encoded, so the set is a parameter; the sets in use are named here,
// so that they differ on purpose and visibly, not by accident.
#pragma once

#include <string>
#include <string_view>

namespace chronik::uri {

// Which bytes percent_encode replaces; every other byte is copied.
struct Encoded {
    bool controls_and_space = true; // 0x00-0x20 and 0x7F
    bool non_ascii = true;          // 0x80-0xFF (the UTF-8 of an IRI)
    std::string_view also;          // further ASCII bytes
};

// A URI from an IRI or a typed link (RFC 3987 §3.1): every byte a URI may
// not hold, i.e. controls, space, non-ASCII and " < > \ ^ ` { | }.
// DOCX relationship targets.
inline constexpr Encoded not_in_uri{true, true, "\"<>\\^`{|}"};

// Bytes outside printable ASCII only (controls, space, non-ASCII): the PDF
// renderer's link annotations.
inline constexpr Encoded not_printable_ascii{true, true, ""};

// A Markdown inline link destination: only what would end or confuse it
// (space, parentheses, angle brackets); UTF-8 stays as written, as
// CommonMark allows.
inline constexpr Encoded markdown_destination{false, false, " ()<>"};

// `text` with every byte of the set `what` written as %XX (upper case).
std::string percent_encode(std::string_view text, const Encoded& what);

} // namespace chronik::uri
