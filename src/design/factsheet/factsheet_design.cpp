#include "factsheet_design.hpp"

#include "design/paragraph_styles.hpp"
#include "layout/galley.hpp"
#include "model/overloaded.hpp"

#include <algorithm>

namespace chronik::design {

namespace {

using layout::BreakBefore;
using layout::Length;
using layout::mm;
using layout::pt;
using style::Role;

enum Tag : int { Body = -1, TitleBlock = 1 };
enum Mark : int { NoMark = 0, Rule = 1 }; // Rule: a hairline above the slice

// A milestone on the sheet: its head, and the first paragraph of its text.
struct Listed {
    std::size_t entry; // block index of the DatedEntry
    const model::Paragraph* first = nullptr;
};

// The most recent `n` dated milestones, newest first (the written order
// breaks ties).
std::vector<Listed> most_recent(const model::Document& doc, std::size_t n) {
    std::vector<Listed> all;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        if (std::holds_alternative<model::DatedEntry>(doc.blocks[i])) {
            all.push_back({i, nullptr});
        } else if (const auto* p = std::get_if<model::Paragraph>(&doc.blocks[i]);
                   p && p->role == model::Role::Body && !all.empty() && !all.back().first &&
                   std::get<model::DatedEntry>(doc.blocks[all.back().entry]).has_body) {
            all.back().first = p;
        }
    }
    const auto date = [&](const Listed& l) {
        return std::get<model::DatedEntry>(doc.blocks[l.entry]).date;
    };
    std::stable_sort(all.begin(), all.end(),
                     [&](const Listed& a, const Listed& b) { return date(a) > date(b); });
    if (all.size() > n)
        all.resize(n);
    return all;
}

std::string list_heading(const std::string& language) {
    return language.rfind("de", 0) == 0 ? "Die jüngsten Meilensteine" : "Recent milestones";
}

struct SheetMeasures {
    layout::PageGeometry page;
    Length width = 0;
    Length date_w = 0;
    Length band_padding = 0;
    style::Color band, accent, on_band{255, 255, 255};
    Length bleed = 0; // print: the band runs this far past the trim

    SheetMeasures(const style::Style& s, Length bleed_)
        : page(layout::geometry_of(s.page)), bleed(bleed_) {
        width = page.text_width();
        date_w = std::min<Length>(mm(style::tunable(s, "date-column")), width / 3);
        band_padding = mm(style::tunable(s, "band-padding"));
        band = s.role(Role::Title).color;
        accent = s.role(Role::MilestoneDate).color;
    }
};

// Sets the sheet: the title block (in the band's colours), the intro, and
// the list of milestones, which comes with the document's last block.
class FactSheetSetter final : public layout::BlockWalker {
public:
    FactSheetSetter(const model::Document& doc, const style::Style& style, const SheetMeasures& m,
                    const std::vector<Listed>& listed, layout::Galley& g)
        : doc_(doc), style_(style), m_(m), listed_(listed), g_(g) {}

    void block(std::size_t i) override {
        if (const auto* p = std::get_if<model::Paragraph>(&doc_.blocks[i])) {
            switch (p->role) {
            case model::Role::Title:
            case model::Role::Subtitle:
            case model::Role::Organization:
                title_block(*p);
                break;
            case model::Role::Intro:
                // The first intro paragraph stands clear of the band.
                add(p->content, Role::Intro, 0, m_.width, false, Body, g_.element("P"), nullptr,
                    intro_seen_ ? 0 : m_.band_padding * 3 / 2);
                intro_seen_ = true;
                break;
            case model::Role::Body:
                break;
            }
        }
        if (i + 1 == doc_.blocks.size())
            milestones();
    }

private:
    // `element`: the structure element the text belongs to (tagged PDF).
    std::size_t add(const model::Inlines& content, Role role, Length x, Length width, bool keep,
                    int tag, int element, const style::Color* color = nullptr,
                    Length extra_before = 0, bool space_at_end = false) {
        auto ps = paragraph_style(style_, role);
        if (color)
            ps.color = ps.link_color = *color;
        const auto set = g_.set(content, ps, width);
        const auto& t = style_.role(role);
        const std::size_t first =
            g_.add_lines(set, ps, x, pending_after_ + pt(t.space_before) + extra_before, keep,
                         element, space_at_end);
        for (std::size_t k = first; k < g_.slices().size(); ++k)
            g_.slices()[k].tag = tag;
        pending_after_ = pt(t.space_after);
        return first;
    }

