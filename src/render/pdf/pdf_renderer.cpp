#include "pdf_renderer.hpp"

#include "content_stream.hpp"
#include "embedded_font.hpp"
#include "pdf_images.hpp"
#include "pdf_standards.hpp"
#include "pdf_writer.hpp"
#include "print_colour.hpp"
#include "support/utf8.hpp"

#include "design/design.hpp"
#include "model/overloaded.hpp"
#include "preflight/preflight.hpp"
#include "support/civil_time.hpp"
#include "support/uri.hpp"
#include "text/font_config.hpp"
#include "text/hyphenator.hpp"

#include <algorithm>
#include <charconv>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

namespace chronik::render::pdf {

namespace {

using namespace chronik::layout;
using text::FontFace;
using text::FontSet;

double p(Length l) {
    return to_pt(l);
}

// The writer takes strings up to PdfWriter::max_string_bytes(): name what
// is too long instead of failing with a bare error code.
std::string shown(const std::string& s) {
    if (s.size() <= 40)
        return s;
    std::size_t n = 40;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n; // not inside a UTF-8 sequence
    return s.substr(0, n) + "\u2026";
}

const std::string& fitting(const std::string& s, const std::string& what) {
    if (s.size() > PdfWriter::max_string_bytes())
        throw std::runtime_error(what + " is " + std::to_string(s.size()) +
                                 " bytes long; a PDF string holds at most " +
                                 std::to_string(PdfWriter::max_string_bytes()) + " bytes");
    return s;
}

// The strings the PDF keeps (document info, bookmarks, link targets,
// the language tags of passages)
// against the writer's limit, before any layout: a 10 MB period label is
// refused at once, with its line, not after its heading was laid out.
class StringLimits {
public:
    explicit StringLimits(const model::Document& doc) : doc_(doc) {}

    void check() const {
        const auto& m = doc_.meta;
        fit(m.title, "the title", line_of(model::Role::Title));
        fit(m.subtitle, "the subtitle", line_of(model::Role::Subtitle));
        fit(m.organization, "the organization", line_of(model::Role::Organization));
        for (const auto& block : doc_.blocks)
            std::visit(model::overloaded{
                           [&](const model::Paragraph& p) { links(p.content); },
                           [&](const model::Heading& h) {
                               if (h.level == 1) {
                                   const std::string title = model::plain_text(h.content);
                                   fit(title, "the bookmark '" + shown(title) + "'", h.line);
                               }
                               links(h.content);
                           },
                           [&](const model::DatedEntry& e) { links(e.title); },
                           [&](const model::Image& i) { links(i.caption); },
                           [&](const model::TableOfContents&) {},
                           [&](const model::PageBreak&) {},
                       },
                       block);
    }

private:
    int line_of(model::Role role) const {
        for (const auto& block : doc_.blocks)
            if (const auto* p = std::get_if<model::Paragraph>(&block); p && p->role == role)
                return p->line;
        return 0;
    }

    void links(const model::Inlines& in) const {
        for (const auto& node : in)
            std::visit(model::overloaded{
                           [&](const model::Text&) {},
                           [&](const model::LineBreak&) {},
                           [&](const model::Emphasis& e) { links(e.children); },
                           [&](const model::Strong& s) { links(s.children); },
                           // The tag becomes the passage's /Lang string.
                           [&](const model::Span& s) {
                               fit(s.lang, "the language tag '" + shown(s.lang) + "'", s.line);
                               links(s.children);
                           },
                           [&](const model::Link& l) {
                               // As the PDF holds it: percent-encoded.
                               const auto uri =
                                   uri::percent_encode(l.href, uri::not_printable_ascii);
                               fit(uri, "the link target '" + shown(l.href) + "'", l.line);
                               links(l.children);
                           },
                       },
                       node);
    }

    void fit(const std::string& s, const std::string& what, int line) const {
        if (s.size() > PdfWriter::max_string_bytes())
            throw Failure({Severity::Error, doc_.meta.source, line, 0,
                           what + " is " + std::to_string(s.size()) +
                               " bytes long; a PDF string holds at most " +
                               std::to_string(PdfWriter::max_string_bytes()) + " bytes"});
    }

