#include "html_renderer.hpp"

#include "html_escape.hpp"
#include "html_style.hpp"
#include "model/overloaded.hpp"

#include <algorithm>

namespace chronik::render::html {

namespace {

using namespace chronik::model;

// Words of the page itself, in the document's language (German or English,
// as the composer's own labels).
struct Words {
    std::string_view skip;
};
Words words_for(std::string_view language) {
    if (language.substr(0, 2) == "de")
        return {"Zum Inhalt"};
    return {"Skip to content"};
}

// Ids the page uses itself; a model id equal to one is prefixed, so that
// every id stays unique.
std::string element_id(std::string_view model_id) {
    std::string out = id(model_id);
    if (out == "main" || out == "contents-title" || out.empty())
        out.insert(0, "id-");
    return out;
}

// The datetime attribute of a date: as precise as the source (HTML's
// valid date, month or year string).
std::string datetime(const Date& d) {
    return iso(d);
}

class Writer {
public:
    Writer(const Target& target, bool embed) : target_(target), embed_(embed) {}

    void inlines(const Inlines& in) {
        for (const auto& node : in)
            std::visit(overloaded{
                           [&](const Text& t) { out += text(t.text); },
                           [&](const Emphasis& e) { wrap("em", e.children); },
                           [&](const Strong& s) { wrap("strong", s.children); },
                           [&](const Link& l) { link(l); },
                           [&](const LineBreak&) { out += "<br>"; },
                           [&](const Span& s) {
                               out += "<span lang=\"" + attribute(s.lang) + "\">";
                               inlines(s.children);
                               out += "</span>";
                           },
                       },
                       node);
    }

    // The src of a picture: its attachment's path, or a data: URI.
    std::string source(const Image& img) { return picture_uri(img, target_.attachments, embed_); }

    std::string img(const Image& image, std::string_view css_class = "") {
        std::string s = "<img";
        if (!css_class.empty())
            s += " class=\"" + std::string(css_class) + "\"";
        s += " src=\"" + attribute(source(image)) + "\" alt=\"" + attribute(image.alt) + "\"";
        if (image.shown_width_px() > 0 && image.shown_height_px() > 0)
            s += " width=\"" + std::to_string(image.shown_width_px()) + "\" height=\"" +
                 std::to_string(image.shown_height_px()) + "\"";
        return s + " loading=\"lazy\">";
    }

    std::string out;

private:
    void wrap(const char* tag, const Inlines& children) {
        out += std::string("<") + tag + ">";
        inlines(children);
        out += std::string("</") + tag + ">";
    }

    // A link only where its target cannot run anything; else its text
    // alone. A link without text shows its target, so that it says where
    // it goes.
    void link(const Link& l) {
        const auto href = safe_href(l.href);
        if (href)
            out += "<a href=\"" + attribute(*href) + "\">";
        if (plain_text(l.children).empty())
            out += text(l.href);
        else
            inlines(l.children);
        if (href)
            out += "</a>";
    }

    const Target& target_;
    bool embed_;
};

// The body of the page, block by block: what is open (a period's section,
// its timeline, a milestone's article, a list of one-liners) closes when a
// block arrives that cannot be inside it.
class Body {
public:
    explicit Body(Writer& w) : w_(w), out_(w.out) {}

    void heading(const Heading& h) {
        if (h.level > 1) {
            close_timeline();
            const std::string tag = "h" + std::to_string(std::min(h.level + 1, 6));
            out_ += "<" + tag + " id=\"" + element_id(h.id) + "\">";
            w_.inlines(h.content);
            out_ += "</" + tag + ">\n";
            return;
        }
        close_section();
        const std::string hid = element_id(h.id);
        out_ +=
            "<section class=\"period\" aria-labelledby=\"" + hid + "\">\n<h2 id=\"" + hid + "\">";
        w_.inlines(h.content);
        out_ += "</h2>\n";
        section_ = true;
    }

    void entry(const DatedEntry& e) {
        if (article_) // a one-liner after a milestone with a body starts a list of its own
            close_article();
        open_timeline();
        const std::string time = "<time datetime=\"" + attribute(datetime(e.date)) + "\">" +
                                 text(e.date_label) + "</time>";
        if (!e.has_body) {
            if (!list_)
                out_ += "<ul class=\"one-liners\">\n";
            list_ = true;
            // Dates show even when the heading says them (date_is_redundant):
            // here a column, in an article its heading (lead's decision, #14).
            out_ += "<li id=\"" + element_id(e.id) + "\">" + time + " <span class=\"what\">";
            w_.inlines(e.title);
            out_ += "</span></li>\n";
            return;
        }
        close_list();
        out_ += "<article class=\"milestone\" id=\"" + element_id(e.id) + "\">\n";
        // Every milestone has a heading, so heading navigation lists them
        // all: its title, else its date (as DOCX makes both headings).
        if (e.title.empty()) {
            out_ += "<h3 class=\"date\">" + time + "</h3>\n";
        } else {
            out_ += "<h3>";
            w_.inlines(e.title);
            out_ += "</h3>\n<p class=\"date\">" + time + "</p>\n";
        }
        article_ = true;
    }

