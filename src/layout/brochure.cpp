#include "brochure.hpp"

#include "hyphenator.hpp"
#include "model/overloaded.hpp"
#include "pager.hpp"
#include "paragraph.hpp"
#include "prefetch.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace chronik::layout {

namespace {

using style::Role;

ParagraphStyle paragraph_style(const style::Style& s, Role r) {
    const auto& t = s.role(r);
    ParagraphStyle p;
    p.font = t.font;
    p.size = pt(t.size);
    p.leading = pt(t.leading);
    p.color = t.color;
    p.link_color = s.role(Role::MilestoneDate).color;
    p.align = t.align;
    p.hyphenate = t.hyphenate;
    return p;
}

model::Inlines text_inlines(const std::string& s) { return {model::Text{s, 0}}; }

bool same(const ParagraphStyle& a, const ParagraphStyle& b) {
    return a.font.family == b.font.family && a.font.bold == b.font.bold &&
           a.font.italic == b.font.italic && a.size == b.size && a.leading == b.leading &&
           a.color == b.color && a.link_color == b.link_color && a.align == b.align &&
           a.hyphenate == b.hyphenate && a.expansion == b.expansion;
}

class Builder {
public:
    Builder(const model::Document& doc, const style::Style& style, FontSet& fonts,
            const Hyphenator* hyphenator, Diagnostics& diags)
        : doc_(doc), style_(style), fonts_(fonts), diags_(diags), hyphenator_(hyphenator),
          ctx_{fonts, hyphenator, primary(doc.meta.language), doc.meta.source, diags, {}} {
        page_w_ = mm(style.page.width);
        page_h_ = mm(style.page.height);
        top_ = mm(style.page.margin_top);
        bottom_ = mm(style.page.margin_bottom);
        inner_ = mm(style.page.margin_inner);
        outer_ = mm(style.page.margin_outer);
        width_ = page_w_ - inner_ - outer_;
        area_h_ = page_h_ - top_ - bottom_;
        // The timeline column: about a tenth of the measure.
        rail_w_ = std::clamp<Length>(width_ / 11, mm(9), mm(16));
        rail_x_ = rail_w_ * 2 / 5;
        column_w_ = width_ - rail_w_;
        accent_ = style.role(Role::MilestoneDate).color;
        if (!hyphenator_ && std::any_of(style.roles.begin(), style.roles.end(),
                                        [](const auto& r) { return r.hyphenate; }))
            diags.warning(doc.meta.source, 0,
                          "no hyphenation dictionary for language '" + doc.meta.language +
                              "' is installed; text is not hyphenated");
    }

    PageTree build() {
        make_slices();
        const auto pages = paginate(slices_, top_, area_h_);
        if (pages.size() > max_pages)
            too_many_pages();
        return assemble(pages);
    }

private:
    static std::string primary(const std::string& tag) { return tag.substr(0, tag.find('-')); }

    // --- slices ----------------------------------------------------------------

