#include "brochure_design.hpp"

#include "design/paragraph_styles.hpp"
#include "layout/galley.hpp"
#include "model/overloaded.hpp"
#include "style/roles.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace chronik::design {

namespace {

using layout::BreakBefore;
using layout::Length;
using layout::mm;
using layout::pt;
using style::Role;

// The marks a slice may carry on the rail (Slice::mark).
enum Mark : int { NoMark = 0, PeriodMark = 1, MilestoneMark = 2 };

// The measures every part of the brochure shares, from the style sheet.
struct BrochureMeasures {
    layout::PageGeometry page;
    Length width = 0, area_h = 0;  // the text area
    Length rail_w = 0, rail_x = 0; // the timeline column, and its rule's x in it
    Length column_w = 0;           // the text right of the rail
    Length title_bar_w = 0;
    Length one_liner_date_w = 0;
    long long title_position = 0;   // per mille of the text area's height
    long long image_max_height = 0; // per mille of the text area's height
    double image_dpi = 150;
    style::Color accent;
    Length bleed = 0;              // print: how far elements that run off the page go past it
    long long cover_height = 0;    // per mille of the page's height
    Length logo_w = 0, logo_h = 0; // the logo's largest size
    bool cover_bleeds = true;      // the cover photo runs off the page (else framed)

    BrochureMeasures(const style::Style& s, Length bleed_, bool print)
        : page(layout::geometry_of(s.page)), bleed(bleed_) {
        width = page.text_width();
        area_h = page.text_height();
        const double rail = style::tunable(s, "rail-width");
        // Automatic: about a tenth of the measure.
        rail_w = rail > 0 ? mm(rail) : std::clamp<Length>(width / 11, mm(9), mm(16));
        rail_x = rail_w * 2 / 5;
        column_w = width - rail_w;
        title_bar_w = mm(style::tunable(s, "title-bar-width"));
        one_liner_date_w =
            std::min<Length>(mm(style::tunable(s, "one-liner-date-width")), column_w / 3);
        title_position = style::tunable_per_mille(s, style::tune::title_position);
        image_max_height = style::tunable_per_mille(s, style::tune::image_max_height);
        image_dpi = style::tunable(s, style::tune::image_dpi);
        if (print) // a picture the size it needs to print sharp, at most
            image_dpi = std::max(image_dpi, s.images.print_ppi);
        accent = s.role(Role::MilestoneDate).color;
        cover_height = style::tunable_per_mille(s, "cover-height");
        logo_w = mm(style::tunable(s, "logo-width"));
        logo_h = mm(style::tunable(s, "logo-height"));
        cover_bleeds = s.print.cover == style::Print::Cover::Bleed;
    }
};

// The page item for `img` shown at x, y, w, h (its shown aspect ratio).
layout::ImageItem image_item(const model::Image& img, Length x, Length y, Length w, Length h,
                             layout::Tag tag) {
    layout::ImageItem item{x,        y,  w, h, img.bytes, img.format == model::Image::Format::Png,
                           img.path, tag};
    item.orientation = img.orientation;
    item.width_px = img.width_px;
    item.height_px = img.height_px;
    item.line = img.line;
    return item;
}

// `img` filling the box x, y, w, h: scaled to cover it, centred, clipped to it.
layout::ImageItem covering(const model::Image& img, Length x, Length y, Length w, Length h,
                           layout::Tag tag) {
    const int pw = img.shown_width_px(), ph = img.shown_height_px();
    Length dw = w, dh = h;
    // Wider than the box (in proportion): as tall as the box, cut at the sides.
    if (static_cast<long long>(pw) * h > static_cast<long long>(ph) * w)
        dw = h * pw / std::max(1, ph);
    else
        dh = w * ph / std::max(1, pw);
    auto item = image_item(img, x - (dw - w) / 2, y - (dh - h) / 2, dw, dh, tag);
    item.clip_x = x;
    item.clip_y = y;
    item.clip_w = w;
    item.clip_h = h;
    return item;
}

// Where a TOC line's page number goes (Slice::tag indexes these).
struct TocTarget {
    Length label_end;     // x where the label's last line ends
    Length last_baseline; // of the label's last line, from the slice's top
    int reference;        // the structure element of its page number
};

// Sets the brochure's blocks into slices on a galley: roles, positions,
// keeps between a heading and its first milestone, the one-liners' two
// columns, picture sizes.
class BrochureSetter final : public layout::BlockWalker {
public:
    BrochureSetter(const model::Document& doc, const style::Style& style, const BrochureMeasures& m,
                   layout::Galley& galley)
        : doc_(doc), style_(style), m_(m), g_(galley) {}

