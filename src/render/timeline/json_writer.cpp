#include "json_writer.hpp"

#include "model/overloaded.hpp"
#include "support/utf8.hpp"

namespace chronik::render::timeline {

std::string json_string(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::next(text, i);
        switch (cp) {
        case U'"':
            out += "\\\"";
            break;
        case U'\\':
            out += "\\\\";
            break;
        case U'\b':
            out += "\\b";
            break;
        case U'\f':
            out += "\\f";
            break;
        case U'\n':
            out += "\\n";
            break;
        case U'\r':
            out += "\\r";
            break;
        case U'\t':
            out += "\\t";
            break;
        case U'/':
            // "</" would end a <script> element that holds the JSON
            out += start > 0 && text[start - 1] == '<' ? "\\/" : "/";
            break;
        case U'\u2028':
            out += "\\u2028";
            break;
        case U'\u2029':
            out += "\\u2029";
            break;
        default:
            if (cp < 0x20 || cp == 0x7F) {
                out += "\\u00";
                out += hex[cp >> 4];
                out += hex[cp & 15];
            } else if (cp == utf8::replacement && i - start == 1) {
                utf8::append(out, cp); // an ill-formed byte: U+FFFD stands for it
            } else {
                out.append(text.substr(start, i - start));
            }
        }
    }
    out += '"';
    return out;
}

namespace {

void write(const JsonValue& v, int depth, std::string& out) {
    const auto indent = [&](int d) { out.append(static_cast<std::size_t>(d) * 2, ' '); };
    std::visit(model::overloaded{
                   [&](const std::string& s) { out += json_string(s); },
                   [&](const JsonArray& a) {
                       if (a.empty()) {
                           out += "[]";
                           return;
                       }
                       out += "[\n";
                       for (std::size_t i = 0; i < a.size(); ++i) {
                           indent(depth + 1);
                           write(a[i], depth + 1, out);
                           out += i + 1 < a.size() ? ",\n" : "\n";
                       }
                       indent(depth);
                       out += ']';
                   },
                   [&](const JsonObject& o) {
                       if (o.empty()) {
                           out += "{}";
                           return;
                       }
                       out += "{\n";
                       for (std::size_t i = 0; i < o.size(); ++i) {
                           indent(depth + 1);
                           out += json_string(o[i].first) + ": ";
                           write(o[i].second, depth + 1, out);
                           out += i + 1 < o.size() ? ",\n" : "\n";
                       }
                       indent(depth);
                       out += '}';
                   },
               },
               v.value);
}

} // namespace

std::string write_json(const JsonValue& value) {
    std::string out;
    write(value, 0, out);
    out += '\n';
    return out;
}

} // namespace chronik::render::timeline