    // Lines of a paragraph as slices at x within the text area.
    void add_paragraph(const model::Inlines& content, Role role, Length x, Length width,
                       bool keep_with_previous, Marker marker = Marker::None,
                       const std::string& anchor = {}) {
        const auto ps = paragraph_style(style_, role);
        const auto set = this->set(content, ps, width);
        const auto& t = style_.role(role);
        const int n = static_cast<int>(set.lines.size());
        const auto& face = fonts_.at(fonts_.face(ps.font));
        // Baseline inside the line's leading: centre the font's height.
        const Length asc = face.ascender() * ps.size / 1000;
        const Length desc = -face.descender() * ps.size / 1000;
        const Length baseline = (ps.leading - (asc + desc)) / 2 + asc;
        for (int k = 0; k < n; ++k) {
            Slice s;
            s.height = ps.leading;
            s.period = period_;
            if (k == 0) {
                s.space_before = pending_after_ + pt(t.space_before);
                s.before = keep_with_previous ? BreakBefore::Avoid : BreakBefore::Allowed;
                s.marker = marker;
                s.marker_y = baseline - ps.size * 3 / 10;
                if (!anchor.empty())
                    s.anchors.push_back({anchor, 0});
            } else {
                // No orphan (one line at a page's foot), no widow (one at its
                // top), and no page ending in a hyphenated word (TeX's
                // \brokenpenalty, made absolute).
                const bool broken = set.lines[static_cast<std::size_t>(k - 1)].hyphenated;
                s.before = (k >= 2 && n - k >= 2 && !broken) ? BreakBefore::Allowed
                                                             : BreakBefore::Avoid;
            }
            if (force_page_) {
                s.before = BreakBefore::Page;
                force_page_ = false;
            }
            const auto& pieces = set.lines[static_cast<std::size_t>(k)].pieces;
            for (std::size_t i = 0; i < pieces.size(); ++i) {
                const auto& p = pieces[i];
                s.items.push_back(
                    TextItem{x + p.x, baseline, p.text, p.face, p.size, p.color, p.scale});
                // A link's words on one line: one clickable area, one underline.
                if (!p.href.empty() && (i == 0 || pieces[i - 1].href != p.href)) {
                    std::size_t j = i;
                    while (j + 1 < pieces.size() && pieces[j + 1].href == p.href)
                        ++j;
                    add_link(s, x + p.x, baseline, pieces[j].x + pieces[j].width - p.x, p, ps);
                }
            }
            slices_.push_back(std::move(s));
        }
        pending_after_ = pt(t.space_after);
    }

    void add_link(Slice& s, Length x, Length baseline, Length width, const Piece& p,
                  const ParagraphStyle& ps) {
        // The clickable area spans ascender to descender.
        s.items.push_back(LinkItem{x, baseline - ps.size * 8 / 10, width, ps.size, p.href, {}});
        // A thin underline in the link colour, so the link reads as one.
        s.items.push_back(LineItem{x, baseline + ps.size / 10, x + width, baseline + ps.size / 10,
                                   pt(0.4), p.color});
    }

    void make_slices() {
        bool front = true; // before the first page break: the title block
        for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
            if (slots_) {
                ahead_ = slots_->take(i);
                ahead_next_ = 0;
            }
            block(i, front);
            // A page holds at most area_h_ of slices (a taller slice has a
            // page to itself): stop early when the slices so far cannot fit
            // into max_pages.
            for (; counted_ < slices_.size(); ++counted_)
                height_so_far_ += std::min(slices_[counted_].height, area_h_);
            if (height_so_far_ > area_h_ * static_cast<Length>(max_pages))
                too_many_pages();
        }
    }

    void block(std::size_t i, bool& front) {
        std::visit(model::overloaded{
                       [&](const model::Paragraph& p) { paragraph(p, front); },
                       [&](const model::Heading& h) { heading(h); },
                       [&](const model::DatedEntry& e) { entry(e); },
                       [&](const model::Image& img) { image(img); },
                       [&](const model::TableOfContents& t) { toc(t); },
                       [&](const model::PageBreak&) {
                           front = false;
                           force_page_ = true;
                           pending_after_ = 0;
                       },
                   },
                   doc_.blocks[i]);
    }

public:
    // Helper thread (prefetch.hpp): sets the paragraphs of the blocks dealt
    // to it and hands them over, until stopped. Its own slices stay empty.
    void prefetch(BlockSlots& slots) {
        helper_ = true;
        bool front = false;
        for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
            if (!BlockSlots::helpers(i))
                continue;
            if (!slots.claim(i)) {
                if (slots.stopped())
                    return;
                continue; // the layout was there first
            }
            recorded_.clear();
            try {
                block(i, front);
            } catch (...) {
                recorded_.clear(); // the layout sets the block again and reports the error
            }
            slots.publish(i, std::move(recorded_));
        }
    }

    void use(BlockSlots* slots) { slots_ = slots; }