    const model::Document& doc_;
};

// The writer's calls for one thing of the input (`what`: "image 'x.png'",
// "the link to '…' on page 3"): a refusal of the PDF library is reported
// as being about that thing, in words, with the library's code after them
// for a bug report -- never the library's code alone.
template <class F> decltype(auto) writing(const std::string& what, F&& write) {
    try {
        return write();
    } catch (const WriterError& e) {
        throw std::runtime_error(what + " cannot be written into the PDF: " + e.reason() + " " +
                                 e.code_text());
    }
}

std::string page_name(std::size_t index) {
    return "page " + std::to_string(index + 1);
}

// Where the trimmed page sits in the PDF's page (14.11.2): a print PDF's
// MediaBox adds the bleed and, for crop marks, a slug around the TrimBox;
// a screen PDF's page is the trimmed page.
struct PageFrame {
    Length offset = 0; // from the MediaBox's edges to the trim, on every side
    Length bleed = 0;
    bool print = false;
    bool crop_marks = false;
    Length mark_gap = 0, mark_length = 0; // crop marks: from the trim, and long
};

PageFrame frame_of(const style::Style& style, bool print) {
    PageFrame f;
    if (!print)
        return f;
    f.print = true;
    f.bleed = mm(style.print.bleed);
    f.crop_marks = style.print.crop_marks;
    // Marks start just outside the bleed, so a trim a little off never
    // shows them, and are 5 mm long unless the sheet's slug is narrower.
    const Length slug = style.print.slug > 0 ? mm(style.print.slug) : mm(6);
    f.offset = f.bleed + (f.crop_marks ? slug : 0);
    f.mark_gap = f.bleed + mm(0.5);
    f.mark_length = std::max<Length>(std::min<Length>(mm(5), slug - mm(1)), 0);
    return f;
}

class Painter {
public:
    Painter(PdfWriter& pdf, const FontSet& fonts, PrintColours colours, ImagePolicy images,
            PageFrame frame = {})
        : pdf_(pdf), fonts_(fonts), colours_(std::move(colours)), frame_(frame),
          images_(pdf, std::move(images)) {}

    void paint(const PageTree& tree) {
        structure_ = &tree.structure;
        out_.elements.push_back({"Document", 0, {}, {}, {}, {}, {}, {}});
        out_of_.assign(tree.structure.size(), 0);
        words_begun_.clear();
        link_texts(tree);
        for (const auto& page : tree.pages) {
            pages_.push_back(add_page(page));
            for (const auto& item : page.items)
                if (const auto* im = std::get_if<ImageItem>(&item))
                    images_.place(*im);
        }
        out_.page_content.resize(tree.pages.size());
        // Anchors first (destinations), then links and the outline use them.
        for (std::size_t i = 0; i < tree.pages.size(); ++i)
            for (const auto& a : tree.pages[i].anchors)
                anchors_.emplace(a.id, std::pair{i, a.y});
        for (std::size_t i = 0; i < tree.pages.size(); ++i)
            draw(pages_[i], tree.pages[i]);
        writing("the structure tree (tags)", [&] { pdf_.set_structure(out_); });
        for (const auto& o : tree.outline) {
            const auto it = anchors_.find(o.anchor);
            if (it == anchors_.end())
                continue;
            const std::string what = "the bookmark '" + shown(o.title) + "'";
            writing(what, [&] {
                pdf_.add_outline(fitting(o.title, what), it->second.first, top(it->second));
            });
        }
    }

    // The fonts' dictionaries, now that the characters shown are known:
    // each face's subset is made from its file alone, all at once.
    void embed_fonts() {
        std::vector<std::future<EmbeddedFont>> made(font_ids_.size());
        for (std::size_t i = 0; i < font_ids_.size(); ++i) {
            if (!font_ids_[i])
                continue;
            std::vector<std::pair<char32_t, int>> shown;
            const FontFace& face = fonts_.at(static_cast<int>(i));
            for (std::size_t cp = 1; cp < shown_[i].size(); ++cp)
                if (shown_[i][cp])
                    shown.emplace_back(static_cast<char32_t>(cp),
                                       face.advance(static_cast<char32_t>(cp)));
            made[i] =
                std::async(std::launch::async, [path = face.path(), shown = std::move(shown)] {
                    return embedded_font(path, shown);
                });
        }
        for (std::size_t i = 0; i < font_ids_.size(); ++i)
            if (font_ids_[i])
                writing("font '" + fonts_.at(static_cast<int>(i)).family() + "' (" +
                            fonts_.at(static_cast<int>(i)).path() + ")",
                        [&] { pdf_.set_font(*font_ids_[i], made[i].get()); });
    }

private:
    PdfWriter::PageId add_page(const Page& page) {
        PageBoxes boxes;
        const Length o = frame_.offset;
        boxes.media = Box{0, 0, p(page.width + 2 * o), p(page.height + 2 * o)};
        if (frame_.print) {
            boxes.trim = Box{p(o), p(o), p(o + page.width), p(o + page.height)};
            const Length b = frame_.bleed;
            boxes.bleed = Box{p(o - b), p(o - b), p(o + page.width + b), p(o + page.height + b)};
        }
        heights_.push_back(page.height);
        return writing(page_name(heights_.size() - 1) + " (" + std::to_string(p(page.width)) +
                           " x " + std::to_string(p(page.height)) + " pt)",
                       [&] { return pdf_.add_page(boxes); });
    }

