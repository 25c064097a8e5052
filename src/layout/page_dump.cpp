#include "page_dump.hpp"
#include "model/overloaded.hpp"

#include <charconv>

namespace chronik::layout {

namespace {
// Points with up to three decimals, locale-independent.
std::string num(Length l) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, to_pt(l));
    return std::string(buf, r.ptr);
}
std::string hex(style::Color c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}
} // namespace

std::string dump(const PageTree& tree, const text::FontSet& fonts) {
    std::string out;
    for (const auto& o : tree.outline)
        out += "outline '" + o.title + "' -> #" + o.anchor + "\n";
    for (std::size_t i = 0; i < tree.pages.size(); ++i) {
        const auto& p = tree.pages[i];
        out += "page " + std::to_string(i + 1) + " " + num(p.width) + "x" + num(p.height) +
               " number=" + std::to_string(p.number) + "\n";
        for (const auto& a : p.anchors)
            out += "  anchor #" + a.id + " y=" + num(a.y) + "\n";
        for (const auto& item : p.items) {
            std::visit(model::overloaded{
                           [&](const TextItem& t) {
                               const auto& f = fonts.at(t.face);
                               out +=
                                   "  text " + num(t.x) + "," + num(t.y) + " " + f.family() +
                                   (f.path().find("Bold") != std::string::npos ? " bold" : "") +
                                   (f.path().find("Italic") != std::string::npos ? " italic" : "") +
                                   " " + num(t.size) + " " + hex(t.color) +
                                   (t.scale != 1000 ? " scale=" + std::to_string(t.scale) : "") +
                                   (t.lang ? " lang=" + *t.lang : "") + " '" + t.text + "'\n";
                           },
                           [&](const LineItem& l) {
                               out += "  line " + num(l.x1) + "," + num(l.y1) + " " + num(l.x2) +
                                      "," + num(l.y2) + " w=" + num(l.thickness) + " " +
                                      hex(l.color) + (l.dots ? " dots=" + num(l.dots) : "") + "\n";
                           },
                           [&](const RectItem& r) {
                               out += "  rect " + num(r.x) + "," + num(r.y) + " " + num(r.width) +
                                      "x" + num(r.height) + " " + hex(r.color) + "\n";
                           },
                           [&](const CircleItem& c) {
                               out += "  circle " + num(c.cx) + "," + num(c.cy) +
                                      " r=" + num(c.radius) + (c.filled ? " fill " : " stroke ") +
                                      hex(c.fill) + "\n";
                           },
                           [&](const ImageItem& im) {
                               out += "  image " + num(im.x) + "," + num(im.y) + " " +
                                      num(im.width) + "x" + num(im.height) + "\n";
                           },
                           [&](const LinkItem& l) {
                               out += "  link " + num(l.x) + "," + num(l.y) + " " + num(l.width) +
                                      "x" + num(l.height) + " " +
                                      (l.uri.empty() ? "#" + l.destination : l.uri) + "\n";
                           },
                       },
                       item);
        }
    }
    return out;
}

} // namespace chronik::layout