    void block(std::size_t i) override {
        std::visit(model::overloaded{
                       [&](const model::Paragraph& p) { paragraph(p); },
                       [&](const model::Heading& h) { heading(h); },
                       [&](const model::DatedEntry& e) { entry(e); },
                       [&](const model::Image& img) { image(img); },
                       [&](const model::TableOfContents& t) { toc(t); },
                       [&](const model::PageBreak&) {
                           front_ = false;
                           force_page_ = true;
                           pending_after_ = 0;
                       },
                   },
                   doc_.blocks[i]);
    }

    const std::vector<std::string>& periods() const { return periods_; }
    const std::vector<TocTarget>& toc_targets() const { return toc_targets_; }
    const std::vector<layout::OutlineEntry>& outline() const { return outline_; }

private:
    // `element`: the structure element the paragraph's text belongs to.
    void add_paragraph(const model::Inlines& content, Role role, Length x, Length width,
                       bool keep_with_previous, int element, Mark mark = NoMark,
                       const std::string& anchor = {}, bool space_at_end = false) {
        const auto ps = paragraph_style(style_, role);
        const auto set = g_.set(content, ps, width);
        const auto& t = style_.role(role);
        auto& slices = g_.slices();
        const std::size_t first = g_.add_lines(set, ps, x, pending_after_ + pt(t.space_before),
                                               keep_with_previous, element, space_at_end);
        for (std::size_t k = first; k < slices.size(); ++k)
            slices[k].group = period_;
        if (first < slices.size()) {
            auto& s = slices[first];
            s.mark = mark;
            s.mark_y = layout::baseline_in_leading(g_.fonts(), ps) - ps.size * 3 / 10;
            if (!anchor.empty())
                s.anchors.push_back({anchor, 0});
            if (force_page_) {
                s.before = BreakBefore::Page;
                force_page_ = false;
            }
        }
        pending_after_ = pt(t.space_after);
    }

    void paragraph(const model::Paragraph& p) {
        last_was_one_liner_ = false;
        list_ = -1;
        const Role role = style::role_of(p.role);
        switch (p.role) {
        case model::Role::Title:
            if (front_ && style_.title_page) {
                // The title block sits part of the way down the title page, under a bar,
                // and below the cover photo if there is one.
                layout::Slice spacer;
                spacer.height = m_.area_h * m_.title_position / 1000;
                if (!doc_.front.cover.path.empty())
                    spacer.height = std::max(spacer.height, cover(spacer) + mm(14));
                if (m_.title_bar_w > 0)
                    spacer.items.push_back(layout::RectItem{0, spacer.height - pt(24),
                                                            m_.title_bar_w, pt(4), m_.accent});
                g_.add(std::move(spacer));
                pending_after_ = 0;
            }
            [[fallthrough]];
        case model::Role::Subtitle:
        case model::Role::Organization:
            if (p.role == model::Role::Organization && front_ && !doc_.front.logo.path.empty())
                logo();
            add_paragraph(p.content, role, 0, m_.width, true,
                          g_.element(p.role == model::Role::Title ? "H1" : "P"));
            break;
        case model::Role::Intro:
            add_paragraph(p.content, role, 0, m_.width, false, g_.element("P"));
            break;
        case model::Role::Body: {
            // An entry that shows neither date nor title puts its marker
            // (and link target) on its first line.
            const Mark mark = pending_marker_ ? MilestoneMark : NoMark;
            const std::string anchor = pending_marker_ ? pending_anchor_ : std::string();
            pending_marker_ = false;
            add_paragraph(p.content, role, m_.rail_w, m_.column_w, entry_open_,
                          g_.element("P", sect_), mark, anchor);
            entry_open_ = false;
            break;
        }
        }
    }

    void heading(const model::Heading& h) {
        last_was_one_liner_ = false;
        ++period_;
        periods_.push_back(model::plain_text(h.content));
        if (h.level == 1)
            outline_.push_back({model::plain_text(h.content), h.id});
        // A period is a section: its heading (H2, under the title's H1),
        // then its milestones (H3 and their paragraphs, or a list).
        list_ = -1;
        sect_ = g_.element("Sect");
        add_paragraph(h.content, Role::PeriodHeading, m_.rail_w, m_.column_w, false,
                      g_.element("H2", sect_), PeriodMark, h.id);
        heading_open_ = true;
    }

