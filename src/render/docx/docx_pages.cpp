#include "docx_pages.hpp"

#include "docx_media.hpp"

#include "docx_units.hpp"
#include "docx_widths.hpp"
#include "model/overloaded.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>

namespace chronik::render::docx {

namespace {

using style::TextStyle;

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k)
            cp =
                (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out += cp;
        i += static_cast<std::size_t>(n);
    }
    return out;
}

// A paragraph in a table cell, `width` twips wide.
struct Cell {
    const TextStyle* look = nullptr;
    std::string text;
    std::int64_t width = 0;
};

// One paragraph as the writer will make it, reduced to what fills a page;
// or one row of a table (cells, no space of its own around it).
struct Box {
    const TextStyle* look = nullptr;
    std::string text;
    std::int64_t indent = 0;        // twips off the measure
    std::int64_t fixed_height = -1; // an image paragraph's height, twips
    bool keep_next = false, keep_lines = false, page_break_before = false;
    bool contextual = false; // no space between neighbours of the same kind
    bool exact = false;      // exact line height (the title rule), else proportional
    int toc_entry = -1;
    std::vector<Cell> cells; // a table row: as tall as its tallest cell
    bool header_row = false; // repeated at the top of each page the table reaches
};

// The text of inlines with line breaks kept (model::plain_text makes them
// spaces).
void append_text(std::string& out, const model::Inlines& inlines) {
    for (const auto& node : inlines)
        std::visit(model::overloaded{
                       [&](const model::Text& t) { out += t.text; },
                       [&](const model::Emphasis& e) { append_text(out, e.children); },
                       [&](const model::Strong& st) { append_text(out, st.children); },
                       [&](const model::Link& l) { append_text(out, l.children); },
                       [&](const model::LineBreak&) { out += '\n'; },
                       [&](const model::Span& s) { append_text(out, s.children); },
                   },
                   node);
}

std::string text_of(const model::Inlines& inlines) {
    std::string out;
    append_text(out, inlines);
    return out;
}

// Lines of a greedy fill, the way Word and LibreOffice break: at spaces,
// after hyphens and slashes, and (where the style hyphenates) inside long
// words, which is modelled as filling the line and carrying the rest.
std::int64_t count_lines(const Box& b, std::int64_t measure, Widths& widths) {
    if (b.text.empty())
        return 1;
    const TextStyle& t = *b.look;
    const text::FontFace* face = widths.face(t);
    const double scale = t.size * twips_per_pt; // twips per em
    // At least a twip: a measure the indent used up still makes progress
    // (the style sheet's checks keep real measures far wider, see
    // docs/styles.md).
    const double width = std::max(1.0, static_cast<double>(measure - b.indent));
    const std::u32string text = decode(b.text);
    const double space = Widths::em(' ', face) * scale;
    const double hyphen = Widths::em('-', face) * scale;
    std::int64_t lines = 1;
    double x = 0;
    bool line_empty = true;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\n') {
            if (text[i] == '\n') {
                ++lines;
                x = 0;
                line_empty = true;
            }
            ++i;
            continue;
        }
        // The next piece: up to a space, or just after a hyphen or slash.
        std::size_t j = i;
        double w = 0;
        while (j < text.size() && text[j] != ' ' && text[j] != '\n') {
            w += Widths::em(text[j], face) * scale;
            ++j;
            if (text[j - 1] == '-' || text[j - 1] == '/' || text[j - 1] == 0x2013)
                break;
        }
        const bool after_space = i > 0 && text[i - 1] == ' ';
        const double lead = (!line_empty && after_space) ? space : 0;
        if (x + lead + w <= width) {
            x += lead + w;
            line_empty = false;
        } else {
            const double room = width - x - lead - hyphen;
            const std::size_t letters = j - i;
            if (t.hyphenate && letters >= 6 && room > 3 * 0.5 * scale) {
                // part of the word on this line, the rest on the next
                ++lines;
                x = std::max(0.0, w - room);
            } else if (line_empty) {
                x = w; // an overlong word alone on its line
            } else {
                ++lines;
                x = w;
            }
            if (x > width) {
                // A piece wider than the line fills whole lines (in one
                // step: a loop of x -= width ran forever for width <= 0).
                const double full = std::ceil(x / width) - 1;
                lines += static_cast<std::int64_t>(std::min(full, 1e9));
                x -= full * width;
            }
            line_empty = false;
        }
        i = j;
    }
    return lines;
}

