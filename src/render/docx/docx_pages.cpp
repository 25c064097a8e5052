#include "docx_pages.hpp"

#include "docx_media.hpp"

#include "docx_units.hpp"
#include "model/overloaded.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

namespace chronik::render::docx {

namespace {

using style::TextStyle;

// Advance widths of Charis SIL 6.101 (Debian's fonts-sil-charis) in 1/1000
// em, for U+0020..U+007E and U+00A0..U+00FF, faces Regular, Bold, Italic,
// Bold Italic. Read from the fonts' hmtx tables. Used for every family: the
// estimate needs typical widths of a book face, not exact ones.
constexpr std::uint16_t charis_widths[4][191] = {
    // Regular
    {293, 338, 333,  743, 563,  860, 699,  171, 376, 376, 500,  1000, 280,  320, 280, 490, 563, 563,
     563, 563, 563,  563, 563,  563, 563,  563, 280, 280, 1000, 1000, 1000, 486, 936, 674, 605, 627,
     696, 583, 541,  695, 743,  330, 485,  638, 531, 876, 721,  731,  579,  739, 649, 521, 599, 712,
     666, 931, 634,  626, 575,  423, 489,  423, 327, 335, 350,  509,  555,  466, 564, 490, 326, 525,
     574, 303, 292,  534, 297,  850, 567,  544, 559, 549, 391,  398,  340,  569, 529, 783, 510, 530,
     462, 488, 354,  488, 833,  293, 338,  563, 563, 610, 596,  345,  500,  316, 837, 341, 442, 620,
     320, 837, 335,  320, 1000, 366, 366,  350, 547, 486, 188,  230,  366,  358, 442, 875, 875, 875,
     486, 674, 674,  674, 674,  674, 674,  933, 627, 583, 583,  583,  583,  330, 330, 330, 330, 696,
     721, 731, 731,  731, 731,  731, 1000, 731, 712, 712, 712,  712,  626,  578, 628, 509, 509, 509,
     509, 509, 509,  721, 466,  490, 490,  490, 490, 303, 303,  303,  303,  539, 567, 544, 544, 544,
     544, 544, 1000, 544, 569,  569, 569,  569, 530, 559, 530},
    // Bold
    {293, 340, 392,  741, 587,  894, 735,  176, 392, 392, 500,  1000, 318,  328, 318, 501, 587, 587,
     587, 587, 587,  587, 587,  587, 587,  587, 318, 318, 1000, 1000, 1000, 522, 936, 686, 639, 636,
     724, 598, 559,  716, 769,  359, 512,  682, 554, 903, 744,  756,  612,  756, 704, 536, 609, 729,
     706, 966, 671,  663, 581,  548, 494,  589, 340, 340, 374,  553,  598,  502, 609, 529, 347, 555,
     626, 333, 324,  592, 333,  906, 625,  584, 604, 603, 432,  445,  375,  620, 566, 841, 546, 566,
     491, 495, 398,  495, 833,  293, 340,  587, 587, 610, 635,  345,  500,  348, 837, 359, 449, 620,
     328, 837, 340,  320, 1000, 381, 381,  375, 582, 520, 188,  246,  381,  380, 449, 907, 907, 907,
     522, 686, 686,  686, 686,  686, 686,  969, 636, 598, 598,  598,  598,  359, 359, 359, 359, 724,
     744, 756, 756,  756, 756,  756, 1000, 756, 729, 729, 729,  729,  663,  614, 677, 553, 553, 553,
     553, 553, 553,  771, 502,  529, 529,  529, 529, 333, 333,  333,  333,  578, 625, 584, 584, 584,
     584, 584, 1000, 584, 620,  620, 620,  620, 566, 604, 566},
    // Italic
    {293, 338, 331,  743, 556,  860, 704,  170, 419, 418, 500,  1000, 280,  319, 280, 490, 556, 556,
     556, 556, 556,  556, 556,  556, 556,  556, 280, 280, 1000, 1000, 1000, 486, 936, 673, 607, 630,
     671, 558, 514,  688, 725,  314, 468,  656, 518, 862, 711,  710,  566,  710, 641, 521, 586, 707,
     643, 927, 633,  639, 563,  421, 489,  421, 343, 304, 393,  521,  492,  435, 526, 434, 322, 440,
     524, 266, 273,  509, 265,  776, 530,  506, 494, 522, 374,  370,  300,  527, 462, 702, 528, 497,
     445, 486, 354,  486, 833,  293, 338,  556, 556, 610, 556,  345,  500,  317, 837, 338, 407, 620,
     319, 837, 305,  320, 1000, 361, 361,  292, 547, 486, 188,  238,  361,  329, 407, 879, 879, 879,
     486, 673, 673,  673, 673,  673, 673,  936, 630, 558, 558,  558,  558,  314, 314, 314, 314, 671,
     711, 710, 710,  710, 710,  710, 1000, 710, 707, 707, 707,  707,  639,  566, 556, 521, 521, 521,
     521, 521, 521,  745, 435,  434, 434,  434, 434, 266, 266,  266,  266,  506, 530, 506, 506, 506,
     506, 506, 1000, 506, 527,  527, 527,  527, 497, 494, 497},
    // BoldItalic
    {293, 380, 376,  741, 598,  900, 745,  175, 424, 424, 500,  1000, 321,  348, 318, 501, 598, 598,
     598, 598, 598,  598, 598,  598, 598,  598, 318, 318, 1000, 1000, 1000, 535, 936, 715, 649, 672,
     713, 600, 556,  730, 767,  356, 510,  698, 560, 904, 753,  752,  608,  752, 683, 563, 628, 749,
     685, 969, 675,  681, 604,  448, 494,  448, 340, 342, 424,  568,  532,  481, 566, 480, 362, 486,
     565, 310, 318,  550, 306,  826, 578,  553, 541, 570, 419,  415,  344,  574, 509, 751, 576, 543,
     491, 495, 398,  495, 833,  293, 340,  598, 598, 610, 598,  345,  541,  348, 837, 369, 413, 620,
     348, 837, 340,  320, 1000, 389, 389,  321, 583, 535, 188,  246,  389,  359, 413, 907, 907, 907,
     522, 715, 715,  715, 715,  715, 715,  978, 672, 600, 600,  600,  600,  356, 356, 356, 356, 713,
     753, 752, 752,  752, 752,  752, 1000, 752, 749, 749, 749,  749,  681,  608, 598, 568, 568, 568,
     568, 568, 568,  785, 481,  480, 480,  480, 480, 310, 310,  310,  310,  547, 578, 553, 553, 553,
     553, 553, 1000, 553, 574,  574, 574,  574, 543, 541, 543},
};

double em_width(char32_t c, int face) {
    if (c >= 0x20 && c <= 0x7E)
        return charis_widths[face][c - 0x20] / 1000.0;
    if (c >= 0xA0 && c <= 0xFF)
        return charis_widths[face][c - 0xA0 + 95] / 1000.0;
    switch (c) {
    case 0x2014: // em dash
    case 0x2026: // ellipsis
        return 1.0;
    case 0x2019:
    case 0x2018:
    case 0x201A:
        return 0.26;
    case 0x201C:
    case 0x201D:
    case 0x201E:
        return 0.46;
    default:
        return 0.5; // en dash and the rest
    }
}

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

// One paragraph as the writer will make it, reduced to what fills a page.
struct Box {
    const TextStyle *look = nullptr;
    std::string text;
    std::int64_t indent = 0;        // twips off the measure
    std::int64_t fixed_height = -1; // an image paragraph's height, twips
    bool keep_next = false, keep_lines = false, page_break_before = false;
    bool contextual = false; // no space between neighbours of the same kind
    int toc_entry = -1;
};

// The text of inlines with line breaks kept (model::plain_text makes them
// spaces).
void append_text(std::string &out, const model::Inlines &inlines) {
    for (const auto &node : inlines)
        std::visit(model::overloaded{
                       [&](const model::Text &t) { out += t.text; },
                       [&](const model::Emphasis &e) { append_text(out, e.children); },
                       [&](const model::Strong &st) { append_text(out, st.children); },
                       [&](const model::Link &l) { append_text(out, l.children); },
                       [&](const model::LineBreak &) { out += '\n'; },
                   },
                   node);
}

std::string text_of(const model::Inlines &inlines) {
    std::string out;
    append_text(out, inlines);
    return out;
}

int face_of(const TextStyle &t) {
    return (t.font.bold ? 1 : 0) + (t.font.italic ? 2 : 0);
}

// Lines of a greedy fill, the way Word and LibreOffice break: at spaces,
// after hyphens and slashes, and (where the style hyphenates) inside long
// words, which is modelled as filling the line and carrying the rest.
int count_lines(const Box &b, std::int64_t measure) {
    const TextStyle &t = *b.look;
    const int face = face_of(t);
    const double scale = t.size * twips_per_pt; // twips per em
    const double width = static_cast<double>(measure - b.indent);
    const std::u32string text = decode(b.text);
    const double space = em_width(' ', face) * scale;
    const double hyphen = em_width('-', face) * scale;
    int lines = 1;
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
            w += em_width(text[j], face) * scale;
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
            while (x > width) {
                ++lines;
                x -= width;
            }
            line_empty = false;
        }
        i = j;
    }
    return lines;
}