private:
    // A paragraph set: taken from the helper if it set it (from the same
    // content, style and measure), else set here.
    SetParagraph set(const model::Inlines& content, const ParagraphStyle& style, Length width) {
        if (helper_) {
            face_log_.clear();
            fonts_.record(&face_log_);
            const std::size_t warnings = ctx_.diags.items().size();
            SetParagraph result = set_paragraph(content, style, width, ctx_);
            fonts_.record(nullptr);
            const bool usable = ctx_.diags.items().size() == warnings;
            recorded_.push_back({content, style, width, std::move(result), face_log_, usable});
            return {}; // its slices are not used
        }
        if (ahead_next_ < ahead_.size()) {
            PrefetchedParagraph& p = ahead_[ahead_next_++];
            if (p.usable && p.width == width && same(p.style, style) && p.content == content) {
                std::vector<std::pair<int, int>> ids; // helper's id -> ours
                for (const auto& [font, id] : p.faces)
                    ids.emplace_back(id, fonts_.face(font));
                for (auto& line : p.set.lines)
                    for (auto& piece : line.pieces)
                        for (const auto& [theirs, ours] : ids)
                            if (piece.face == theirs) {
                                piece.face = ours;
                                break;
                            }
                return std::move(p.set);
            }
            ahead_next_ = ahead_.size(); // out of step: the rest of the block is set here
        }
        return set_paragraph(content, style, width, ctx_);
    }

    [[noreturn]] static void too_many_pages() {
        throw std::runtime_error("the document would have more than " + std::to_string(max_pages) +
                                 " pages; the limit is " + std::to_string(max_pages) +
                                 " (render a part of it with --from, --to or --category)");
    }

    void paragraph(const model::Paragraph& p, bool front) {
        last_was_one_liner_ = false;
        switch (p.role) {
        case model::Role::Title:
            if (front && style_.title_page) {
                // The title block sits a third down the title page, under a bar.
                Slice spacer;
                spacer.height = area_h_ * 3 / 10;
                spacer.items.push_back(RectItem{0, spacer.height - pt(24), mm(36), pt(4), accent_});
                slices_.push_back(std::move(spacer));
                pending_after_ = 0;
            }
            add_paragraph(p.content, Role::Title, 0, width_, true);
            break;
        case model::Role::Subtitle:
            add_paragraph(p.content, Role::Subtitle, 0, width_, true);
            break;
        case model::Role::Organization:
            add_paragraph(p.content, Role::Organization, 0, width_, true);
            break;
        case model::Role::Intro:
            add_paragraph(p.content, Role::Intro, 0, width_, false);
            break;
        case model::Role::Body: {
            // An entry that shows neither date nor title puts its marker
            // (and link target) on its first line.
            const Marker marker = pending_marker_ ? Marker::Milestone : Marker::None;
            const std::string anchor = pending_marker_ ? pending_anchor_ : std::string();
            pending_marker_ = false;
            add_paragraph(p.content, Role::Body, rail_w_, column_w_, entry_open_, marker, anchor);
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
        add_paragraph(h.content, Role::PeriodHeading, rail_w_, column_w_, false, Marker::Period,
                      h.id);
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
        Marker marker = Marker::Milestone;
        bool chained = keep;
        if (!e.date_is_redundant) {
            add_paragraph(text_inlines(e.date_label), Role::MilestoneDate, rail_w_, column_w_,
                          chained, marker, e.id);
            marker = Marker::None;
            chained = true;
        }
        if (!e.title.empty()) {
            add_paragraph(e.title, Role::MilestoneTitle, rail_w_, column_w_, chained, marker,
                          marker == Marker::None ? std::string() : e.id);
            marker = Marker::None;
            chained = true;
        }
        entry_open_ = chained;
        if (marker != Marker::None) {
            // Neither date nor title shown: the first body line carries the marker.
            pending_marker_ = true;
            pending_anchor_ = e.id;
            entry_open_ = keep;
        }
    }

    // A dated one-liner: the date in its own column, the title beside it.
    void one_liner(const model::DatedEntry& e, bool keep) {
        const Length date_w = std::min<Length>(mm(30), column_w_ / 3);
        const auto ds = paragraph_style(style_, Role::MilestoneDate);
        const auto ts = paragraph_style(style_, Role::Body);
        const auto date = set(text_inlines(e.date_label), ds, date_w - pt(6));
        auto title_style = ts;
        title_style.align = style::Align::Left;
        const auto title = set(e.title, title_style, column_w_ - date_w);
        const auto& tface = fonts_.at(fonts_.face(ts.font));
        const Length asc = tface.ascender() * ts.size / 1000;
        const Length desc = -tface.descender() * ts.size / 1000;
        const Length baseline = (ts.leading - (asc + desc)) / 2 + asc;
        Slice s;
        s.period = period_;
        s.before = keep ? BreakBefore::Avoid : BreakBefore::Allowed;
        const bool first_in_list = !last_was_one_liner_;
        s.space_before = first_in_list ? pending_after_ + pt(style_.role(Role::MilestoneDate).space_before)
                                       : ts.leading / 5;
        s.marker = Marker::Milestone;
        s.marker_y = baseline - ts.size * 3 / 10;
        s.anchors.push_back({e.id, 0});
        Length y = baseline;
        for (const auto& line : date.lines) {
            for (const auto& p : line.pieces)
                s.items.push_back(TextItem{rail_w_ + p.x, y, p.text, p.face, p.size, p.color});
            y += ts.leading;
        }
        y = baseline;
        for (const auto& line : title.lines) {
            for (const auto& p : line.pieces)
                s.items.push_back(
                    TextItem{rail_w_ + date_w + p.x, y, p.text, p.face, p.size, p.color});
            y += ts.leading;
        }
        s.height = ts.leading * static_cast<Length>(std::max(date.lines.size(), title.lines.size()));
        slices_.push_back(std::move(s));
        pending_after_ = pt(style_.role(Role::Body).space_after);
        last_was_one_liner_ = true;
    }

    void image(const model::Image& img) {
        const Length max_h = area_h_ * 45 / 100;
        Length w = column_w_;
        // Pixels at 150 dpi at most, so small pictures are not blown up.
        const Length natural = pt(img.width_px * 72.0 / 150.0);
        w = std::min(w, natural);
        Length h = w * img.height_px / std::max(1, img.width_px);
        if (h > max_h) {
            w = w * max_h / h;
            h = max_h;
        }
        Slice s;
        s.height = h;
        s.period = period_;
        s.space_before = pending_after_ + pt(6);
        s.before = BreakBefore::Allowed;
        s.items.push_back(
            ImageItem{rail_w_, 0, w, h, img.bytes, img.format == model::Image::Format::Png, img.path});
        slices_.push_back(std::move(s));
        pending_after_ = pt(3);
        if (!img.caption.empty())
            add_paragraph(img.caption, Role::Caption, rail_w_, column_w_, true);
    }

    void toc(const model::TableOfContents& t) {
        add_paragraph(text_inlines(t.title), Role::PeriodHeading, 0, width_, false);
        const auto ts = paragraph_style(style_, Role::Toc);
        const Length number_w = fonts_.at(fonts_.face(ts.font)).width("0000", ts.size);
        bool first = true;
        for (const auto& b : doc_.blocks) {
            const auto* h = std::get_if<model::Heading>(&b);
            if (!h || h->level != 1)
                continue;
            auto style = ts;
            style.align = style::Align::Left;
            const auto set = this->set(h->content, style, width_ - number_w - mm(10));
            const auto& face = fonts_.at(fonts_.face(ts.font));
            const Length asc = face.ascender() * ts.size / 1000;
            const Length desc = -face.descender() * ts.size / 1000;
            const Length baseline = (ts.leading - (asc + desc)) / 2 + asc;
            Slice s;
            s.period = -1;
            s.before = first ? BreakBefore::Avoid : BreakBefore::Allowed;
            s.space_before = first ? pending_after_ : 0;
            Length y = baseline;
            Length end = 0;
            for (const auto& line : set.lines) {
                for (const auto& p : line.pieces) {
                    s.items.push_back(TextItem{p.x, y, p.text, p.face, p.size, p.color});
                    end = p.x + p.width;
                }
                y += ts.leading;
            }
            s.height = ts.leading * static_cast<Length>(std::max<std::size_t>(1, set.lines.size()));
            s.items.push_back(LinkItem{0, 0, width_, s.height, {}, h->id});
            s.toc_entry = static_cast<int>(toc_targets_.size());
            toc_targets_.push_back({h->id, end, y - ts.leading});
            slices_.push_back(std::move(s));
            first = false;
        }
        pending_after_ = pt(style_.role(Role::Toc).space_after);
    }

    // --- pages -----------------------------------------------------------------

    PageTree assemble(const std::vector<std::vector<PlacedSlice>>& placed) {
        PageTree tree;
        tree.outline = outline_;
        // Where each anchor landed: page index.
        std::unordered_map<std::string, std::size_t> anchor_page;
        for (std::size_t pi = 0; pi < placed.size(); ++pi)
            for (const auto& ps : placed[pi])
                for (const auto& a : slices_[ps.slice].anchors)
                    anchor_page.emplace(a.id, pi);
        const bool title_page = style_.title_page;
        int current_period = -1;
        for (std::size_t pi = 0; pi < placed.size(); ++pi) {
            Page page;
            page.width = page_w_;
            page.height = page_h_;
            page.number = static_cast<int>(pi) + 1;
            // Recto pages (odd numbers) have the inner margin on the left.
            const Length left = page.number % 2 == 1 ? inner_ : outer_;
            const int period_at_top =
                placed[pi].empty() ? current_period
                                   : std::max(current_period, slices_[placed[pi].front().slice].period);
            draw_rail(page, placed[pi], left, pi + 1 < placed.size() ? &placed[pi + 1] : nullptr);
            for (const auto& ps : placed[pi]) {
                Slice& s = slices_[ps.slice];
                current_period = std::max(current_period, s.period);
                // Each slice is placed once: its items move to the page.
                for (auto& item : s.items) {
                    std::visit(model::overloaded{
                                   [&](TextItem& t) { t.x += left, t.y += ps.y; },
                                   [&](LineItem& l) {
                                       l.x1 += left, l.x2 += left, l.y1 += ps.y, l.y2 += ps.y;
                                   },
                                   [&](RectItem& r) { r.x += left, r.y += ps.y; },
                                   [&](CircleItem& c) { c.cx += left, c.cy += ps.y; },
                                   [&](ImageItem& i) { i.x += left, i.y += ps.y; },
                                   [&](LinkItem& l) { l.x += left, l.y += ps.y; },
                               },
                               item);
                    page.items.push_back(std::move(item));
                }
                s.items.clear();
                for (const auto& a : s.anchors)
                    page.anchors.push_back({a.id, a.y + ps.y});
                if (s.toc_entry >= 0)
                    toc_number(page, s, ps.y, left, anchor_page);
            }
            draw_markers(page, placed[pi], left);
            if (!(title_page && pi == 0))
                furniture(page, left, period_at_top);
            else
                page.number = 0;
            tree.pages.push_back(std::move(page));
        }
        return tree;
    }

    void toc_number(Page& page, const Slice& s, Length y, Length left,
                    const std::unordered_map<std::string, std::size_t>& anchor_page) {
        const auto& target = toc_targets_[static_cast<std::size_t>(s.toc_entry)];
        const auto it = anchor_page.find(target.id);
        if (it == anchor_page.end())
            return;
        const auto ts = paragraph_style(style_, Role::Toc);
        const int face = fonts_.face(ts.font);
        const std::string number = std::to_string(it->second + 1);
        const Length w = fonts_.at(face).width(number, ts.size);
        const Length baseline_y = y + target.last_baseline;
        page.items.push_back(TextItem{left + width_ - w, baseline_y, number, face, ts.size, ts.color});
        // Dot leaders on a fixed grid, so the dots of all lines align.
        const Length step = pt(4); // whole points: libharu's dash patterns are integers
        const Length from = target.label_end + pt(6);
        const Length to = width_ - w - pt(6);
        const Length first = (from / step + 1) * step;
        if (first <= to)
            page.items.push_back(LineItem{left + first, baseline_y - pt(1), left + to,
                                          baseline_y - pt(1), pt(1), ts.color, step});
    }

    void draw_rail(Page& page, const std::vector<PlacedSlice>& placed, Length left,
                   const std::vector<PlacedSlice>* next) {
        // One segment per period on this page, from its heading's marker (or
        // the top of the text area) to its last slice (or the bottom, when
        // the period goes on).
        std::map<int, std::pair<Length, Length>> span;
        for (const auto& ps : placed) {
            const Slice& s = slices_[ps.slice];
            if (s.period < 0)
                continue;
            auto [it, fresh] = span.emplace(s.period, std::pair<Length, Length>{top_, 0});
            if (s.marker == Marker::Period)
                it->second.first = ps.y + s.marker_y;
            it->second.second = ps.y + s.height;
        }
        const style::Color rail = blend(accent_, 0.35);
        for (auto& [period, ys] : span) {
            bool goes_on = false;
            if (next)
                for (const auto& ps : *next)
                    goes_on = goes_on || slices_[ps.slice].period == period;
            const Length y_to = goes_on ? top_ + area_h_ : ys.second;
            page.items.push_back(LineItem{left + rail_x_, ys.first, left + rail_x_, y_to, pt(0.9), rail});
        }
    }

    void draw_markers(Page& page, const std::vector<PlacedSlice>& placed, Length left) {
        for (const auto& ps : placed) {
            const Slice& s = slices_[ps.slice];
            const Length cy = ps.y + s.marker_y;
            if (s.marker == Marker::Period) {
                page.items.push_back(CircleItem{left + rail_x_, cy, pt(4.2), accent_, true, 0});
                page.items.push_back(CircleItem{left + rail_x_, cy, pt(1.6), {255, 255, 255}, true, 0});
            } else if (s.marker == Marker::Milestone) {
                page.items.push_back(CircleItem{left + rail_x_, cy, pt(2.6), {255, 255, 255}, true, 0});
                page.items.push_back(CircleItem{left + rail_x_, cy, pt(2.6), accent_, false, pt(1.1)});
            }
        }
    }

    void furniture(Page& page, Length left, int period) {
        const auto hs = paragraph_style(style_, Role::Header);
        const auto fs = paragraph_style(style_, Role::Footer);
        const int hface = fonts_.face(hs.font);
        const int fface = fonts_.face(fs.font);
        const Length header_y = top_ * 5 / 10;
        page.items.push_back(TextItem{left, header_y, doc_.meta.title, hface, hs.size, hs.color});
        if (period >= 0) {
            const std::string& label = periods_[static_cast<std::size_t>(period)];
            const Length w = fonts_.at(hface).width(label, hs.size);
            page.items.push_back(TextItem{left + width_ - w, header_y, label, hface, hs.size, hs.color});
        }
        page.items.push_back(LineItem{left, header_y + pt(4), left + width_, header_y + pt(4), pt(0.4),
                                      blend(hs.color, 0.5)});
        const std::string number = std::to_string(page.number);
        const Length w = fonts_.at(fface).width(number, fs.size);
        const Length footer_y = page_h_ - bottom_ * 5 / 10;
        Length x = left + (width_ - w) / 2;
        if (style_.role(Role::Footer).align == style::Align::Left)
            x = left;
        else if (style_.role(Role::Footer).align == style::Align::Right)
            x = left + width_ - w;
        page.items.push_back(TextItem{x, footer_y, number, fface, fs.size, fs.color});
    }

    // `c` mixed with white: 1 = c, 0 = white.
    static style::Color blend(style::Color c, double amount) {
        auto mix = [&](std::uint8_t v) {
            return static_cast<std::uint8_t>(255 - (255 - v) * amount + 0.5);
        };
        return {mix(c.r), mix(c.g), mix(c.b)};
    }

    struct TocTarget {
        std::string id;
        Length label_end;     // x where the label's last line ends
        Length last_baseline; // of the label's last line, from the slice's top
    };

    const model::Document& doc_;
    const style::Style& style_;
    FontSet& fonts_;
    Diagnostics& diags_;
    const Hyphenator* hyphenator_;
    TypesetContext ctx_;
    BlockSlots* slots_ = nullptr; // paragraphs set ahead by a helper, if any
    bool helper_ = false;         // this builder is the helper
    std::vector<PrefetchedParagraph> ahead_; // of the current block
    std::size_t ahead_next_ = 0;
    std::vector<PrefetchedParagraph> recorded_; // helper: of the current block
    std::vector<std::pair<style::Font, int>> face_log_;
    Length page_w_ = 0, page_h_ = 0, top_ = 0, bottom_ = 0, inner_ = 0, outer_ = 0;
    Length width_ = 0, area_h_ = 0, rail_w_ = 0, rail_x_ = 0, column_w_ = 0;
    style::Color accent_;
    std::vector<Slice> slices_;
    std::size_t counted_ = 0;  // slices whose height is in height_so_far_
    Length height_so_far_ = 0;
    std::vector<OutlineEntry> outline_;
    std::vector<std::string> periods_;
    std::vector<TocTarget> toc_targets_;
    Length pending_after_ = 0;
    bool force_page_ = false;
    bool heading_open_ = false; // a heading waits for its first milestone
    bool entry_open_ = false;   // an entry head waits for its body
    bool pending_marker_ = false;
    std::string pending_anchor_;
    bool last_was_one_liner_ = false;
    int period_ = -1;
};

} // namespace