    void entry(const model::DatedEntry& e) {
        const bool keep = heading_open_;
        heading_open_ = false;
        if (!e.has_body) {
            one_liner(e, keep);
            return;
        }
        last_was_one_liner_ = false;
        list_ = -1;
        Mark mark = MilestoneMark;
        bool chained = keep;
        // Date and title are the milestone's heading, one H3.
        const int head = e.date_is_redundant && e.title.empty() ? -1 : g_.element("H3", sect_);
        if (!e.date_is_redundant) {
            add_paragraph(text_inlines(e.date_label, e.line), Role::MilestoneDate, m_.rail_w,
                          m_.column_w, chained, head, mark, e.id, !e.title.empty());
            mark = NoMark;
            chained = true;
        }
        if (!e.title.empty()) {
            add_paragraph(e.title, Role::MilestoneTitle, m_.rail_w, m_.column_w, chained, head,
                          mark, mark == NoMark ? std::string() : e.id);
            mark = NoMark;
            chained = true;
        }
        entry_open_ = chained;
        if (mark != NoMark) {
            // Neither date nor title shown: the first body line carries the marker.
            pending_marker_ = true;
            pending_anchor_ = e.id;
            entry_open_ = keep;
        }
    }

    // A dated one-liner: the date in its own column, the title beside it.
    void one_liner(const model::DatedEntry& e, bool keep) {
        const auto ds = paragraph_style(style_, Role::MilestoneDate);
        // Room for a few letters of the date however large its size (up to
        // half the column).
        const Length date_w =
            std::max(m_.one_liner_date_w, std::min(3 * ds.size + pt(6), m_.column_w / 2));
        const auto ts = paragraph_style(style_, Role::Body);
        const auto date = g_.set(text_inlines(e.date_label, e.line), ds, date_w - pt(6));
        auto title_style = ts;
        title_style.align = style::Align::Left;
        const auto title = g_.set(e.title, title_style, m_.column_w - date_w);
        const Length tall = std::max(
            ts.leading * static_cast<Length>(std::max<std::size_t>(1, title.lines.size())),
            ts.leading +
                ds.leading * static_cast<Length>(std::max<std::size_t>(1, date.lines.size()) - 1));
        // Dated one-liners in a row are a list (L): each an LI with the
        // date as its label (Lbl) and the title as its body (LBody).
        if (!last_was_one_liner_ || list_ < 0)
            list_ = g_.element("L", sect_);
        const int item = g_.element("LI", list_);
        const int label = g_.element("Lbl", item);
        const int body = g_.element("LBody", item);
        if (tall > m_.area_h) {
            // Side by side it would not fit on a page (its foot would be set
            // below it): date and title as paragraphs of their own, which
            // break across pages.
            add_paragraph(text_inlines(e.date_label, e.line), Role::MilestoneDate, m_.rail_w,
                          m_.column_w, keep, label, MilestoneMark, e.id, true);
            add_paragraph(e.title, Role::Body, m_.rail_w, m_.column_w, true, body);
            last_was_one_liner_ = false;
            list_ = -1;
            return;
        }
        const Length baseline = layout::baseline_in_leading(g_.fonts(), ts);
        layout::Slice s;
        s.group = period_;
        s.before = keep ? BreakBefore::Avoid : BreakBefore::Allowed;
        const bool first_in_list = !last_was_one_liner_;
        s.space_before = first_in_list
                             ? pending_after_ + pt(style_.role(Role::MilestoneDate).space_before)
                             : ts.leading / 5;
        s.mark = MilestoneMark;
        s.mark_y = baseline - ts.size * 3 / 10;
        s.anchors.push_back({e.id, 0});
        Length y = baseline;
        for (const auto& line : date.lines) {
            for (const auto& p : line.pieces)
                s.items.push_back(layout::TextItem{m_.rail_w + p.x, y, p.text, p.face, p.size,
                                                   p.color, p.scale, layout::Tag::content(label),
                                                   p.space_after || &line == &date.lines.back()});
            y += ds.leading;
        }
        y = baseline;
        for (const auto& line : title.lines) {
            for (const auto& p : line.pieces)
                s.items.push_back(layout::TextItem{
                    m_.rail_w + date_w + p.x, y, p.text, p.face, p.size, p.color, p.scale,
                    layout::Tag::content(body), p.space_after, layout::language_of(p.lang)});
            y += ts.leading;
        }
        s.height = tall; // the date's first line shares the title's baseline
        g_.add(std::move(s));
        pending_after_ = pt(style_.role(Role::Body).space_after);
        last_was_one_liner_ = true;
    }