class Planner {
public:
    explicit Planner(const Context &ctx) : ctx_(ctx), l_(ctx.looks) {
        for (std::size_t k = 0; k < ctx.toc.size(); ++k)
            toc_of_block_[ctx.toc[k].block] = static_cast<int>(k);
    }

    std::vector<Box> plan() {
        const auto &blocks = ctx_.doc.blocks;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const bool is_heading = std::holds_alternative<model::Heading>(blocks[i]);
            std::visit(model::overloaded{
                           [&](const model::Paragraph &p) { paragraph(p); },
                           [&](const model::Heading &h) {
                               milestone_start_ = false;
                               add(h.level <= 1 ? l_.heading1 : l_.heading2, text_of(h.content),
                                   true, true, toc(i));
                           },
                           [&](const model::DatedEntry &e) { entry(i, e); },
                           [&](const model::Image &img) { image(img); },
                           [&](const model::TableOfContents &t) { contents(t); },
                           [&](const model::PageBreak &) { break_pending_ = true; },
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

    Box &add(const TextStyle &look, std::string text, bool keep_next = false,
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

    void paragraph(const model::Paragraph &p) {
        const TextStyle *look = &l_.body;
        switch (p.role) {
        case model::Role::Title:
            look = &l_.title;
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
        add(*look, text_of(p.content), keep);
    }

    void entry(std::size_t i, const model::DatedEntry &e) {
        milestone_start_ = false;
        if (!e.has_body) {
            auto &b = add(l_.dated_list, text_of(e.title));
            b.indent = ctx_.dated_list_indent;
            b.contextual = true;
            return;
        }
        if (!has_head(e)) {
            milestone_start_ = !after_heading_;
            return;
        }
        if (e.title.empty()) {
            add(l_.date_heading, e.date_label, true, true, toc(i));
            return;
        }
        if (!e.date_is_redundant)
            add(l_.date, e.date_label, true, true);
        add(l_.heading2, text_of(e.title), true, true, toc(i));
    }

    void image(const model::Image &img) {
        milestone_start_ = false;
        const std::int64_t cy = image_height(img);
        auto &b = add(l_.figure, "", !img.caption.empty(), true);
        b.fixed_height = cy * twips_per_pt / emu_per_pt + twips_from_pt(l_.figure.size * 0.3);
        if (!img.caption.empty())
            add(l_.caption, text_of(img.caption));
    }

    // The height the image is set at in document.xml, in EMU.
    std::int64_t image_height(const model::Image &img) const { return image_extent(img, ctx_).cy; }

    void contents(const model::TableOfContents &t) {
        milestone_start_ = false;
        add(l_.toc_heading, t.title, true, true);
        for (const auto &e : ctx_.toc) {
            auto &b = add(e.level <= 1 ? l_.toc1 : l_.toc2, e.text + " 00");
            if (e.level > 1)
                b.indent = l_.toc2_indent;
        }
    }

    const Context &ctx_;
    const Looks &l_;
    std::map<std::size_t, int> toc_of_block_;
    std::vector<Box> boxes_;
    bool break_pending_ = false, milestone_start_ = false, after_heading_ = false;
};

} // namespace

void estimate_pages(Context &ctx) {
    const std::vector<Box> boxes = Planner(ctx).plan();
    const std::int64_t page_height = ctx.text_height();
    const std::int64_t measure = ctx.text_width();

    struct Measured {
        std::int64_t before, after, leading, height;
        int lines;
    };
    std::vector<Measured> m;
    m.reserve(boxes.size());
    for (const auto &b : boxes) {
        const std::int64_t leading = twips_from_pt(b.look->leading);
        const int lines = b.fixed_height >= 0 ? 1 : count_lines(b, measure);
        m.push_back({twips_from_pt(b.look->space_before), twips_from_pt(b.look->space_after),
                     leading, b.fixed_height >= 0 ? b.fixed_height : lines * leading, lines});
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
            if (!boxes[j].keep_next)
                break;
        }
        return need;
    };

    int page = 1;
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
        if (!top && y + gap + std::min(least(k), page_height) > page_height) {
            ++page;
            y = 0;
            top = true;
            gap = 0;
        }
        if (boxes[k].toc_entry >= 0)
            ctx.toc[static_cast<std::size_t>(boxes[k].toc_entry)].page = page;
        y += gap;
        std::int64_t rest = m[k].height;
        if (y + rest <= page_height) {
            y += rest;
        } else {
            // Split the paragraph: whole lines, at least two on each side.
            const std::int64_t lh = std::max<std::int64_t>(m[k].leading, 1);
            int lines = m[k].lines;
            int fit = static_cast<int>((page_height - y) / lh);
            if (lines - fit < 2)
                fit = lines - 2;
            lines -= std::max(fit, 0);
            const std::int64_t per_page = std::max<std::int64_t>(page_height / lh, 1);
            while (lines > 0) {
                ++page;
                const std::int64_t here = std::min<std::int64_t>(lines, per_page);
                y = here * lh;
                lines -= static_cast<int>(here);
            }
        }
        top = false;
    }
}

} // namespace chronik::render::docx
