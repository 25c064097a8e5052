// An XML file read strictly: UTF-8 only, no DOCTYPE, no entities beyond the
// five built-ins and character references, well-formed. Parsing is done by
// tinyxml2; this wrapper adds the checks tinyxml2 does not make and the
// columns it does not report.
#pragma once

#include "support/diagnostics.hpp"

#include <initializer_list>

#include <tinyxml2.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::xml {

// Files larger than this are refused before parsing (see README, "Limits").
inline constexpr std::size_t max_file_bytes = 16 * 1024 * 1024;
// Start tags with more attributes than this are refused before parsing:
// tinyxml2 looks for a duplicate by walking the element's attribute list,
// which is quadratic in their number. No element of ours takes more than 11.
inline constexpr std::size_t max_attributes = 32;
// Elements nested in one another, at most: tinyxml2 stops at 100 levels of
// nodes, counting the document and the text innermost; the scan before it
// refuses deeper ones with a line and column.
inline constexpr std::size_t max_depth = 98;

class Source {
public:
    // Reads `path` and parses it. Problems go to `diags` under the name
    // `display` (the path as the user wrote it); returns nullptr when the
    // file could not be parsed at all. A non-null result may still have
    // produced errors (for example an unknown entity) that do not stop
    // the structural checks.
    static std::unique_ptr<Source> load(const std::string& path, const std::string& display,
                                        Diagnostics& diags);
    static std::unique_ptr<Source> parse(std::string text, const std::string& display,
                                         Diagnostics& diags);

    const tinyxml2::XMLElement* root() const { return doc_.RootElement(); }
    const std::string& name() const { return display_; }

    // 1-based column of the element's start tag, 0 when unknown.
    int column(const tinyxml2::XMLElement* e) const;
    // 1-based column of the attribute's name in the element's start tag.
    int column(const tinyxml2::XMLElement* e, std::string_view attribute) const;

    void error(const tinyxml2::XMLNode* n, std::string message, Diagnostics& d) const;
    void error(const tinyxml2::XMLElement* e, std::string_view attribute, std::string message,
               Diagnostics& d) const;
    void warning(const tinyxml2::XMLNode* n, std::string message, Diagnostics& d) const;

    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

private:
    Source() = default;
    void index_columns(const std::vector<std::size_t>& start_tags);
    // Index of `e` in tag_offsets_ / tag_columns_, or -1 when unknown.
    long index_of(const tinyxml2::XMLElement* e) const;

    std::string display_;
    std::string text_;
    tinyxml2::XMLDocument doc_{true, tinyxml2::PRESERVE_WHITESPACE};
    // Per element in document order (its index is kept in the element's
    // user data): byte offset of its start tag's '<' in text_, and column.
    std::vector<std::size_t> tag_offsets_;
    std::vector<int> tag_columns_;
};

// XML white space (space, tab, CR, LF).
bool is_space(char c);
bool is_blank(std::string_view s);

// Reports every attribute of `e` not in `allowed` as an error at the
// attribute (file:line:col): "unknown attribute 'x' on <e> (allowed: a, b)",
// or "(it takes none)". The one check of the chronicle, style sheet and
// job file readers.
void check_attributes(const Source& src, const tinyxml2::XMLElement* e,
                      std::initializer_list<std::string_view> allowed, Diagnostics& d);

// Reports a required attribute that `e` lacks, at the element:
// "<image> needs an alt attribute (hint)" (no parentheses without a hint).
void missing_attribute(const Source& src, const tinyxml2::XMLElement* e, std::string_view name,
                       std::string_view hint, Diagnostics& d);

// The value of the attribute `name`, or nullptr after missing_attribute().
const char* required_attribute(const Source& src, const tinyxml2::XMLElement* e, const char* name,
                               std::string_view hint, Diagnostics& d);

} // namespace chronik::xml