    // A milestone's picture with its caption: one figure, which the pager
    // keeps together and may float to the next page's top (pager.hpp). As
    // wide as the chronicle asks (the column, or the whole text width over
    // the rail), else its pixels at image-dpi up to the column; never taller
    // than image-max-height, nor than a page can hold with its caption.
    void image(const model::Image& img) {
        const int pw = img.shown_width_px(), ph = img.shown_height_px();
        const bool wide = img.width == model::Image::Width::Text;
        const Length x = wide ? 0 : m_.rail_w;
        const Length measure = wide ? m_.width : m_.column_w;
        Length w = measure;
        if (img.width == model::Image::Width::Auto)
            w = std::min(w, pt(pw * 72.0 / m_.image_dpi)); // small pictures are not blown up
        Length h = w * ph / std::max(1, pw);
        const Length max_h = m_.area_h * m_.image_max_height / 1000;
        if (h > max_h) {
            w = w * max_h / h;
            h = max_h;
        }
        const int figure = ++figures_;
        layout::Slice s;
        s.height = h;
        s.group = period_;
        s.space_before = pending_after_ + pt(6);
        // The first thing under a milestone's heading keeps with it.
        s.before = entry_open_ ? BreakBefore::Avoid : BreakBefore::Allowed;
        entry_open_ = false;
        s.float_id = figure;
        const std::size_t at = g_.slices().size();
        // Centred in a wide figure's measure when narrower than it.
        s.items.push_back(image_item(img, x + (measure - w) / 2 * (wide ? 1 : 0), 0, w, h,
                                     picture_tag(img, sect_)));
        g_.add(std::move(s));
        pending_after_ = pt(3);
        if (!img.caption.empty())
            add_paragraph(img.caption, Role::Caption, x, measure, true,
                          g_.element("Caption", sect_));
        auto& slices = g_.slices();
        Length total = 0;
        for (std::size_t k = at; k < slices.size(); ++k) {
            slices[k].float_id = figure;
            total += (k > at ? slices[k].space_before : 0) + slices[k].height;
        }
        // With its caption taller than a page: the picture gives way.
        if (total > m_.area_h && h > 0) {
            const Length fit = std::max<Length>(h - (total - m_.area_h), h / 10);
            auto& item = std::get<layout::ImageItem>(slices[at].items.front());
            item.width = item.width * fit / h;
            item.height = fit;
            slices[at].height = fit;
        }
    }

    // The title page's cover photo, into the spacer above the title: running
    // off the page at the top and the sides (into the bleed), or framed at
    // the top of the text area. Returns its foot, from the text area's top.
    Length cover(layout::Slice& spacer) {
        const auto& img = doc_.front.cover;
        const layout::Tag tag = picture_tag(img, -1);
        const int pw = img.shown_width_px(), ph = img.shown_height_px();
        if (m_.cover_bleeds) {
            // The first page is recto: its text area starts at the inner margin.
            const Length x = -m_.page.inner - m_.bleed, y = -m_.page.top - m_.bleed;
            const Length w = m_.page.width + 2 * m_.bleed;
            const Length h = m_.page.height * m_.cover_height / 1000 + m_.bleed;
            spacer.items.push_back(covering(img, x, y, w, h, tag));
            return y + h;
        }
        const Length w = m_.width;
        const Length h = std::min<Length>(w * ph / std::max(1, pw),
                                          m_.page.height * m_.cover_height / 1000 - m_.page.top);
        spacer.items.push_back(covering(img, 0, 0, w, std::max<Length>(h, mm(10)), tag));
        return std::max<Length>(h, mm(10));
    }