    // A destination's top: 12 pt above the anchored element.
    double top(std::pair<std::size_t, Length> at) const {
        const Length top = std::max<Length>(0, at.second - pt(12));
        return p(heights_[at.first] - top + frame_.offset);
    }

    // A PNG or JPEG, embedded once however often it is shown (the reader
    // shares one copy of each file's bytes), as pdf_images.hpp says.
    PdfWriter::ImageId image(const ImageItem& im) {
        if (!im.data)
            throw std::runtime_error("image " + im.name + " was not read");
        try {
            return images_.embed(im);
        } catch (const std::invalid_argument& e) {
            throw ImageFailure(im.line, "image " + im.name + " " + e.what());
        } catch (const WriterError& e) {
            throw ImageFailure(im.line, "image '" + im.name + "' cannot be embedded in the PDF: " +
                                            e.reason() + " " + e.code_text());
        }
    }

    // --- tagged PDF: the model's structure elements, as the writer's ---

    // The texts of the Link elements, for their annotations' /Contents.
    void link_texts(const PageTree& tree) {
        link_text_.assign(tree.structure.size(), std::string());
        // The Link each element is in, itself or above it (-1: none);
        // parents are made before their children.
        std::vector<int> link_of(tree.structure.size(), -1);
        for (std::size_t i = 0; i < tree.structure.size(); ++i) {
            const auto& e = tree.structure[i];
            link_of[i] = e.role == "Link" ? static_cast<int>(i)
                         : e.parent >= 0  ? link_of[static_cast<std::size_t>(e.parent)]
                                          : -1;
        }
        for (const auto& page : tree.pages)
            for (const auto& item : page.items)
                if (const auto* t = std::get_if<TextItem>(&item); t && t->tag.element >= 0) {
                    const int e = link_of.at(static_cast<std::size_t>(t->tag.element));
                    if (e < 0)
                        continue;
                    std::string& text = link_text_[static_cast<std::size_t>(e)];
                    text += t->text;
                    if (t->space_after)
                        text += ' ';
                }
    }

    // The writer's element for model element `e`, made (with its parents)
    // when its first content is met: reading order is the order of the
    // pages' items, and elements without content are left out.
    std::size_t element(int e) {
        if (e < 0 || static_cast<std::size_t>(e) >= structure_->size())
            throw std::logic_error("a page item tagged with structure element " +
                                   std::to_string(e) + ", which the design did not make");
        const auto i = static_cast<std::size_t>(e);
        if (out_of_[i] != 0)
            return out_of_[i];
        const auto& m = (*structure_)[i];
        const std::size_t parent = m.parent < 0 ? 0 : element(m.parent);
        out_.elements.push_back({m.role, parent, m.alt, m.lang, {}, {}, {}, {}});
        const std::size_t id = out_.elements.size() - 1;
        out_of_[i] = id;
        out_.elements[parent].kids.push_back({Kid::Kind::Element, id, 0});
        return id;
    }

    // The Span (with /Lang) under `parent` for text in `lang`: the one its
    // last content went into if that is one, so a passage over lines is
    // one element.
    std::size_t language_span(std::size_t parent, const std::string& lang) {
        auto& kids = out_.elements[parent].kids;
        if (!kids.empty() && kids.back().kind == Kid::Kind::Element) {
            const auto& last = out_.elements[kids.back().index];
            if (last.role == "Span" && last.lang == lang)
                return kids.back().index;
        }
        out_.elements.push_back({"Span", parent, {}, lang, {}, {}, {}, {}});
        const std::size_t id = out_.elements.size() - 1;
        out_.elements[parent].kids.push_back({Kid::Kind::Element, id, 0});
        return id;
    }