class Planner {
public:
    explicit Planner(const Context& ctx) : ctx_(ctx), l_(ctx.looks) {
        for (std::size_t k = 0; k < ctx.toc.size(); ++k)
            toc_of_block_[ctx.toc[k].block] = static_cast<int>(k);
    }

    std::vector<Box> plan() {
        const auto& blocks = ctx_.doc.blocks;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const bool is_heading = std::holds_alternative<model::Heading>(blocks[i]);
            std::visit(model::overloaded{
                           [&](const model::Paragraph& p) { paragraph(p); },
                           [&](const model::Heading& h) {
                               milestone_start_ = false;
                               one_liners_ = false;
                               railed(add(h.level <= 1 ? l_.heading1 : l_.heading2,
                                          text_of(h.content), true, true, toc(i)));
                           },
                           [&](const model::DatedEntry& e) { entry(i, e); },
                           [&](const model::Image& img) { image(img); },
                           [&](const model::TableOfContents& t) { contents(t); },
                           [&](const model::PageBreak&) { break_pending_ = true; },
                       },
                       blocks[i]);
            after_heading_ = is_heading;
        }
        return std::move(boxes_);
    }

private:
    int toc(std::size_t block) const {
        const auto it = toc_of_block_.find(block);
        return it == toc_of_block_.end() ? -1 : it->second;
    }

    Box& add(const TextStyle& look, std::string text, bool keep_next = false,
             bool keep_lines = false, int toc_entry = -1) {
        Box b;
        b.look = &look;
        b.text = std::move(text);
        b.keep_next = keep_next;
        b.keep_lines = keep_lines;
        b.page_break_before = break_pending_;
        b.toc_entry = toc_entry;
        break_pending_ = false;
        boxes_.push_back(std::move(b));
        return boxes_.back();
    }

    // A paragraph of a style on the brochure's rail: past the rail column.
    Box& railed(Box& b) {
        b.indent += ctx_.rail_indent;
        return b;
    }

    void paragraph(const model::Paragraph& p) {
        one_liners_ = false;
        const TextStyle* look = &l_.body;
        switch (p.role) {
        case model::Role::Title:
            look = &l_.title;
            if (ctx_.title_rule > 0) {
                auto& rule = add(l_.title_rule, "", true);
                rule.exact = true;
            }
            break;
        case model::Role::Subtitle:
            look = &l_.subtitle;
            break;
        case model::Role::Organization:
            look = &l_.organization;
            break;
        case model::Role::Intro:
            look = &l_.intro;
            break;
        case model::Role::Body:
            look = milestone_start_ ? &l_.milestone_body : &l_.body;
            break;
        }
        const bool keep = p.role == model::Role::Title || p.role == model::Role::Subtitle;
        milestone_start_ = false;
        auto& b = add(*look, text_of(p.content), keep);
        if (p.role == model::Role::Body)
            railed(b);
    }

    // A run of one-liners is a table (docx_one_liners.hpp) in the column
    // right of the rail: a header row in the date's look, then a row per
    // one-liner, each as tall as its taller cell; rows do not split.
    void one_liner(const model::DatedEntry& e) {
        const std::int64_t date_w = ctx_.dated_list_indent;
        const std::int64_t title_w = ctx_.column_width() - date_w;
        if (!one_liners_) {
            one_liners_ = true;
            const bool de = ctx_.language.starts_with("de");
            auto& head = add(l_.date, "", true, true);
            head.cells = {{&l_.date, de ? "Datum" : "Date", date_w},
                          {&l_.date, de ? "Ereignis" : "Event", title_w}};
            head.header_row = true;
        }
        auto& row = add(l_.dated_list, "", false, true);
        row.cells = {{&l_.dated_list, e.date_is_redundant ? "" : e.date_label, date_w},
                     {&l_.dated_list, text_of(e.title), title_w}};
    }

    void entry(std::size_t i, const model::DatedEntry& e) {
        milestone_start_ = false;
        if (!e.has_body) {
            one_liner(e);
            return;
        }
        one_liners_ = false;
        if (!has_head(e)) {
            milestone_start_ = !after_heading_;
            return;
        }
        if (e.title.empty()) {
            railed(add(l_.date_heading, e.date_label, true, true, toc(i)));
            return;
        }
        if (!e.date_is_redundant)
            railed(add(l_.date, e.date_label, true, true));
        railed(add(l_.heading2, text_of(e.title), true, true, toc(i)));
    }

    void image(const model::Image& img) {
        milestone_start_ = false;
        one_liners_ = false;
        const bool wide = img.width == model::Image::Width::Text;
        const std::int64_t cy = image_height(img);
        auto& b = add(l_.figure, "", !img.caption.empty(), true);
        // Measured in LibreOffice 7.4: the picture's line is as tall as the
        // picture (single spacing, the picture taller than the font's line).
        b.fixed_height = cy * twips_per_pt / emu_per_pt;
        if (!img.caption.empty()) {
            auto& c = add(l_.caption, text_of(img.caption));
            if (!wide)
                railed(c);
        }
    }

    // The height the image is set at in document.xml, in EMU.
    std::int64_t image_height(const model::Image& img) const { return image_extent(img, ctx_).cy; }

    void contents(const model::TableOfContents& t) {
        milestone_start_ = false;
        one_liners_ = false;
        add(l_.toc_heading, t.title, true, true);
        for (const auto& e : ctx_.toc) {
            auto& b = add(e.level <= 1 ? l_.toc1 : l_.toc2, e.text + " 00");
            if (e.level > 1)
                b.indent = l_.toc2_indent;
        }
    }

    const Context& ctx_;
    const Looks& l_;
    std::map<std::size_t, int> toc_of_block_;
    std::vector<Box> boxes_;
    bool break_pending_ = false, milestone_start_ = false, after_heading_ = false;
    bool one_liners_ = false; // the last box is a row of the one-liners' table
};

} // namespace