    // The organisation's logo, above its name on the title page.
    void logo() {
        const auto& img = doc_.front.logo;
        const int pw = img.shown_width_px(), ph = img.shown_height_px();
        Length h = m_.logo_h;
        Length w = h * pw / std::max(1, ph);
        if (w > m_.logo_w) {
            w = m_.logo_w;
            h = w * ph / std::max(1, pw);
        }
        layout::Slice s;
        s.height = h;
        s.space_before = pending_after_ + pt(6);
        s.before = BreakBefore::Avoid;
        s.items.push_back(image_item(img, 0, 0, w, h, picture_tag(img, -1)));
        g_.add(std::move(s));
        pending_after_ = pt(8);
    }

    // A picture with a description is a Figure; one with alt="" is
    // decoration, an artifact.
    layout::Tag picture_tag(const model::Image& img, int parent) {
        if (img.alt.empty())
            return layout::Tag::layout();
        const layout::Tag tag = layout::Tag::content(g_.element("Figure", parent));
        g_.structure().back().alt = img.alt;
        return tag;
    }

    void toc(const model::TableOfContents& t) {
        add_paragraph(text_inlines(t.title), Role::PeriodHeading, 0, m_.width, false,
                      g_.element("H2"));
        // The contents: a TOC of TOCIs, each its label as a Link and its
        // page number as a Reference.
        const int contents = g_.element("TOC");
        const auto ts = paragraph_style(style_, Role::Toc);
        const Length number_w = g_.fonts().at(g_.fonts().face(ts.font)).width("0000", ts.size);
        bool first = true;
        for (const auto& b : doc_.blocks) {
            const auto* h = std::get_if<model::Heading>(&b);
            if (!h || h->level != 1)
                continue;
            auto style = ts;
            style.align = style::Align::Left;
            // At least an em for the label, however narrow the page (the
            // number then overprints its end rather than push it off).
            const auto set =
                g_.set(h->content, style, std::max(m_.width - number_w - mm(10), ts.size));
            const Length baseline = layout::baseline_in_leading(g_.fonts(), ts);
            const int entry = g_.element("TOCI", contents);
            const layout::Tag link = layout::Tag::content(g_.element("Link", entry));
            const int reference = g_.element("Reference", entry);
            layout::Slice s;
            s.group = -1;
            s.before = first ? BreakBefore::Avoid : BreakBefore::Allowed;
            s.space_before = first ? pending_after_ : 0;
            // An entry taller than the text area (a large contents size):
            // its lines but the last as slices of their own, kept together,
            // so none is set below the page.
            const bool tall = ts.leading * static_cast<Length>(set.lines.size()) > m_.area_h;
            for (std::size_t k = 0; tall && k + 1 < set.lines.size(); ++k) {
                layout::Slice line = s;
                line.height = ts.leading;
                for (const auto& p : set.lines[k].pieces)
                    line.items.push_back(layout::TextItem{p.x, baseline, p.text, p.face, p.size,
                                                          p.color, p.scale, link, true,
                                                          layout::language_of(p.lang)});
                line.items.push_back(
                    layout::LinkItem{0, 0, m_.width, line.height, {}, h->id, link});
                g_.add(std::move(line));
                s.before = BreakBefore::Avoid;
                s.space_before = 0;
            }
            const std::size_t from = tall ? set.lines.size() - 1 : 0;
            Length y = baseline;
            Length end = 0;
            for (std::size_t k = from; k < set.lines.size(); ++k) {
                for (const auto& p : set.lines[k].pieces) {
                    s.items.push_back(layout::TextItem{p.x, y, p.text, p.face, p.size, p.color,
                                                       p.scale, link, true,
                                                       layout::language_of(p.lang)});
                    end = p.x + p.width;
                }
                y += ts.leading;
            }
            s.height =
                ts.leading * static_cast<Length>(std::max<std::size_t>(1, set.lines.size() - from));
            s.items.push_back(layout::LinkItem{0, 0, m_.width, s.height, {}, h->id, link});
            s.tag = static_cast<int>(toc_targets_.size());
            s.page_ref = h->id;
            toc_targets_.push_back({end, y - ts.leading, reference});
            g_.add(std::move(s));
            first = false;
        }
        pending_after_ = pt(style_.role(Role::Toc).space_after);
    }