    // A run of items painted as one marked-content sequence.
    struct Run {
        layout::Tag tag;
        int mcid = -1;                     // tagged content; -1 for an artifact
        std::size_t element = 0;           // the writer's element of tagged content
        int word = -1;                     // a part of this broken word (word_of)
        const std::string* lang = nullptr; // of a passage in another language
        Length y = 0;                      // its baseline
        bool whole_word = false;           // its first part
        bool space_after = false;          // of its last text item
    };

    // A word broken at a line's end is no element of its own (there are
    // thousands in a long document, each an object): each of its parts is
    // a run of its paragraph's, with an ActualText. (Not marked content
    // nested in the paragraph's: poppler then loses the rest of the
    // paragraph's text.)
    int word_of(const TextItem& t) const {
        if (t.tag.element < 0)
            return -1;
        const auto& e = (*structure_)[static_cast<std::size_t>(t.tag.element)];
        return e.actual_text.empty() ? -1 : t.tag.element;
    }

    // Splits the page's items into runs (consecutive items of one tag,
    // text and graphics counted apart, as they are painted apart) and
    // gives each tagged run its MCID, in the order of the items.
    std::vector<std::size_t> runs_of(PdfWriter::PageId pg, const Page& page,
                                     std::vector<Run>& runs) {
        std::vector<std::size_t> run_of(page.items.size(), 0);
        std::optional<std::size_t> last[2]; // text, graphics
        auto& content = out_.page_content[pg];
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            const auto& item = page.items[i];
            if (std::holds_alternative<LinkItem>(item))
                continue;
            layout::Tag tag = std::visit([](const auto& x) { return x.tag; }, item);
            const int pass = std::holds_alternative<TextItem>(item) ? 0 : 1;
            const auto* text = std::get_if<TextItem>(&item);
            const int word = text ? word_of(*text) : -1;
            if (word >= 0)
                tag.element = (*structure_)[static_cast<std::size_t>(word)].parent;
            const std::string* lang = text ? text->lang.get() : nullptr;
            const Run* at = last[pass] ? &runs[*last[pass]] : nullptr;
            if (!at || !(at->tag == tag) || at->word != word || (word >= 0 && at->y != text->y) ||
                !(at->lang == lang || (lang && at->lang && *at->lang == *lang))) {
                Run r{tag};
                r.word = word;
                r.lang = lang;
                if (word >= 0) {
                    r.y = text->y;
                    r.whole_word = words_begun_.insert(word).second;
                }
                if (tag.artifact == layout::Artifact::None) {
                    r.element = element(tag.element);
                    if (lang) // a passage in another language: a Span with its /Lang
                        r.element = language_span(r.element, *lang);
                    r.mcid = static_cast<int>(content.size());
                    content.push_back(r.element);
                    auto& e = out_.elements[r.element];
                    if (!e.page)
                        e.page = pg;
                    e.kids.push_back({Kid::Kind::Content, static_cast<std::size_t>(r.mcid), pg});
                }
                runs.push_back(r);
                last[pass] = runs.size() - 1;
            }
            run_of[i] = *last[pass];
            if (text)
                runs[run_of[i]].space_after = text->space_after;
        }
        return run_of;
    }

    void begin_run(ContentStream& cs, const Run& r) {
        switch (r.tag.artifact) {
        case layout::Artifact::Layout:
            cs.begin_artifact("Layout");
            return;
        case layout::Artifact::Header:
            cs.begin_artifact("Pagination", "Header");
            return;
        case layout::Artifact::Footer:
            cs.begin_artifact("Pagination", "Footer");
            return;
        case layout::Artifact::None:
            break;
        }
        if (r.word < 0) {
            cs.begin_tagged(out_.elements[r.element].role, r.mcid);
            return;
        }
        // For text extraction: a broken word's first part (with the
        // hyphen) reads as the whole word, the others as the space after
        // them, if any.
        static const std::string space = " ", nothing;
        cs.begin_span(r.mcid, r.whole_word
                                  ? (*structure_)[static_cast<std::size_t>(r.word)].actual_text
                              : r.space_after ? space
                                              : nothing);
    }