void estimate_pages(Context& ctx) {
    const std::vector<Box> boxes = Planner(ctx).plan();
    const std::int64_t page_height = ctx.text_height();
    const std::int64_t measure = ctx.text_width();

    struct Measured {
        std::int64_t before, after, leading, height;
        std::int64_t lines;
        std::int64_t slack = 0; // how far below the text area it may end
    };
    Widths widths;
    std::vector<Measured> m;
    m.reserve(boxes.size());
    // LibreOffice's line of a look: proportional (docx_widths.hpp), the
    // title rule's exact.
    auto line_of = [&](const TextStyle& t, bool exact) {
        return exact ? twips_from_pt(t.leading) : widths.line_height(t);
    };
    for (const auto& b : boxes) {
        if (!b.cells.empty()) {
            // A row: its cells' paragraphs with their own space before and
            // after, inside the row; none around it.
            std::int64_t height = 0;
            for (const auto& c : b.cells) {
                Box p;
                p.look = c.look;
                p.text = c.text;
                const std::int64_t lh = line_of(*c.look, false);
                height = std::max(height, twips_from_pt(c.look->space_before) +
                                              count_lines(p, c.width, widths) * lh +
                                              twips_from_pt(c.look->space_after));
            }
            m.push_back({0, 0, height, height, 1});
            continue;
        }
        const std::int64_t leading = line_of(*b.look, b.exact);
        const std::int64_t lines = b.fixed_height >= 0 ? 1 : count_lines(b, measure, widths);
        // Measured in LibreOffice 7.4: a paragraph of proportional lines
        // still fits when it ends less than a single line's shrink (single
        // minus proportional) below the text area (overflows of 1.7 and
        // 2.2 pt fitted, one of more than 2.4 pt did not).
        const std::int64_t slack =
            b.exact || b.fixed_height >= 0 ? 0 : widths.single_line(*b.look) - leading;
        m.push_back({twips_from_pt(b.look->space_before), twips_from_pt(b.look->space_after),
                     leading, b.fixed_height >= 0 ? b.fixed_height : lines * leading, lines,
                     std::max<std::int64_t>(slack, 0)});
    }
    auto gap_before = [&](std::size_t k) -> std::int64_t {
        if (k == 0)
            return m[k].before;
        if (boxes[k].contextual && boxes[k - 1].contextual && boxes[k].look == boxes[k - 1].look)
            return 0;
        // Measured in LibreOffice 7.4: of the space after one paragraph and
        // the space before the next, the larger separates them.
        return std::max(m[k - 1].after, m[k].before);
    };
    // The least that must go on the page with box k: all of it if it keeps
    // its lines together or with the next box (then that one's least too),
    // else two lines (widow and orphan control).
    auto least = [&](std::size_t k) {
        std::int64_t need = 0;
        for (std::size_t j = k; j < boxes.size(); ++j) {
            if (j > k)
                need += gap_before(j);
            const bool whole = boxes[j].keep_lines || boxes[j].keep_next || m[j].lines <= 3;
            need += whole ? m[j].height : 2 * m[j].leading;
            // Past a page the answer is the same (the caller takes at most
            // a page): a long chain of headings costs a page's worth.
            if (!boxes[j].keep_next || need >= page_height)
                break;
        }
        return need;
    };

    std::int64_t page = 1;
    std::int64_t y = 0;
    bool top = true;
    for (std::size_t k = 0; k < boxes.size(); ++k) {
        if (boxes[k].page_break_before && !(top && k == 0)) {
            ++page;
            y = 0;
            top = true;
        }
        // At the top of a page the space before a paragraph counts after a
        // page break of the document's own, not after one the filling made
        // (as LibreOffice 7.4 and Word do).
        std::int64_t gap = top ? m[k].before : gap_before(k);
        // The slack counts where the least is all of it (not where the
        // first lines of a paragraph that goes on would end the page).
        const std::int64_t need = std::min(least(k), page_height);
        const std::int64_t slack = need == m[k].height ? m[k].slack : 0;
        if (!top && y + gap + need > page_height + slack) {
            ++page;
            y = 0;
            top = true;
            gap = 0;
        }
        if (boxes[k].toc_entry >= 0)
            ctx.toc[static_cast<std::size_t>(boxes[k].toc_entry)].page =
                static_cast<int>(std::min<std::int64_t>(page, 999999));
        y += gap;
        std::int64_t rest = m[k].height;
        if (y + rest <= page_height + m[k].slack) {
            y += rest;
        } else {
            // Split the paragraph: whole lines, at least two on each side.
            const std::int64_t lh = std::max<std::int64_t>(m[k].leading, 1);
            std::int64_t lines = m[k].lines;
            std::int64_t fit = std::max<std::int64_t>((page_height - y) / lh, 0);
            if (lines - fit < 2)
                fit = lines - 2;
            lines -= std::max<std::int64_t>(fit, 0);
            // The rest fills whole pages, the last one in part: counted, not
            // walked, so a paragraph of many lines costs one step.
            const std::int64_t per_page = std::max<std::int64_t>(page_height / lh, 1);
            if (lines > 0) {
                const std::int64_t pages = (lines + per_page - 1) / per_page;
                page += pages;
                y = (lines - (pages - 1) * per_page) * lh;
            }
        }
        top = false;
    }
    ctx.pages = static_cast<int>(std::min<std::int64_t>(page, 999999));
}

} // namespace chronik::render::docx