    const model::Document& doc_;
    const style::Style& style_;
    const BrochureMeasures& m_;
    layout::Galley& g_;
    std::vector<layout::OutlineEntry> outline_;
    std::vector<std::string> periods_;
    std::vector<TocTarget> toc_targets_;
    Length pending_after_ = 0;
    bool front_ = true; // before the first page break: the title block
    bool force_page_ = false;
    bool heading_open_ = false; // a heading waits for its first milestone
    bool entry_open_ = false;   // an entry head waits for its body
    bool pending_marker_ = false;
    std::string pending_anchor_;
    bool last_was_one_liner_ = false;
    int period_ = -1;
    int sect_ = -1; // the structure element of the current period
    int list_ = -1; // of the current list of one-liners
    int figures_ = 0;
};

// What the brochure draws around the text on each page: the rail and its
// markers, the TOC's page numbers and dot leaders, running head and page
// number (none on the title page).
class BrochureFurniture final : public layout::PageDecorator {
public:
    BrochureFurniture(const model::Document& doc, const style::Style& style,
                      const BrochureMeasures& m, text::FontSet& fonts,
                      const std::optional<BrochureSetter>& setter)
        : doc_(doc), style_(style), m_(m), fonts_(fonts), setter_(setter) {}

    void begin(layout::PageInProgress& at) override {
        period_at_top_ = at.placed.empty()
                             ? current_period_
                             : std::max(current_period_, at.slices[at.placed.front().slice].group);
        draw_rail(at);
    }

    void placed(layout::PageInProgress& at, const layout::PlacedSlice& ps) override {
        const auto& s = at.slices[ps.slice];
        current_period_ = std::max(current_period_, s.group);
        if (s.tag >= 0)
            toc_number(at, s, ps.y);
    }

    void end(layout::PageInProgress& at) override {
        draw_markers(at);
        if (!(style_.title_page && at.index == 0))
            running_head(at);
        else
            at.page.number = 0;
    }

private:
    void toc_number(layout::PageInProgress& at, const layout::Slice& s, Length y) {
        const auto& target = setter_->toc_targets().at(static_cast<std::size_t>(s.tag));
        const int page = at.page_of(s.page_ref);
        if (page == 0)
            return;
        const auto ts = paragraph_style(style_, Role::Toc);
        const int face = fonts_.face(ts.font);
        const std::string number = std::to_string(page);
        const Length w = fonts_.at(face).width(number, ts.size);
        const Length baseline_y = y + target.last_baseline;
        const Length left = at.left;
        at.page.items.push_back(layout::TextItem{left + m_.width - w, baseline_y, number, face,
                                                 ts.size, ts.color, 1000,
                                                 layout::Tag::content(target.reference)});
        // Dot leaders on a fixed grid, so the dots of all lines align.
        const Length step = pt(4); // whole points: the painter's dash patterns are integers
        const Length from = target.label_end + pt(6);
        const Length to = m_.width - w - pt(6);
        const Length first = (from / step + 1) * step;
        if (first <= to)
            at.page.items.push_back(layout::LineItem{left + first, baseline_y - pt(1), left + to,
                                                     baseline_y - pt(1), pt(1), ts.color, step});
    }

    void draw_rail(layout::PageInProgress& at) {
        // One segment per period on this page, from its heading's marker (or
        // the top of the text area) to its last slice (or the bottom, when
        // the period goes on).
        const Length top = m_.page.top;
        std::map<int, std::pair<Length, Length>> span;
        for (const auto& ps : at.placed) {
            const auto& s = at.slices[ps.slice];
            if (s.group < 0)
                continue;
            auto [it, fresh] = span.emplace(s.group, std::pair<Length, Length>{top, 0});
            if (s.mark == PeriodMark)
                it->second.first = ps.y + s.mark_y;
            it->second.second = ps.y + s.height;
        }
        const style::Color rail = blend(m_.accent, 0.35);
        const Length x = at.left + m_.rail_x;
        for (auto& [period, ys] : span) {
            bool goes_on = false;
            if (at.next)
                for (const auto& ps : *at.next)
                    goes_on = goes_on || at.slices[ps.slice].group == period;
            const Length y_to = goes_on ? top + m_.area_h : ys.second;
            at.page.items.push_back(layout::LineItem{x, ys.first, x, y_to, pt(0.9), rail});
        }
    }