    void paragraph(const Paragraph& p) {
        close_list();
        out_ += p.role == Role::Intro ? "<p class=\"intro\">" : "<p>";
        w_.inlines(p.content);
        out_ += "</p>\n";
    }

    void image(const Image& img) {
        close_list();
        const bool wide = img.width != Image::Width::Auto;
        out_ += wide ? "<figure class=\"wide\">" : "<figure>";
        out_ += w_.img(img);
        if (!img.caption.empty()) {
            out_ += "<figcaption>";
            w_.inlines(img.caption);
            out_ += "</figcaption>";
        }
        out_ += "</figure>\n";
    }

    void close_section() {
        close_timeline();
        if (section_)
            out_ += "</section>\n";
        section_ = false;
    }

private:
    void open_timeline() {
        if (!timeline_)
            out_ += "<div class=\"timeline\">\n";
        timeline_ = true;
    }
    void close_list() {
        if (list_)
            out_ += "</ul>\n";
        list_ = false;
    }
    void close_article() {
        close_list();
        if (article_)
            out_ += "</article>\n";
        article_ = false;
    }
    void close_timeline() {
        close_article();
        if (timeline_)
            out_ += "</div>\n";
        timeline_ = false;
    }

    Writer& w_;
    std::string& out_;
    bool section_ = false, timeline_ = false, article_ = false, list_ = false;
};

bool front_role(const Block& b) {
    const auto* p = std::get_if<Paragraph>(&b);
    return p &&
           (p->role == Role::Title || p->role == Role::Subtitle || p->role == Role::Organization);
}

} // namespace

std::vector<OptionSpec> HtmlRenderer::options() const {
    return {{"images",
             {"copy", "embed"},
             "pictures: copied into images/ beside the page, or embedded in it as data: URIs"}};
}

void HtmlRenderer::render(const Document& doc, const style::Style& style, const Target& target,
                          std::ostream& os, Diagnostics&) const {
    Writer w(target, option(target, "images") == "embed");
    std::string& out = w.out;
    const auto& meta = doc.meta;
    const std::string language = meta.language.empty() ? "und" : meta.language;

    out += "<!DOCTYPE html>\n<html lang=\"" + attribute(language) + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + text(meta.title) + "</title>\n";
    out += "<meta name=\"description\" content=\"" +
           attribute(meta.subtitle.empty() ? meta.title : meta.subtitle) + "\">\n";
    if (!meta.organization.empty())
        out += "<meta name=\"author\" content=\"" + attribute(meta.organization) + "\">\n";
    out += "<meta name=\"generator\" content=\"chronik\">\n";
    out += "<style>\n" + css(style) + "</style>\n</head>\n<body>\n";
    out +=
        "<a class=\"skip-link\" href=\"#main\">" + std::string(words_for(language).skip) + "</a>\n";

    // The title block: cover, logo, the organisation above the title as a
    // kicker, then the title and the subtitle.
    out += "<header class=\"masthead\">\n";
    if (!doc.front.cover.path.empty())
        out += "<figure class=\"cover\">" + w.img(doc.front.cover) + "</figure>\n";
    if (!doc.front.logo.path.empty())
        out += w.img(doc.front.logo, "logo") + "\n";
    for (const Role role : {Role::Organization, Role::Title, Role::Subtitle})
        for (const auto& b : doc.blocks)
            if (const auto* p = std::get_if<Paragraph>(&b); p && p->role == role) {
                out += role == Role::Title      ? "<h1>"
                       : role == Role::Subtitle ? "<p class=\"subtitle\">"
                                                : "<p class=\"organization\">";
                w.inlines(p->content);
                out += role == Role::Title ? "</h1>\n" : "</p>\n";
            }
    out += "</header>\n";

    // The contents, where the document has them: one link per period.
    for (const auto& b : doc.blocks)
        if (const auto* toc = std::get_if<TableOfContents>(&b)) {
            out += "<nav class=\"contents\" aria-labelledby=\"contents-title\">\n"
                   "<h2 id=\"contents-title\">" +
                   text(toc->title) + "</h2>\n<ol>\n";
            for (const auto& h : doc.blocks)
                if (const auto* heading = std::get_if<Heading>(&h);
                    heading && heading->level == 1) {
                    out += "<li><a href=\"#" + element_id(heading->id) + "\">";
                    w.inlines(heading->content);
                    out += "</a></li>\n";
                }
            out += "</ol>\n</nav>\n";
            break;
        }

    out += "<main id=\"main\">\n";
    Body body(w);
    for (const auto& block : doc.blocks) {
        if (front_role(block))
            continue;
        std::visit(overloaded{
                       [&](const Paragraph& p) { body.paragraph(p); },
                       [&](const Heading& h) { body.heading(h); },
                       [&](const DatedEntry& e) { body.entry(e); },
                       [&](const Image& img) { body.image(img); },
                       [&](const TableOfContents&) {}, // the nav above
                       [&](const PageBreak&) {},       // pages are the browser's
                   },
                   block);
    }
    body.close_section();
    out += "</main>\n</body>\n</html>\n";
    os << out;
}

} // namespace chronik::render::html