    void title_block(const model::Paragraph& p) {
        // The organization above the title, small; title and subtitle below.
        const Role role = p.role == model::Role::Title      ? Role::Title
                          : p.role == model::Role::Subtitle ? Role::Subtitle
                                                            : Role::Organization;
        const bool first = g_.slices().empty();
        add(p.content, role, 0, m_.width, !first, TitleBlock,
            g_.element(p.role == model::Role::Title ? "H1" : "P"), &m_.on_band,
            first ? m_.band_padding : 0);
    }

    void milestones() {
        if (listed_.empty())
            return;
        add(text_inlines(list_heading(doc_.meta.language)), Role::PeriodHeading, 0, m_.width, false,
            Body, g_.element("H2"), nullptr, m_.band_padding);
        bool first = true;
        for (const auto& l : listed_) {
            const auto& e = std::get<model::DatedEntry>(doc_.blocks[l.entry]);
            // Date in its own column, beside the title; the text under the title.
            const auto ds = paragraph_style(style_, Role::MilestoneDate);
            const auto ts =
                paragraph_style(style_, e.title.empty() ? Role::Body : Role::MilestoneTitle);
            const Length text_x = m_.date_w;
            const Length text_w = m_.width - m_.date_w;
            const auto date = g_.set(text_inlines(e.date_label, e.line), ds, m_.date_w - pt(8));
            const auto title =
                g_.set(e.title.empty() ? (l.first ? l.first->content : model::Inlines{}) : e.title,
                       ts, text_w);
            // Date and title are the milestone's heading (H3), its text a P.
            const int head = g_.element("H3");
            const Length tall = std::max(
                ts.leading * static_cast<Length>(std::max<std::size_t>(1, title.lines.size())),
                ts.leading + ds.leading * static_cast<Length>(
                                              std::max<std::size_t>(1, date.lines.size()) - 1));
            if (tall > m_.page.text_height()) {
                // Side by side taller than the page (its foot would be set
                // below it): date, title and text as paragraphs of their own.
                add(text_inlines(e.date_label, e.line), Role::MilestoneDate, 0, m_.width, !first,
                    Body, head, nullptr, 0, !e.title.empty());
                if (!e.title.empty())
                    add(e.title, Role::MilestoneTitle, 0, m_.width, true, Body, head);
                if (l.first)
                    add(l.first->content, Role::Body, 0, m_.width, true, Body, g_.element("P"));
                first = false;
                continue;
            }
            const Length baseline = layout::baseline_in_leading(g_.fonts(), ts);
            layout::Slice s;
            s.before = first ? BreakBefore::Avoid : BreakBefore::Allowed;
            s.space_before =
                first ? pending_after_ : pt(style_.role(Role::MilestoneDate).space_before) * 3 / 2;
            s.mark = first ? NoMark : Rule;
            s.mark_y = -s.space_before / 2;
            s.anchors.push_back({e.id, 0});
            // A date of more lines than one (a narrow date column) goes down
            // the column, not over itself.
            Length y = baseline;
            for (const auto& line : date.lines) {
                for (const auto& p : line.pieces)
                    s.items.push_back(layout::TextItem{
                        p.x, y, p.text, p.face, p.size, p.color, p.scale,
                        layout::Tag::content(head), p.space_after || &line == &date.lines.back()});
                y += ds.leading;
            }
            // Without a title, the text beside the date is its paragraph.
            const layout::Tag beside =
                layout::Tag::content(e.title.empty() ? g_.element("P") : head);
            y = baseline;
            for (const auto& line : title.lines) {
                for (const auto& p : line.pieces)
                    s.items.push_back(layout::TextItem{text_x + p.x, y, p.text, p.face, p.size,
                                                       p.color, p.scale, beside, p.space_after,
                                                       layout::language_of(p.lang)});
                y += ts.leading;
            }
            // The date's first line shares the title's baseline.
            s.height = tall; // the date's first line shares the title's baseline
            g_.add(std::move(s));
            pending_after_ = pt(style_.role(Role::MilestoneTitle).space_after);
            if (!e.title.empty() && l.first)
                add(l.first->content, Role::Body, text_x, text_w, true, Body, g_.element("P"));
            first = false;
        }
    }

