#include "docx_xml.hpp"

#include "docx_units.hpp"
#include "support/utf8.hpp"

#include <algorithm>
#include <stdexcept>

namespace chronik::render::docx {

XmlWriter::XmlWriter() : printer_(nullptr, true) {
    printer_.PushDeclaration(R"(xml version="1.0" encoding="UTF-8" standalone="yes")");
}

void XmlWriter::open(const char* name, std::initializer_list<Attr> attrs) {
    printer_.OpenElement(name, true);
    ++depth_;
    for (const auto& [n, v] : attrs)
        attr(n, v);
}

void XmlWriter::attr(const char* name, std::string_view value) {
    scratch_.clear();
    append_xml_safe(scratch_, value);
    printer_.PushAttribute(name, scratch_.c_str());
}

void XmlWriter::attr(const char* name, std::int64_t value) {
    attr(name, num(value));
}

void XmlWriter::text(std::string_view s) {
    scratch_.clear();
    append_xml_safe(scratch_, s);
    printer_.PushText(scratch_.c_str());
}

void XmlWriter::close() {
    if (depth_ == 0)
        throw std::logic_error("XmlWriter: close() without open()");
    printer_.CloseElement(true);
    --depth_;
}

void XmlWriter::leaf(const char* name, std::initializer_list<Attr> attrs) {
    open(name, attrs);
    close();
}

void XmlWriter::leaf(const char* name, const char* attr_name, std::int64_t value) {
    open(name);
    attr(attr_name, value);
    close();
}

void XmlWriter::text_element(const char* name, std::string_view content,
                             std::initializer_list<Attr> attrs) {
    open(name, attrs);
    text(content);
    close();
}

std::string_view XmlWriter::bytes() const {
    if (depth_ != 0)
        throw std::logic_error("XmlWriter: unclosed elements");
    // CStrSize() counts the terminating NUL.
    return {printer_.CStr(), static_cast<std::size_t>(printer_.CStrSize() - 1)};
}

void append_xml_safe(std::string& out, std::string_view text) {
    // Nearly all text is clean: copy it whole.
    const bool clean =
        !utf8::first_invalid(text) && std::none_of(text.begin(), text.end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xEF;
        });
    if (clean) {
        out.append(text);
        return;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            continue;
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        // A byte that is not part of well-formed UTF-8 would make the part
        // unreadable: U+FFFD instead (the reader lets none through; this is
        // for what comes from elsewhere).
        const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (n == 1 || i + n > text.size() || utf8::first_invalid(text.substr(i, n))) {
            out += "\xEF\xBF\xBD";
            continue;
        }
        // U+FFFE and U+FFFF: EF BF BE / EF BF BF
        if (c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
            i += 2;
            continue;
        }
        out.append(text.substr(i, n));
        i += n - 1;
    }
}

} // namespace chronik::render::docx
