// Helpers of the DOCX tests: render in process, read the zip back with
// Poco::Zip, query parts with tinyxml2, and compare parts with golden files
// as XML (canonically), not as bytes.
#pragma once

#include "model/document.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <tinyxml2.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chronik::test::docx {

inline constexpr std::int64_t epoch = 1700000000; // 2023-11-14T22:13:20Z

model::Document compose_file(const std::filesystem::path& input, const style::Style& style);
// A chronicle given as text; relative image paths resolve against tests/.
model::Document compose_text(const std::string& xml, const style::Style& style);

std::string render(const model::Document& doc, const style::Style& style,
                   Diagnostics* diags = nullptr);

struct Entry {
    std::string name;
    std::string bytes;
};
// The entries of a zip, directories left out, in the central directory's order.
std::vector<Entry> unzip(const std::string& zip);
std::map<std::string, std::string> parts(const std::string& zip);

// A parsed XML part; REQUIREs that it is well-formed.
struct Xml {
    explicit Xml(const std::string& text);
    std::unique_ptr<tinyxml2::XMLDocument> doc;
    // Every element of that name, in document order.
    std::vector<const tinyxml2::XMLElement*> all(const char* name) const;
    const tinyxml2::XMLElement* first(const char* name) const;
};
std::string attr(const tinyxml2::XMLElement* e, const char* name);
// The concatenated w:t text inside `e`.
std::string text_of(const tinyxml2::XMLElement* e);
// The w:pStyle of a w:p ("" if none).
std::string style_of(const tinyxml2::XMLElement* p);

// One line per element, attribute (sorted by name) and non-blank text node.
std::string canonical(const std::string& xml);
// Pretty-printed, for golden files a reviewer reads.
std::string pretty(const std::string& xml);
// Compares `actual` with the golden file as XML; CHRONIK_UPDATE_GOLDEN=1
// rewrites the golden file (pretty-printed) instead.
void check_xml_golden(const std::filesystem::path& golden, const std::string& actual);

} // namespace chronik::test::docx