    void link(PdfWriter::PageId pg, Length h, const LinkItem& l) {
        const Length o = frame_.offset;
        const Box area{p(o + l.x), p(o + h - l.y - l.height), p(o + l.x + l.width), p(o + h - l.y)};
        if (l.tag.element < 0)
            throw std::logic_error("a link without its Link element");
        const std::size_t e = element(l.tag.element);
        auto& el = out_.elements[e];
        if (!el.page)
            el.page = pg;
        std::string contents = link_text_[static_cast<std::size_t>(l.tag.element)];
        while (!contents.empty() && contents.back() == ' ')
            contents.pop_back();
        std::optional<PdfWriter::AnnotationId> id;
        if (!l.uri.empty()) {
            // URIs in PDF are bytes: everything outside printable ASCII
            // percent-encoded.
            const std::string uri = uri::percent_encode(l.uri, uri::not_printable_ascii);
            const std::string what = "the link target '" + shown(l.uri) + "'";
            if (contents.empty())
                contents = l.uri;
            id = writing(what + " on " + page_name(pg), [&] {
                return pdf_.add_uri_link(pg, area, fitting(uri, what), shown_text(contents));
            });
        } else {
            const auto it = anchors_.find(l.destination);
            if (it == anchors_.end())
                return;
            id = writing("a link to " + page_name(it->second.first) + " on " + page_name(pg), [&] {
                return pdf_.add_internal_link(pg, area, it->second.first, top(it->second),
                                              shown_text(contents));
            });
        }
        el.kids.push_back({Kid::Kind::Annotation, *id, pg});
        out_.annotations.emplace_back(*id, e);
    }

    // A description within what a PDF string holds.
    static std::string shown_text(const std::string& s) {
        const std::size_t limit = PdfWriter::max_string_bytes() / 2 - 8;
        if (s.size() <= limit)
            return s;
        std::size_t n = limit;
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
            --n;
        return s.substr(0, n);
    }

