#include "pdf_renderer.hpp"

#include "content_stream.hpp"
#include "hpdf_document.hpp"
#include "support/utf8.hpp"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include "design/design.hpp"
#include "text/font_config.hpp"
#include "text/hyphenator.hpp"
#include "model/overloaded.hpp"
#include "support/civil_time.hpp"

#include <algorithm>
#include <future>
#include <optional>
#include <thread>
#include <charconv>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace chronik::render::pdf {

namespace {

using namespace chronik::layout;
using text::FontFace;
using text::FontSet;

HPDF_REAL p(Length l) { return static_cast<HPDF_REAL>(to_pt(l)); }

// URIs in PDF are bytes: percent-encode everything outside printable ASCII.
std::string uri_bytes(const std::string& uri) {
    std::string out;
    for (unsigned char ch : uri) {
        if (ch > 0x20 && ch < 0x7F) {
            out += static_cast<char>(ch);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", ch);
            out += buf;
        }
    }
    return out;
}

// libharu refuses strings longer than HPDF_LIMIT_MAX_STRING_LEN bytes with a
// bare error code (0x105B): name what is too long instead.
std::string shown(const std::string& s) {
    if (s.size() <= 40)
        return s;
    std::size_t n = 40;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n; // not inside a UTF-8 sequence
    return s.substr(0, n) + "\u2026";
}

const std::string& fitting(const std::string& s, const std::string& what) {
    if (s.size() > HPDF_LIMIT_MAX_STRING_LEN)
        throw std::runtime_error(what + " is " + std::to_string(s.size()) +
                                 " bytes long; a PDF string holds at most " +
                                 std::to_string(HPDF_LIMIT_MAX_STRING_LEN) + " bytes");
    return s;
}

class Painter {
public:
    Painter(HpdfDocument& pdf, const FontSet& fonts) : pdf_(pdf), fonts_(fonts) {}

    void paint(const PageTree& tree) {
        for (const auto& page : tree.pages)
            pages_.push_back(add_page(page));
        // Anchors first (destinations), then links and the outline use them.
        for (std::size_t i = 0; i < tree.pages.size(); ++i)
            for (const auto& a : tree.pages[i].anchors)
                anchors_.emplace(a.id, std::pair{i, a.y});
        for (std::size_t i = 0; i < tree.pages.size(); ++i)
            draw(pages_[i], tree.pages[i]);
        for (const auto& o : tree.outline) {
            const auto it = anchors_.find(o.anchor);
            if (it == anchors_.end())
                continue;
            HPDF_Outline outline = pdf_.checked(
                "create outline",
                HPDF_CreateOutline(pdf_.get(), nullptr,
                                   fitting(o.title, "the bookmark '" + shown(o.title) + "'").c_str(),
                                   pdf_.utf8_encoder()));
            pdf_.check("set outline destination",
                       HPDF_Outline_SetDestination(outline, destination(it->second)));
        }
    }

private:
    HPDF_Page add_page(const Page& page) {
        HPDF_Page pg = pdf_.checked("add page", HPDF_AddPage(pdf_.get()));
        pdf_.check("set page width", HPDF_Page_SetWidth(pg, p(page.width)));
        pdf_.check("set page height", HPDF_Page_SetHeight(pg, p(page.height)));
        heights_.push_back(page.height);
        return pg;
    }

    HPDF_Destination destination(std::pair<std::size_t, Length> at) {
        HPDF_Page pg = pages_[at.first];
        HPDF_Destination d = pdf_.checked("create destination", HPDF_Page_CreateDestination(pg));
        const Length top = std::max<Length>(0, at.second - pt(12));
        pdf_.check("set destination", HPDF_Destination_SetFitH(d, p(heights_[at.first] - top)));
        return d;
    }

