// The one percent-encoder (RFC 3986 §2.1: "%" and two upper-case
// hexadecimal digits per byte). Each output format needs a different set of
// bytes encoded, so the set is a parameter; the sets in use are named here,
// so that they differ on purpose and visibly, not by accident.
//
// Whatever the set, bytes that are not part of well-formed UTF-8 (a folder
// named in Latin-1, say) are always encoded: every output is UTF-8 text,
// and "%E9" is the one way such a byte can stand in it and still lead to
// the file.
#pragma once

#include <cstddef>
#include <optional>
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

// A link target as written in the chronicle, for a Markdown inline link
// destination: what would end or confuse it (controls, space, parentheses,
// angle brackets, the backslash of an escape); UTF-8 stays as written, as
// CommonMark allows. ('&' is the Markdown writer's: it escapes it.)
inline constexpr Encoded markdown_destination{true, false, " ()<>\\"};

// A file path (as a URI reference to the file, RFC 3986 §4.2): every byte
// that is not unreserved, a sub-delimiter or "/" and "@"; and those that
// would be read as something else in a Markdown destination or an HTML
// attribute: "%" (else "a%41.png" names "aA.png"), "#" and "?" (fragment,
// query), ":" (a scheme in the first segment), parentheses, "&" (an
// entity), "'". UTF-8 stays (an IRI).
inline constexpr Encoded file_path{true, false, "%#?:[]()&'\"<>\\^`{|}"};

// Nothing but the bytes that are not well-formed UTF-8: a file name shown
// as text (DOCX's picture names).
inline constexpr Encoded ill_formed_utf8{false, false, ""};

// The longest link target a chronicle may give, in characters of the
// address as a URI (percent-encoded as `not_in_uri`, as the DOCX writes it
// into its relationships): 2083, INTERNET_MAX_URL_LENGTH of Windows'
// WinINet, through which Word opens a link (Internet Explorer's limit; Word's
// Insert Hyperlink box takes 255 characters, but a longer address in a file
// opens). Every other format takes as much: browsers (HTML, TimelineJS) far
// more, Markdown has no limit, a PDF string 65535 bytes.
inline constexpr std::size_t max_link_length = 2083;

// `text` with every byte of the set `what`, and every byte that is not
// part of well-formed UTF-8, written as %XX (upper case).
std::string percent_encode(std::string_view text, const Encoded& what);

// A relative or absolute path, with "/" between its parts (generic form),
// as a URI reference that Markdown and HTML links can hold and that
// percent-decodes to the path's bytes again.
std::string path_reference(std::string_view generic_path);

// The scheme of a URI reference, lower-cased ("HTTPS://x" -> "https"), or
// nullopt for a relative reference: what precedes the first ':' when no
// '/', '?' or '#' comes before it (RFC 3986 §4.2: a relative reference's
// first segment holds no ':'). Taken as written, so " javascript:x" has the
// scheme " javascript" and ":x" the scheme "", which no allowed list names.
std::optional<std::string> scheme(std::string_view reference);

} // namespace chronik::uri