    void draw(PdfWriter::PageId pg, const Page& page) {
        const Length h = page.height;
        ContentStream cs;
        // Print: the trimmed page drawn inside the bleed and slug.
        if (frame_.offset != 0) {
            cs.save();
            cs.translate(p(frame_.offset), p(frame_.offset));
        }
        std::vector<Run> runs;
        const auto run_of = runs_of(pg, page, runs);
        constexpr std::size_t none = static_cast<std::size_t>(-1);
        std::size_t open = none; // the run whose marked content is open
        auto enter = [&](std::size_t r) {
            if (open == r)
                return;
            if (open != none)
                cs.end_marked();
            begin_run(cs, runs[r]);
            open = r;
        };
        auto leave = [&] {
            if (open != none)
                cs.end_marked();
            open = none;
        };
        // Graphics first (rules, markers, images), then all text in one text
        // object; each run of one tag inside its marked content.
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            const auto& item = page.items[i];
            if (std::holds_alternative<TextItem>(item))
                continue;
            if (const auto* l = std::get_if<LinkItem>(&item)) {
                link(pg, h, *l);
                continue;
            }
            enter(run_of[i]);
            std::visit(model::overloaded{
                           [&](const TextItem&) {},
                           [&](const LinkItem&) {},
                           [&](const LineItem& l) {
                               cs.line_width(to_pt(l.thickness));
                               colours_.stroke(cs, l.color);
                               // Square dots: 1 pt dashes with whole-point gaps.
                               if (l.dots > 0)
                                   cs.dash(1, static_cast<int>(l.dots / 1000 - 1));
                               cs.line(to_pt(l.x1), to_pt(h - l.y1), to_pt(l.x2), to_pt(h - l.y2));
                               if (l.dots > 0)
                                   cs.solid();
                           },
                           [&](const RectItem& r) {
                               colours_.fill(cs, r.color);
                               cs.fill_rectangle(to_pt(r.x), to_pt(h - r.y - r.height),
                                                 to_pt(r.width), to_pt(r.height));
                           },
                           [&](const CircleItem& ci) {
                               if (ci.filled) {
                                   colours_.fill(cs, ci.fill);
                                   cs.circle(to_pt(ci.cx), to_pt(h - ci.cy), to_pt(ci.radius));
                                   cs.fill();
                               } else {
                                   cs.line_width(to_pt(ci.stroke));
                                   colours_.stroke(cs, ci.fill);
                                   cs.circle(to_pt(ci.cx), to_pt(h - ci.cy), to_pt(ci.radius));
                                   cs.stroke();
                               }
                           },
                           [&](const ImageItem& im) {
                               const auto id = image(im);
                               const std::string name =
                                   writing("image '" + im.name + "' on " + page_name(pg),
                                           [&] { return pdf_.image_resource(pg, id); });
                               const Box area = draw_image(cs, name, im, h);
                               if (runs[run_of[i]].mcid >= 0) { // a Figure's bounding box
                                   auto& bbox = out_.elements[runs[run_of[i]].element].bbox;
                                   Box on_page = area; // in the PDF page's space
                                   const double o = p(frame_.offset);
                                   on_page.left += o;
                                   on_page.right += o;
                                   on_page.bottom += o;
                                   on_page.top += o;
                                   if (!bbox)
                                       bbox = on_page;
                                   bbox->left = std::min(bbox->left, on_page.left);
                                   bbox->bottom = std::min(bbox->bottom, on_page.bottom);
                                   bbox->right = std::max(bbox->right, on_page.right);
                                   bbox->top = std::max(bbox->top, on_page.top);
                               }
                           },
                       },
                       item);
        }
        leave();
        bool in_text = false;
        int face = -1;
        Length size = -1;
        style::Color color{1, 2, 3};
        bool have_color = false;
        int scale = 1000;
        const auto& items = page.items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto* t = std::get_if<TextItem>(&items[i]);
            if (!t)
                continue;
            if (!in_text) {
                cs.begin_text();
                in_text = true;
            }
            enter(run_of[i]);
            if (t->face != face || t->size != size) {
                face = t->face;
                size = t->size;
                const auto id = font(face);
                cs.font(writing("font '" + fonts_.at(face).family() + "' on " + page_name(pg),
                                [&] { return pdf_.font_resource(pg, id); }),
                        to_pt(size));
            }
            if (t->scale != scale) {
                scale = t->scale;
                cs.horizontal_scaling(scale / 10.0);
            }
            if (!have_color || !(t->color == color)) {
                color = t->color;
                have_color = true;
                colours_.fill(cs, color);
            }
            // The words of a line in one look and one run become one TJ.
            std::size_t j = i + 1;
            while (j < items.size()) {
                const auto* n = std::get_if<TextItem>(&items[j]);
                if (!n) {
                    ++j; // graphics were painted above
                    continue;
                }
                if (n->y != t->y || n->face != t->face || n->size != t->size ||
                    n->scale != t->scale || !(n->color == t->color) || n->x < t->x ||
                    run_of[j] != run_of[i])
                    break;
                ++j;
            }
            show_line(cs, h, items, i, j);
            i = j - 1;
        }
        leave();
        if (in_text)
            cs.end_text();
        if (frame_.offset != 0)
            cs.restore();
        if (frame_.crop_marks)
            crop_marks(cs, pg, page);
        writing(page_name(pg), [&] { pdf_.set_content(pg, cs.take()); });
    }

    // Trim marks at the four corners, in the slug (outside the bleed), in
    // the registration colour: page artifacts (14.8.2.2.2, "cut marks").
    void crop_marks(ContentStream& cs, PdfWriter::PageId pg, const Page& page) {
        if (frame_.mark_length <= 0)
            return;
        const std::string colour = writing("the crop marks on " + page_name(pg),
                                           [&] { return pdf_.registration_colour(pg); });
        cs.begin_artifact("Page");
        cs.save();
        cs.stroke_color_space(colour, 1);
        cs.line_width(0.3); // a print shop's hairline minimum is 0.25 pt
        const double o = p(frame_.offset), w = p(page.width), h = p(page.height);
        const double gap = p(frame_.mark_gap), len = p(frame_.mark_length);
        for (const double x : {o, o + w})
            for (const double y : {o, o + h}) {
                const double out_x = x == o ? -1 : 1, out_y = y == o ? -1 : 1;
                cs.line(x + out_x * gap, y, x + out_x * (gap + len), y);
                cs.line(x, y + out_y * gap, x, y + out_y * (gap + len));
            }
        cs.restore();
        cs.end_marked();
    }

    // Writes text items [from, to) of one line as "x y Tm [<word> gap <word>] TJ":
    // one operator a line, instead of positioning every word with its own Td. The characters shown
    // are recorded for the font's subset (embed_fonts). Codes are Unicode code points, and CIDs too
    // (PdfWriter's fonts are Identity-H with CID = code point).
    void show_line(ContentStream& cs, Length page_height, const std::vector<PageItem>& items,
                   std::size_t from, std::size_t to) {
        const auto& first = std::get<TextItem>(items[from]);
        const FontFace& face = fonts_.at(first.face);
        font(first.face);
        std::vector<bool>& shown = shown_[static_cast<std::size_t>(first.face)];
        cs.text_position(to_pt(first.x), to_pt(page_height - first.y));
        cs.raw('[');
        // Text-space advance per 1/1000 em unit: size x horizontal scaling.
        const double unit = to_pt(first.size) * first.scale / 1000.0 / 1000.0;
        double pen = to_pt(first.x);
        std::string codes;
        for (std::size_t k = from; k < to; ++k) {
            const auto* tp = std::get_if<TextItem>(&items[k]);
            if (!tp)
                continue; // graphics, painted before the text
            const auto& t = *tp;
            if (k > from) {
                const double gap = to_pt(t.x) - pen;
                if (gap != 0.0) {
                    cs.number(-gap / unit);
                    cs.raw(' ');
                }
                pen = to_pt(t.x);
            }
            codes.assign(1, '<');
            long advance = 0;
            for (std::size_t b = 0; b < t.text.size();) {
                const char32_t cp = utf8::next(t.text, b);
                static constexpr char hex[] = "0123456789ABCDEF";
                const char code[4] = {hex[(cp >> 12) & 0xF], hex[(cp >> 8) & 0xF],
                                      hex[(cp >> 4) & 0xF], hex[cp & 0xF]};
                codes.append(code, 4);
                advance += face.advance(cp);
                if (cp < shown.size())
                    shown[cp] = true;
            }
            // A real space between words, so that readers need not guess
            // them from the gaps (14.8.2.5); the gap after it makes up the
            // difference to the justified space.
            if (t.space_after && face.has_glyph(U' ')) {
                codes += "0020";
                advance += face.advance(U' ');
                shown[U' '] = true;
            }
            codes += '>';
            cs.raw(codes);
            pen += static_cast<double>(advance) * unit;
        }
        cs.raw("] TJ\n");
    }

    PdfWriter::FontId font(int face) {
        const auto i = static_cast<std::size_t>(face);
        if (font_ids_.size() <= i) {
            font_ids_.resize(i + 1);
            shown_.resize(i + 1);
        }
        if (!font_ids_[i]) {
            font_ids_[i] =
                writing("font '" + fonts_.at(face).family() + "'", [&] { return pdf_.add_font(); });
            shown_[i].assign(0x10000, false);
        }
        return *font_ids_[i];
    }

    using Kid = PdfWriter::StructureTree::Kid;

    PdfWriter& pdf_;
    const FontSet& fonts_;
    PrintColours colours_; // DeviceRGB for the screen, the output profile's inks for print
    PageFrame frame_;
    const std::vector<layout::StructElement>* structure_ = nullptr;
    PdfWriter::StructureTree out_;
    std::vector<std::size_t> out_of_;    // model element -> writer's (0: not yet)
    std::set<int> words_begun_;          // broken words whose first part was shown
    std::vector<std::string> link_text_; // by model element
    std::vector<PdfWriter::PageId> pages_;
    std::vector<Length> heights_;
    std::unordered_map<std::string, std::pair<std::size_t, Length>> anchors_;
    std::vector<std::optional<PdfWriter::FontId>> font_ids_; // by FontSet id
    std::vector<std::vector<bool>> shown_;                   // BMP code points shown, by FontSet id
    PdfImages images_;
};

