#include "galley.hpp"

#include "model/overloaded.hpp"
#include "text/hyphenator.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace chronik::layout {

namespace {

bool same(const ParagraphStyle& a, const ParagraphStyle& b) {
    return a.font.family == b.font.family && a.font.bold == b.font.bold &&
           a.font.italic == b.font.italic && a.size == b.size && a.leading == b.leading &&
           a.color == b.color && a.link_color == b.link_color && a.align == b.align &&
           a.hyphenate == b.hyphenate && a.expansion == b.expansion;
}

std::string primary(const std::string& tag) {
    return tag.substr(0, tag.find('-'));
}

void add_link(Slice& s, Length x, Length baseline, Length width, const Piece& p,
              const ParagraphStyle& ps, int element) {
    // The clickable area spans ascender to descender.
    s.items.push_back(LinkItem{
        x, baseline - ps.size * 8 / 10, width, ps.size, p.href, {}, Tag::content(element)});
    // A thin underline in the link colour, so the link reads as one.
    s.items.push_back(
        LineItem{x, baseline + ps.size / 10, x + width, baseline + ps.size / 10, pt(0.4), p.color});
}

} // namespace

PageGeometry geometry_of(const style::Page& page) {
    return {mm(page.width),         mm(page.height),       mm(page.margin_top),
            mm(page.margin_bottom), mm(page.margin_inner), mm(page.margin_outer)};
}

Length baseline_in_leading(FontSet& fonts, const ParagraphStyle& ps) {
    const auto& face = fonts.at(fonts.face(ps.font));
    const Length asc = face.ascender() * ps.size / 1000;
    const Length desc = -face.descender() * ps.size / 1000;
    // Never below the line's own foot: a leading far under the size put
    // the baseline into the next line's space, and the last line's past
    // the text area (off the page when there is no bottom margin).
    return std::min((ps.leading - (asc + desc)) / 2 + asc, ps.leading);
}

Galley::Galley(FontSet& fonts, const Hyphenator* hyphenator, std::string language,
               std::string source, Diagnostics& diags, const PageGeometry& geometry, bool helper)
    : fonts_(fonts), ctx_{fonts, hyphenator, primary(language), std::move(source), diags, {}},
      geometry_(geometry), helper_(helper) {
    ctx_.document_language = std::move(language);
}

SetParagraph Galley::set(const model::Inlines& content, const ParagraphStyle& style, Length width) {
    if (helper_) {
        face_log_.clear();
        fonts_.record(&face_log_);
        const std::size_t warnings = ctx_.diags.items().size();
        const std::size_t missing = ctx_.missing.total;
        SetParagraph result = set_paragraph(content, style, width, ctx_);
        fonts_.record(nullptr);
        // One that warned (or lacked glyphs, counted for the document) is
        // set again by the layout, which reports it.
        const bool usable = ctx_.diags.items().size() == warnings && ctx_.missing.total == missing;
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
            ++prefetched_used_;
            return std::move(p.set);
        }
        ahead_next_ = ahead_.size(); // out of step: the rest of the block is set here
    }
    return set_paragraph(content, style, width, ctx_);
}

int Galley::element(std::string role, int parent) {
    structure_.push_back(StructElement{std::move(role), parent, {}, {}, {}});
    return static_cast<int>(structure_.size()) - 1;
}

