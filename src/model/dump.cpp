#include "dump.hpp"

#include "overloaded.hpp"

namespace chronik::model {

namespace {

const char* role_name(Role r) {
    switch (r) {
    case Role::Title:
        return "title";
    case Role::Subtitle:
        return "subtitle";
    case Role::Organization:
        return "organization";
    case Role::Intro:
        return "intro";
    case Role::Body:
        return "body";
    }
    return "?";
}

void dump_inlines(std::string& out, const Inlines& inlines) {
    for (const auto& in : inlines) {
        std::visit(overloaded{
                       [&](const Text& t) { out += t.text; },
                       [&](const Emphasis& e) {
                           out += "<em>";
                           dump_inlines(out, e.children);
                           out += "</em>";
                       },
                       [&](const Strong& s) {
                           out += "<strong>";
                           dump_inlines(out, s.children);
                           out += "</strong>";
                       },
                       [&](const Link& l) {
                           out += "<a " + l.href + ">";
                           dump_inlines(out, l.children);
                           out += "</a>";
                       },
                       [&](const LineBreak&) { out += "<br>"; },
                       [&](const Span& s) {
                           out += "<span " + s.lang + ">";
                           dump_inlines(out, s.children);
                           out += "</span>";
                       },
                   },
                   in);
    }
}

// Nothing for the default (Auto), so older dumps stay as they were.
const char* width_name(Image::Width w) {
    switch (w) {
    case Image::Width::Auto:
        return "";
    case Image::Width::Column:
        return " width=column";
    case Image::Width::Text:
        return " width=text";
    }
    return "";
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v)
        s += (s.empty() ? "" : ",") + x;
    return s;
}

} // namespace

std::string dump(const Inlines& inlines) {
    std::string out;
    dump_inlines(out, inlines);
    return out;
}

std::string dump(const Document& doc) {
    const auto& m = doc.meta;
    std::string out = "meta title=" + m.title + "\nmeta subtitle=" + m.subtitle +
                      "\nmeta organization=" + m.organization + "\nmeta language=" + m.language +
                      "\nmeta date=" + m.date + "\nmeta keywords=" + join(m.keywords) + "\n";
    // The front matter only where there is some, so older dumps stay as they were.
    for (const auto& [what, i] : {std::pair{"cover", &doc.front.cover}, {"logo", &doc.front.logo}})
        if (!i->path.empty())
            out += "front " + std::string(what) + " " + i->source + " " +
                   std::to_string(i->width_px) + "x" + std::to_string(i->height_px) + " alt='" +
                   i->alt + "'\n";
    for (const auto& b : doc.blocks) {
        std::visit(overloaded{
                       [&](const Paragraph& p) {
                           out += 'L'; // (not "L" + ...: GCC 12 warns falsely, -Wrestrict)
                           out += std::to_string(p.line) + " para " + role_name(p.role) + ": " +
                                  dump(p.content) + "\n";
                       },
                       [&](const Heading& h) {
                           out += 'L';
                           out += std::to_string(h.line) + " heading " + std::to_string(h.level) +
                                  " #" + h.id + " [" + std::to_string(h.first_year) + "-" +
                                  std::to_string(h.last_year) + "]: " + dump(h.content) + "\n";
                       },
                       [&](const DatedEntry& e) {
                           out += 'L';
                           out += std::to_string(e.line) + " entry #" + e.id + " " + iso(e.date) +
                                  " '" + e.date_label + "'" +
                                  (e.date_is_redundant ? " redundant" : "") +
                                  (e.has_body ? "" : " one-liner") + " [" + join(e.categories) +
                                  "]: " + dump(e.title) + "\n";
                       },
                       [&](const Image& i) {
                           out += 'L';
                           out += std::to_string(i.line) + " image " + i.source + " " +
                                  std::to_string(i.width_px) + "x" + std::to_string(i.height_px) +
                                  " alt='" + i.alt + "'" + width_name(i.width) + ": " +
                                  dump(i.caption) + "\n";
                       },
                       [&](const TableOfContents& t) {
                           out += 'L';
                           out += std::to_string(t.line) + " toc '" + t.title + "'\n";
                       },
                       [&](const PageBreak& p) {
                           out += 'L';
                           out += std::to_string(p.line) + " pagebreak\n";
                       },
                   },
                   b);
    }
    return out;
}

} // namespace chronik::model