DocumentInfo set_info(PdfWriter& pdf, const model::Document& doc) {
    DocumentInfo info;
    info.title = fitting(doc.meta.title, "the title");
    info.subject = fitting(doc.meta.subtitle, "the subtitle");
    info.author = fitting(doc.meta.organization, "the organization");
    info.creator = "chronik";
    // The categories as keywords, as many as a PDF string holds.
    for (const auto& k : doc.meta.keywords) {
        if (info.keywords.size() + 2 + k.size() > PdfWriter::max_string_bytes())
            break;
        info.keywords += (info.keywords.empty() ? "" : ", ") + k;
    }
    const CivilTime t = civil_time(doc.meta.epoch);
    info.created = DocumentInfo::Date{t.year, t.month, t.day, t.hour, t.minute, t.second};
    info.modified = info.created;
    writing("the document info (title '" + shown(info.title) + "')", [&] { pdf.set_info(info); });
    writing("the language '" + doc.meta.language + "'",
            [&] { pdf.set_language(doc.meta.language); });
    return info;
}

} // namespace

namespace {

// fontconfig's configuration takes 3 to 5 ms to load: on another thread,
// while the input is read.
class FontConfiguration final : public Preparation {
    text::FontConfigurationAhead loading_;
};

} // namespace

std::unique_ptr<Preparation> PdfRenderer::prepare() const {
    return std::make_unique<FontConfiguration>();
}