std::size_t Galley::add_lines(const SetParagraph& set, const ParagraphStyle& ps, Length x,
                              Length space_before, bool keep_with_previous, int element,
                              bool space_at_end) {
    const std::size_t first = slices_.size();
    const int n = static_cast<int>(set.lines.size());
    const Length baseline = baseline_in_leading(fonts_, ps);
    // The Link element of the link being set (it may go on over lines).
    int link = -1;
    const std::string* link_href = nullptr;
    // The language of a passage's words, one copy for all of them.
    std::shared_ptr<const std::string> passage;
    const auto language = [&passage](const std::string& tag) {
        if (tag.empty())
            return std::shared_ptr<const std::string>();
        if (!passage || *passage != tag)
            passage = std::make_shared<const std::string>(tag);
        return passage;
    };
    int hyphen_span = -1; // the Span of a word hyphenated at the previous line's end
    for (int k = 0; k < n; ++k) {
        Slice s;
        s.height = ps.leading;
        if (k == 0) {
            s.space_before = space_before;
            s.before = keep_with_previous ? BreakBefore::Avoid : BreakBefore::Allowed;
        } else {
            const bool broken = set.lines[static_cast<std::size_t>(k - 1)].hyphenated;
            s.before =
                (k >= 2 && n - k >= 2 && !broken) ? BreakBefore::Allowed : BreakBefore::Avoid;
        }
        const Line& line = set.lines[static_cast<std::size_t>(k)];
        const auto& pieces = line.pieces;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            const auto& p = pieces[i];
            if (p.href.empty()) {
                link = -1;
                link_href = nullptr;
            } else if (!link_href || *link_href != p.href) {
                link = this->element("Link", element);
                link_href = &p.href;
            }
            const int parent = link >= 0 ? link : element;
            int tag = parent;
            // A word broken at this line's end (hyphenated, or after a
            // hyphen, dash or slash it has): its last piece (and the hyphen
            // added), then the next line's first piece, are one Span whose
            // ActualText is the whole word.
            const bool word_goes_on = k + 1 < n && !pieces.back().space_after;
            const std::size_t word_at =
                line.hyphen_added && pieces.size() >= 2 ? pieces.size() - 2 : pieces.size() - 1;
            if (i == 0 && hyphen_span >= 0) {
                tag = hyphen_span;
                structure_[static_cast<std::size_t>(hyphen_span)].actual_text += p.text;
                if (!(word_goes_on && i == word_at))
                    hyphen_span = -1; // unless the word goes on over another line
            } else if (word_goes_on && i == word_at) {
                hyphen_span = this->element("Span", parent);
                structure_[static_cast<std::size_t>(hyphen_span)].actual_text = p.text;
                tag = hyphen_span;
            } else if (word_goes_on && i > word_at && hyphen_span >= 0) {
                tag = hyphen_span; // the hyphen added
            }
            const bool space =
                p.space_after || (space_at_end && k + 1 == n && i + 1 == pieces.size());
            s.items.push_back(TextItem{x + p.x, baseline, p.text, p.face, p.size, p.color, p.scale,
                                       Tag::content(tag), space, language(p.lang)});
            // A link's words on one line: one clickable area, one underline.
            if (!p.href.empty() && (i == 0 || pieces[i - 1].href != p.href)) {
                std::size_t j = i;
                while (j + 1 < pieces.size() && pieces[j + 1].href == p.href)
                    ++j;
                add_link(s, x + p.x, baseline, pieces[j].x + pieces[j].width - p.x, p, ps, link);
            }
        }
        slices_.push_back(std::move(s));
    }
    return first;
}

void Galley::begin_block(std::size_t i) {
    if (slots_) {
        ahead_ = slots_->take(i);
        ahead_next_ = 0;
    }
    recorded_.clear();
}

void Galley::end_block() {
    // A page holds at most a text area's height of slices (a taller slice
    // has a page to itself): stop early when the slices so far cannot fit
    // into max_pages.
    const Length area_h = geometry_.text_height();
    for (; counted_ < slices_.size(); ++counted_)
        height_so_far_ += std::min(slices_[counted_].height, area_h);
    if (height_so_far_ > area_h * static_cast<Length>(max_pages))
        too_many_pages();
}

void Galley::too_many_pages() {
    throw std::runtime_error("the document would have more than " + std::to_string(max_pages) +
                             " pages; the limit is " + std::to_string(max_pages) +
                             " (render a part of it with --from, --to or --category)");
}