    const model::Document& doc_;
    const style::Style& style_;
    const SheetMeasures& m_;
    const std::vector<Listed>& listed_;
    layout::Galley& g_;
    Length pending_after_ = 0;
    bool intro_seen_ = false;
};

// The band behind the title block, the rules between milestones, and a
// foot line with the organization and the date of the sheet.
class FactSheetFrame final : public layout::PageDecorator {
public:
    FactSheetFrame(const model::Document& doc, const style::Style& style, const SheetMeasures& m,
                   text::FontSet& fonts)
        : doc_(doc), style_(style), m_(m), fonts_(fonts) {}

    void begin(layout::PageInProgress& at) override {
        Length bottom = -1;
        for (const auto& ps : at.placed)
            if (at.slices[ps.slice].tag == TitleBlock)
                bottom = ps.y + at.slices[ps.slice].height;
        if (bottom < 0)
            return;
        const Length band_h = bottom + m_.band_padding;
        // The band and its stripe run off the page at the top and the sides:
        // into the bleed, in print.
        const Length b = m_.bleed;
        at.page.items.push_back(
            layout::RectItem{-b, -b, m_.page.width + 2 * b, band_h + b, m_.band});
        // An accent stripe under the band, as on the brochure's title page.
        at.page.items.push_back(
            layout::RectItem{-b, band_h, m_.page.width + 2 * b, pt(4), m_.accent});
    }

    void end(layout::PageInProgress& at) override {
        for (const auto& ps : at.placed) {
            const auto& s = at.slices[ps.slice];
            if (s.mark == Rule) {
                const Length y = ps.y + s.mark_y;
                at.page.items.push_back(layout::LineItem{at.left, y, at.left + m_.width, y, pt(0.4),
                                                         blend(m_.accent, 0.4)});
            }
        }
        const auto fs = paragraph_style(style_, Role::Footer);
        const int face = fonts_.face(fs.font);
        const Length y = m_.page.height - m_.page.bottom * 5 / 10;
        std::string left_text =
            doc_.meta.organization.empty() ? doc_.meta.title : doc_.meta.organization;
        at.page.items.push_back(layout::LineItem{at.left, y - fs.size * 3 / 2, at.left + m_.width,
                                                 y - fs.size * 3 / 2, pt(0.4),
                                                 blend(fs.color, 0.5)});
        const layout::Tag footer{-1, layout::Artifact::Footer}; // a pagination artifact
        at.page.items.push_back(
            layout::TextItem{at.left, y, left_text, face, fs.size, fs.color, 1000, footer, true});
        const std::string right = doc_.meta.date.substr(0, 10);
        const Length w = fonts_.at(face).width(right, fs.size);
        at.page.items.push_back(
            layout::TextItem{at.left + std::max<Length>(m_.width - w, 0), y, right, face, fs.size,
                             fs.color, 1000, footer}); // wider than the measure: from its left edge
        at.page.number = 0;                            // one page: no number
    }

private:
    const model::Document& doc_;
    const style::Style& style_;
    const SheetMeasures& m_;
    text::FontSet& fonts_;
};

} // namespace

layout::PageTree FactSheetDesign::lay_out(const Inputs& in) const {
    warn_without_hyphenator(in);
    const SheetMeasures m(in.style, in.bleed);
    const auto n = static_cast<std::size_t>(style::tunable(in.style, "milestones"));
    const auto listed = most_recent(in.doc, n);
    FactSheetFrame frame(in.doc, in.style, m, in.fonts);
    layout::EngineRun run{in.doc,
                          in.fonts,
                          in.hyphenator,
                          in.diags,
                          m.page,
                          in.threads,
                          [&](layout::Galley& g) -> std::unique_ptr<layout::BlockWalker> {
                              return std::make_unique<FactSheetSetter>(in.doc, in.style, m, listed,
                                                                       g);
                          },
                          &frame,
                          &in.style};
    auto tree = layout::lay_out(run);
    if (tree.pages.size() > 1) {
        in.diags.warning(in.doc.meta.source, 0,
                         "the fact sheet runs over one page; what does not fit is left out "
                         "(set fewer milestones in the style sheet)");
        tree.pages.resize(1);
    }
    return tree;
}

} // namespace chronik::design
