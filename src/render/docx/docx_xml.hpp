// A thin layer over tinyxml2::XMLPrinter for writing OOXML parts: every
// element, attribute and text goes through the printer, which does all the
// escaping. This layer adds what the printer lacks: string_view arguments,
// whole-number attributes formatted without a locale, dropping characters
// XML 1.0 cannot carry, and the namespace URIs of the parts we write.
#pragma once

#include <tinyxml2.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace chronik::render::docx {

namespace ns {
inline constexpr const char* w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* r =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* wp =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr const char* a = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr const char* pic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
inline constexpr const char* rels = "http://schemas.openxmlformats.org/package/2006/relationships";
inline constexpr const char* content_types =
    "http://schemas.openxmlformats.org/package/2006/content-types";
} // namespace ns

using Attr = std::pair<const char*, std::string_view>;

class XmlWriter {
public:
    // Starts the part with <?xml version="1.0" encoding="UTF-8" standalone="yes"?>.
    XmlWriter();

    void open(const char* name, std::initializer_list<Attr> attrs = {});
    void attr(const char* name, std::string_view value);
    void attr(const char* name, std::int64_t value);
    void text(std::string_view s);
    void close();
    // An element without content: <w:b/>, <w:sz w:val="21"/>.
    void leaf(const char* name, std::initializer_list<Attr> attrs = {});
    void leaf(const char* name, const char* attr_name, std::int64_t value);
    // A leaf element holding text: <dc:title>...</dc:title>.
    void text_element(const char* name, std::string_view text,
                      std::initializer_list<Attr> attrs = {});

    // The finished part; every opened element must have been closed.
    std::string_view bytes() const;

private:
    tinyxml2::XMLPrinter printer_;
    std::string scratch_;
    int depth_ = 0;
};

// Characters XML 1.0 cannot carry (C0 controls other than tab, newline and
// carriage return; U+FFFE, U+FFFF) are removed, bytes that are not
// well-formed UTF-8 become U+FFFD; everything else is kept.
void append_xml_safe(std::string& out, std::string_view text);

} // namespace chronik::render::docx