namespace {

// Helper thread (prefetch.hpp): sets the paragraphs of the blocks dealt to
// it and hands them over, until stopped.
void prefetch(const EngineRun& run, BlockSlots& slots) {
    FontSet own_fonts;
    Diagnostics ignored;
    Galley galley(own_fonts, run.hyphenator, run.doc.meta.language, run.doc.meta.source, ignored,
                  run.geometry, true);
    const auto walker = run.walker(galley);
    for (std::size_t i = 0; i < run.doc.blocks.size(); ++i) {
        if (!BlockSlots::helpers(i))
            continue;
        if (!slots.claim(i)) {
            if (slots.stopped())
                return;
            continue; // the layout was there first
        }
        galley.begin_block(i);
        try {
            walker->block(i);
        } catch (...) {
            galley.take_recorded(); // the layout sets the block again and reports the error
        }
        slots.publish(i, galley.take_recorded());
        galley.slices().clear(); // never paginated
    }
}

PageTree place(const EngineRun& run, std::vector<Slice>& slices,
               const std::vector<std::vector<PlacedSlice>>& placed) {
    PageTree tree;
    // Where each anchor landed: page index.
    std::unordered_map<std::string, std::size_t> anchor_page;
    for (std::size_t pi = 0; pi < placed.size(); ++pi)
        for (const auto& ps : placed[pi])
            for (const auto& a : slices[ps.slice].anchors)
                anchor_page.emplace(a.id, pi);
    const auto page_of = [&anchor_page](const std::string& id) {
        const auto it = anchor_page.find(id);
        return it == anchor_page.end() ? 0 : static_cast<int>(it->second) + 1;
    };
    PageDecorator none;
    PageDecorator& decorator = run.decorator ? *run.decorator : none;
    for (std::size_t pi = 0; pi < placed.size(); ++pi) {
        Page page;
        page.width = run.geometry.width;
        page.height = run.geometry.height;
        page.number = static_cast<int>(pi) + 1;
        const Length left = run.geometry.left(page.number);
        PageInProgress at{
            page,   pi,     left, placed[pi], pi + 1 < placed.size() ? &placed[pi + 1] : nullptr,
            slices, page_of};
        decorator.begin(at);
        for (const auto& ps : placed[pi]) {
            Slice& s = slices[ps.slice];
            // Each slice is placed once: its items move to the page.
            for (auto& item : s.items) {
                std::visit(model::overloaded{
                               [&](TextItem& t) { t.x += left, t.y += ps.y; },
                               [&](LineItem& l) {
                                   l.x1 += left, l.x2 += left, l.y1 += ps.y, l.y2 += ps.y;
                               },
                               [&](RectItem& r) { r.x += left, r.y += ps.y; },
                               [&](CircleItem& c) { c.cx += left, c.cy += ps.y; },
                               [&](ImageItem& i) {
                                   i.x += left, i.y += ps.y;
                                   i.clip_x += left, i.clip_y += ps.y;
                               },
                               [&](LinkItem& l) { l.x += left, l.y += ps.y; },
                           },
                           item);
                page.items.push_back(std::move(item));
            }
            s.items.clear();
            for (const auto& a : s.anchors)
                page.anchors.push_back({a.id, a.y + ps.y});
            decorator.placed(at, ps);
        }
        decorator.end(at);
        tree.pages.push_back(std::move(page));
    }
    return tree;
}

} // namespace

PageTree lay_out(const EngineRun& run) {
    Galley galley(run.fonts, run.hyphenator, run.doc.meta.language, run.doc.meta.source, run.diags,
                  run.geometry);
    const auto walker = run.walker(galley);
    // A helper sets every other chunk of paragraphs (prefetch.hpp). For a
    // short document, opening its own fonts costs more than it saves.
    constexpr std::size_t helper_from_blocks = 400;
    std::unique_ptr<BlockSlots> slots;
    std::thread helper;
    if (run.threads > 1 && run.doc.blocks.size() >= helper_from_blocks) {
        slots = std::make_unique<BlockSlots>(run.doc.blocks.size());
        helper = std::thread([&run, &slots] {
            try {
                prefetch(run, *slots);
            } catch (...) {
                // No help then (it has no block half set: prefetch() hands
                // each claimed block over): the layout sets the rest itself.
            }
        });
        galley.use(slots.get());
    }
    const auto stop_helper = [&] {
        if (slots) {
            slots->stop();
            helper.join();
        }
    };
    PageTree tree;
    try {
        for (std::size_t i = 0; i < run.doc.blocks.size(); ++i) {
            galley.begin_block(i);
            walker->block(i);
            galley.end_block();
        }
        stop_helper();
        slots.reset();
        const auto pages = paginate(galley.slices(), run.geometry.top, run.geometry.text_height());
        if (pages.size() > max_pages)
            Galley::too_many_pages();
        tree = place(run, galley.slices(), pages);
        tree.structure = std::move(galley.structure());
    } catch (...) {
        stop_helper();
        throw;
    }
    tree.stats.prefetched_paragraphs = galley.prefetched_used();
    galley.report_missing_glyphs();
    // Font problems belong to the style sheet line that named the family.
    for (const auto& note : run.fonts.notes()) {
        style::StyleOrigin at;
        if (run.style)
            at = style::origin_of_family(*run.style, note.asked.family);
        if (at.file.empty())
            run.diags.warning(run.doc.meta.source, 0, note.message);
        else
            run.diags.warning(at.file, at.line, note.message);
    }
    return tree;
}

} // namespace chronik::layout