void PdfRenderer::render(const model::Document& doc, const style::Style& style,
                         const Target& target, std::ostream& out, Diagnostics& diags) const {
    StringLimits(doc).check();
    check_standards_input(doc, target.pdf_standards, diags);
    try {
        // Before the layout can start, fontconfig's configuration must be
        // loaded (3 to 5 ms; prepare() may have started it) and the
        // hyphenation patterns laid out (2 to 3 ms): side by side.
        PdfWriter pdf;
        auto fontconfig = std::async(std::launch::async, [] { text::load_font_configuration(); });
        PageTree tree;
        std::optional<FontSet> fonts;
        try {
            const auto hyphenation = text::Hyphenator::for_language(doc.meta.language);
            fontconfig.get();
            fonts.emplace();
            const design::Design* design = design::find_design(style.design);
            if (!design)
                throw std::runtime_error("no design named '" + style.design + "'");
            tree = design->lay_out({doc, style, *fonts, hyphenation.get(), diags,
                                    std::max(1u, std::thread::hardware_concurrency()),
                                    target.pdf_standards.print() ? mm(style.print.bleed) : 0,
                                    target.pdf_standards.print()});
            // The text stage measures any outlines; this writer embeds only TrueType.
            for (std::size_t id = 0; id < fonts->size(); ++id)
                if (const auto& face = fonts->at(static_cast<int>(id)); !face.is_truetype())
                    throw std::runtime_error("font '" + face.family() + "' (" + face.path() +
                                             ") has no TrueType outlines; chronik can embed "
                                             "only TrueType fonts");
        } catch (...) {
            if (fontconfig.valid())
                fontconfig.wait();
            throw;
        }
        // The print PDF's colours are the output profile's inks (print_colour.hpp).
        PrintColours colours = target.pdf_standards.print()
                                   ? PrintColours(PrintColours::profile_for(style.print))
                                   : PrintColours();
        // The print PDF: its pages are final once a booklet is padded; the
        // preflight reads them as they will be painted, in the inks painted.
        if (target.pdf_standards.print()) {
            preflight::pad_booklet(tree, style, diags);
            preflight::check({tree, doc, style,
                              [&colours](const style::Color& c) {
                                  const auto v = colours.paint(c).values;
                                  return preflight::Inks{v[0], v[1], v[2], v[3]};
                              },
                              diags});
        }
        const DocumentInfo info = set_info(pdf, doc);
        if (colours.print()) {
            const PrintCondition condition{style.print, colours.profile()->icc()};
            apply_standards(pdf, target.pdf_standards, doc, info, &condition);
        } else {
            apply_standards(pdf, target.pdf_standards, doc, info);
        }
        ImagePolicy images;
        images.print = target.pdf_standards.print();
        images.resolution = style.images;
        // Photos::Convert: RGB pictures in the output profile's inks.
        if (images.print && style.print.photos == style::Print::Photos::Convert)
            images.to_cmyk = [profile = colours.profile()](std::string_view rgb,
                                                           std::string_view icc) {
                return profile->cmyk_pixels(rgb, icc);
            };
        Painter painter(pdf, *fonts, std::move(colours), std::move(images),
                        frame_of(style, target.pdf_standards.print()));
        painter.paint(tree);
        painter.embed_fonts();
        if (target.report)
            target.report->pages = static_cast<int>(tree.pages.size());
        // A long document's page tree takes a while to free: meanwhile the
        // file is written.
        std::future<void> freed;
        if (tree.pages.size() > 50)
            freed = std::async(std::launch::async, [gone = std::move(tree)]() mutable {
                PageTree{}.pages.swap(gone.pages);
            });
        writing("the PDF file", [&] { pdf.save(out); });
        if (freed.valid())
            freed.get();
    } catch (const ImageFailure& e) {
        throw Failure(Diagnostic{Severity::Error, doc.meta.source, e.line, 0, e.what()});
    } catch (const std::runtime_error& e) {
        throw Failure(Diagnostic{Severity::Error, doc.meta.source, 0, 0, e.what()});
    }
}

} // namespace chronik::render::pdf