    // The page's content, written here and handed over in one piece
    // (content_stream.hpp); links become annotations.
    void draw(HPDF_Page pg, const Page& page) {
        const Length h = page.height;
        ContentStream cs;
        // Graphics first (rules, markers, images), then all text in one text object.
        for (const auto& item : page.items) {
            std::visit(model::overloaded{
                           [&](const TextItem&) {},
                           [&](const LineItem& l) {
                               cs.line_width(to_pt(l.thickness));
                               cs.stroke_color(l.color);
                               // Square dots: 1 pt dashes with whole-point gaps.
                               if (l.dots > 0)
                                   cs.dash(1, static_cast<int>(l.dots / 1000 - 1));
                               cs.line(to_pt(l.x1), to_pt(h - l.y1), to_pt(l.x2), to_pt(h - l.y2));
                               if (l.dots > 0)
                                   cs.solid();
                           },
                           [&](const RectItem& r) {
                               cs.fill_color(r.color);
                               cs.fill_rectangle(to_pt(r.x), to_pt(h - r.y - r.height), to_pt(r.width),
                                                 to_pt(r.height));
                           },
                           [&](const CircleItem& ci) {
                               if (ci.filled) {
                                   cs.fill_color(ci.fill);
                                   cs.circle(to_pt(ci.cx), to_pt(h - ci.cy), to_pt(ci.radius));
                                   cs.fill();
                               } else {
                                   cs.line_width(to_pt(ci.stroke));
                                   cs.stroke_color(ci.fill);
                                   cs.circle(to_pt(ci.cx), to_pt(h - ci.cy), to_pt(ci.radius));
                                   cs.stroke();
                               }
                           },
                           [&](const ImageItem& im) {
                               HPDF_Image img = pdf_.image(im.path, im.png);
                               const char* name = pdf_.checked("image", HPDF_Page_GetXObjectName(pg, img));
                               cs.image(name, to_pt(im.x), to_pt(h - im.y - im.height), to_pt(im.width),
                                        to_pt(im.height));
                           },
                           [&](const LinkItem& l) {
                               HPDF_Rect rect{p(l.x), p(h - l.y - l.height), p(l.x + l.width), p(h - l.y)};
                               HPDF_Annotation a = nullptr;
                               if (!l.uri.empty()) {
                                   const std::string uri = uri_bytes(l.uri);
                                   a = pdf_.checked("link", HPDF_Page_CreateURILinkAnnot(pg, rect, fitting(uri, "the link target '" + shown(l.uri) + "'").c_str()));
                               } else {
                                   const auto it = anchors_.find(l.destination);
                                   if (it == anchors_.end())
                                       return;
                                   a = pdf_.checked("link", HPDF_Page_CreateLinkAnnot(pg, rect, destination(it->second)));
                               }
                               pdf_.check("link border", HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0));
                           },
                       },
                       item);
        }
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
            if (t->face != face || t->size != size) {
                face = t->face;
                size = t->size;
                const char* name = pdf_.checked("set font", HPDF_Page_GetLocalFontName(pg, font(face)));
                cs.font(name, to_pt(size));
            }
            if (t->scale != scale) {
                scale = t->scale;
                cs.horizontal_scaling(scale / 10.0);
            }
            if (!have_color || !(t->color == color)) {
                color = t->color;
                have_color = true;
                cs.fill_color(color);
            }
            // The words of a line in one look become one TJ.
            std::size_t j = i + 1;
            while (j < items.size()) {
                const auto* n = std::get_if<TextItem>(&items[j]);
                if (!n || n->y != t->y || n->face != t->face || n->size != t->size ||
                    n->scale != t->scale || !(n->color == t->color) || n->x < t->x)
                    break;
                ++j;
            }
            show_line(cs, h, items, i, j);
            i = j - 1;
        }
        if (in_text)
            cs.end_text();
        pdf_.set_content(pg, cs.take());
    }

    // Writes text items [from, to) of one line as "x y Tm [<word> gap <word>] TJ":
    // one operator a line, where libharu (which has no TJ) would position
    // every word with its own Td. The characters shown are recorded for the
    // font's subset (HpdfDocument::shown). Codes are Unicode code points:
    // libharu's UTF-8 encoder maps CID = code point.
    void show_line(ContentStream& cs, Length page_height, const std::vector<PageItem>& items,
                   std::size_t from, std::size_t to) {
        const auto& first = std::get<TextItem>(items[from]);
        const FontFace& face = fonts_.at(first.face);
        std::vector<bool>& shown = pdf_.shown(font(first.face));
        cs.text_position(to_pt(first.x), to_pt(page_height - first.y));
        cs.raw('[');
        // Text-space advance per 1/1000 em unit: size x horizontal scaling.
        const double unit = to_pt(first.size) * first.scale / 1000.0 / 1000.0;
        double pen = to_pt(first.x);
        std::string codes;
        for (std::size_t k = from; k < to; ++k) {
            const auto& t = std::get<TextItem>(items[k]);
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
            codes += '>';
            cs.raw(codes);
            pen += static_cast<double>(advance) * unit;
        }
        cs.raw("] TJ\n");
    }

    HPDF_Font font(int face) {
        const auto i = static_cast<std::size_t>(face);
        if (font_handles_.size() <= i)
            font_handles_.resize(i + 1, nullptr);
        if (!font_handles_[i])
            font_handles_[i] = pdf_.font(fonts_.at(face).path());
        return font_handles_[i];
    }

    HpdfDocument& pdf_;
    const FontSet& fonts_;
    std::vector<HPDF_Page> pages_;
    std::vector<Length> heights_;
    std::unordered_map<std::string, std::pair<std::size_t, Length>> anchors_;
    std::vector<HPDF_Font> font_handles_; // by FontSet id
};