PageTree lay_out_brochure(const model::Document& doc, const style::Style& style, FontSet& fonts,
                          const Hyphenator* hyphenator, Diagnostics& diags, unsigned threads) {
    Builder b(doc, style, fonts, hyphenator, diags);
    // A helper sets every other chunk of paragraphs (prefetch.hpp). For a
    // short document, opening its own fonts costs more than it saves.
    constexpr std::size_t helper_from_blocks = 400;
    std::unique_ptr<BlockSlots> slots;
    std::thread helper;
    PageTree tree;
    if (threads > 1 && doc.blocks.size() >= helper_from_blocks) {
        slots = std::make_unique<BlockSlots>(doc.blocks.size());
        helper = std::thread([&doc, &style, hyphenator, &slots] {
            try {
                FontSet own_fonts;
                Diagnostics ignored;
                Builder h(doc, style, own_fonts, hyphenator, ignored);
                h.prefetch(*slots);
            } catch (...) {
                // No help then (it has no block half set: prefetch() hands
                // each claimed block over): the layout sets the rest itself.
            }
        });
        b.use(slots.get());
    }
    try {
        tree = b.build();
    } catch (...) {
        if (slots) {
            slots->stop();
            helper.join();
        }
        throw;
    }
    if (slots) {
        slots->stop();
        helper.join();
    }
    for (const auto& w : fonts.warnings())
        diags.warning(doc.meta.source, 0, w);
    return tree;
}

} // namespace chronik::layout