    void draw_markers(layout::PageInProgress& at) {
        const Length x = at.left + m_.rail_x;
        const style::Color white{255, 255, 255};
        for (const auto& ps : at.placed) {
            const auto& s = at.slices[ps.slice];
            const Length cy = ps.y + s.mark_y;
            if (s.mark == PeriodMark) {
                at.page.items.push_back(layout::CircleItem{x, cy, pt(4.2), m_.accent, true, 0});
                at.page.items.push_back(layout::CircleItem{x, cy, pt(1.6), white, true, 0});
            } else if (s.mark == MilestoneMark) {
                at.page.items.push_back(layout::CircleItem{x, cy, pt(2.6), white, true, 0});
                at.page.items.push_back(
                    layout::CircleItem{x, cy, pt(2.6), m_.accent, false, pt(1.1)});
            }
        }
    }

    void running_head(layout::PageInProgress& at) {
        auto& page = at.page;
        const Length left = at.left;
        const auto hs = paragraph_style(style_, Role::Header);
        const auto fs = paragraph_style(style_, Role::Footer);
        const int hface = fonts_.face(hs.font);
        const int fface = fonts_.face(fs.font);
        const Length header_y = m_.page.top * 5 / 10;
        const layout::Tag header{-1, layout::Artifact::Header}; // pagination artifacts
        const std::string* label =
            period_at_top_ >= 0 ? &setter_->periods().at(static_cast<std::size_t>(period_at_top_))
                                : nullptr;
        const Length label_width = label ? fonts_.at(hface).width(*label, hs.size) : 0;
        // The title repeats the cover's: on a page too narrow for it and the
        // label, an em apart, it is left out rather than set over the label
        // or off the page.
        if (fonts_.at(hface).width(doc_.meta.title, hs.size) +
                (label ? label_width + hs.size : 0) <=
            m_.width)
            page.items.push_back(layout::TextItem{left, header_y, doc_.meta.title, hface, hs.size,
                                                  hs.color, 1000, header, label != nullptr});
        // A label wider than the measure starts at its left edge, not off
        // the page.
        if (label)
            page.items.push_back(
                layout::TextItem{left + std::max<Length>(m_.width - label_width, 0), header_y,
                                 *label, hface, hs.size, hs.color, 1000, header});
        page.items.push_back(layout::LineItem{left, header_y + pt(4), left + m_.width,
                                              header_y + pt(4), pt(0.4), blend(hs.color, 0.5), 0,
                                              header});
        const std::string number = std::to_string(page.number);
        const Length w = fonts_.at(fface).width(number, fs.size);
        const Length footer_y = m_.page.height - m_.page.bottom * 5 / 10;
        Length x = left + (m_.width - w) / 2;
        if (style_.role(Role::Footer).align == style::Align::Left)
            x = left;
        else if (style_.role(Role::Footer).align == style::Align::Right)
            x = left + m_.width - w;
        page.items.push_back(layout::TextItem{
            x, footer_y, number, fface, fs.size, fs.color, 1000, {-1, layout::Artifact::Footer}});
    }

    const model::Document& doc_;
    const style::Style& style_;
    const BrochureMeasures& m_;
    text::FontSet& fonts_;
    const std::optional<BrochureSetter>& setter_; // set once the walk began
    int current_period_ = -1;
    int period_at_top_ = -1;
};

} // namespace

layout::PageTree BrochureDesign::lay_out(const Inputs& in) const {
    warn_without_hyphenator(in);
    const BrochureMeasures m(in.style, in.bleed, in.print);
    // The layout's setter lives here, so the furniture can read what it
    // collected (periods, TOC targets); the helper thread's is the engine's.
    std::optional<BrochureSetter> main;
    BrochureFurniture furniture(in.doc, in.style, m, in.fonts, main);
    struct Borrowed final : layout::BlockWalker {
        layout::BlockWalker& to;
        explicit Borrowed(layout::BlockWalker& w) : to(w) {}
        void block(std::size_t i) override { to.block(i); }
    };
    layout::EngineRun run{in.doc,
                          in.fonts,
                          in.hyphenator,
                          in.diags,
                          m.page,
                          in.threads,
                          [&](layout::Galley& g) -> std::unique_ptr<layout::BlockWalker> {
                              if (&g.fonts() != &in.fonts)
                                  return std::make_unique<BrochureSetter>(in.doc, in.style, m, g);
                              main.emplace(in.doc, in.style, m, g);
                              return std::make_unique<Borrowed>(*main);
                          },
                          &furniture,
                          &in.style};
    auto tree = layout::lay_out(run);
    tree.outline = main->outline();
    return tree;
}

} // namespace chronik::design