void set_info(HpdfDocument& pdf, const model::Document& doc) {
    auto attr = [&](HPDF_InfoType type, const std::string& value, const char* what) {
        if (!value.empty())
            pdf.check("set document info",
                      HPDF_SetInfoAttr(pdf.get(), type, fitting(value, what).c_str()));
    };
    attr(HPDF_INFO_TITLE, doc.meta.title, "the title");
    attr(HPDF_INFO_SUBJECT, doc.meta.subtitle, "the subtitle");
    attr(HPDF_INFO_AUTHOR, doc.meta.organization, "the organization");
    attr(HPDF_INFO_CREATOR, "chronik", "the creator");
    // The categories as keywords, as many as a PDF string holds.
    std::string keywords;
    for (const auto& k : doc.meta.keywords) {
        if (keywords.size() + 2 + k.size() > HPDF_LIMIT_MAX_STRING_LEN)
            break;
        keywords += (keywords.empty() ? "" : ", ") + k;
    }
    attr(HPDF_INFO_KEYWORDS, keywords, "the keywords");
    const CivilTime t = civil_time(doc.meta.epoch);
    HPDF_Date date{t.year, t.month, t.day, t.hour, t.minute, t.second, '+', 0, 0};
    pdf.check("set creation date", HPDF_SetInfoDateAttr(pdf.get(), HPDF_INFO_CREATION_DATE, date));
    pdf.check("set modification date", HPDF_SetInfoDateAttr(pdf.get(), HPDF_INFO_MOD_DATE, date));
    pdf.set_language(doc.meta.language);
}

} // namespace

namespace {

class FontConfiguration final : public Preparation {
public:
    FontConfiguration()
        : loading_(std::async(std::launch::async, [] {
              try {
                  text::load_font_configuration();
              } catch (const std::exception&) {
                  // render() tries again and reports it
              }
          })) {}

private:
    std::future<void> loading_; // its destructor waits
};

} // namespace

std::unique_ptr<Preparation> PdfRenderer::prepare() const {
    return std::make_unique<FontConfiguration>();
}

void PdfRenderer::render(const model::Document& doc, const style::Style& style,
                         const Target& target, std::ostream& out, Diagnostics& diags) const {
    try {
        // Before the layout can start, fontconfig's configuration must be
        // loaded (3 to 5 ms; prepare() may have started it) and the
        // hyphenation patterns laid out (2 to 3 ms): side by side. Then,
        // while the layout runs, libharu loads the faces every brochure
        // uses (it parses each TrueType file, a millisecond or two a face).
        // Only the helper touches `pdf` until it is joined; it loads in a
        // fixed order, so the output stays the same.
        HpdfDocument pdf;
        std::promise<void> configured;
        auto fontconfig = configured.get_future();
        auto loaded = std::async(std::launch::async, [&pdf, &style, &configured] {
            try {
                text::load_font_configuration();
            } catch (...) {
                configured.set_exception(std::current_exception());
                return;
            }
            configured.set_value();
            std::vector<std::string> done;
            for (const auto role : {style::Role::Body, style::Role::Title, style::Role::Header}) {
                const std::string path = text::font_file(style.role(role).font);
                if (path.empty() || std::find(done.begin(), done.end(), path) != done.end())
                    continue;
                done.push_back(path);
                pdf.font(path); // a font libharu cannot load fails the layout first, more clearly
            }
        });
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
                                    std::max(1u, std::thread::hardware_concurrency())});
            // The text stage measures any outlines; this writer embeds only TrueType.
            for (std::size_t id = 0; id < fonts->size(); ++id)
                if (const auto& face = fonts->at(static_cast<int>(id)); !face.is_truetype())
                    throw std::runtime_error("font '" + face.family() + "' (" + face.path() +
                                             ") has no TrueType outlines; chronik can embed "
                                             "only TrueType fonts");
        } catch (...) {
            loaded.wait();
            throw;
        }
        loaded.get();
        set_info(pdf, doc);
        Painter(pdf, *fonts).paint(tree);
        if (target.report)
            target.report->pages = static_cast<int>(tree.pages.size());
        // A long document's page tree takes a while to free: meanwhile the
        // file is written.
        std::future<void> freed;
        if (tree.pages.size() > 50)
            freed = std::async(std::launch::async, [gone = std::move(tree)]() mutable {
                PageTree{}.pages.swap(gone.pages);
            });
        pdf.save(out);
        if (freed.valid())
            freed.get();
    } catch (const std::runtime_error& e) {
        throw Failure(Diagnostic{Severity::Error, doc.meta.source, 0, 0, e.what()});
    }
}

} // namespace chronik::render::pdf
