#include "paragraph.hpp"

#include "model/overloaded.hpp"
#include "support/language.hpp"
#include "support/utf8.hpp"
#include "text/break_opportunities.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace chronik::layout {

namespace {

// A stretch of text in one look, from flattening the inline tree.
struct Run {
    std::string text;
    int face = 0;
    bool hard_break = false;
    std::string href;
    int line = 0;
    std::string lang; // of the innermost <span>; "" = the paragraph's
};

bool same_language(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

struct Flattener {
    TypesetContext& ctx;
    const ParagraphStyle& style;
    std::vector<Run> runs;

    void walk(const model::Inlines& in, bool bold, bool italic, const std::string& href,
              const std::string& lang) {
        for (const auto& node : in) {
            std::visit(
                model::overloaded{
                    [&](const model::Text& t) {
                        style::Font f = style.font;
                        f.bold = f.bold || bold;
                        f.italic = italic ? !style.font.italic : style.font.italic;
                        runs.push_back({t.text, ctx.fonts.face(f), false, href, t.line, lang});
                    },
                    // Emphasis toggles the slant (emphasis in italic text is upright).
                    [&](const model::Emphasis& e) { walk(e.children, bold, !italic, href, lang); },
                    [&](const model::Strong& s) { walk(s.children, true, italic, href, lang); },
                    [&](const model::Link& l) { walk(l.children, bold, italic, l.href, lang); },
                    [&](const model::LineBreak& b) {
                        runs.push_back(
                            {"\n", runs.empty() ? ctx.fonts.face(style.font) : runs.back().face,
                             true, "", b.line, lang});
                    },
                    // The innermost span wins; one in the document's own
                    // language is the paragraph's language again.
                    [&](const model::Span& s) {
                        walk(s.children, bold, italic, href,
                             same_language(s.lang, ctx.document_language) ? std::string() : s.lang);
                    },
                },
                node);
        }
    }
};

// What a box or penalty of the item list carries for drawing.
struct Payload {
    std::string text;
    int face = 0;
    std::string href;
    std::string lang;
};

// The item list of one paragraph (Knuth & Plass: boxes, glue, penalties),
// with what each item draws.
struct ItemList {
    TypesetContext& ctx;
    const ParagraphStyle& style;
    Length width;
    std::vector<Item> items;
    std::vector<Payload> payload; // parallel to items

    void push(Item it, Payload p = {}) {
        if (it.kind == Item::Kind::Box)
            line_has_box = true;
        items.push_back(it);
        payload.push_back(std::move(p));
    }

    const FontFace& face(int id) const { return ctx.fonts.at(id); }

    // One code point of a fragment, in a face that has it (or none).
    struct Glyph {
        std::string text;
        int face;
        const Run* run;
    };

    std::vector<Glyph> fragment;

    void add_char(char32_t cp, const Run& run) {
        int f = run.face;
        if (cp > 0xFFFF || !face(f).has_glyph(cp)) {
            f = fallback_for(cp, run);
            if (f < 0)
                return;
        }
        if (fragment.empty() || fragment.back().face != f || fragment.back().run != &run)
            fragment.push_back({{}, f, &run});
        utf8::append(fragment.back().text, cp);
    }

    int fallback_for(char32_t cp, const Run& run) {
        const auto& main = face(run.face);
        if (cp > 0xFFFF) {
            ctx.missing.add(cp, main.family(), "", true, run.line);
            return -1;
        }
        for (const char* family : {"DejaVu Sans", "DejaVu Serif"}) {
            style::Font f{family, false, false};
            const int id = ctx.fonts.face(f);
            if (face(id).has_glyph(cp)) {
                ctx.missing.add(cp, main.family(), face(id).family(), false, run.line);
                return id;
            }
        }
        ctx.missing.add(cp, main.family(), "", false, run.line);
        return -1;
    }

    Length text_width(const std::string& s, int f) const {
        // No kerning: the PDF writer cannot position glyph pairs within a string,
        // and measuring what is not drawn would shift every line.
        return face(f).width(s, style.size);
    }

    // The patterns for text in `lang` ("" = the paragraph's), or nullptr.
    const Hyphenator* hyphenator_for(const std::string& lang) const {
        if (lang.empty())
            return ctx.hyphenator;
        std::string key = lang;
        for (auto& c : key)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto dict = ctx.span_dictionaries.find(key);
        if (dict == ctx.span_dictionaries.end())
            dict = ctx.span_dictionaries.emplace(key, Hyphenator::dictionary_for(key)).first;
        if (dict->second.empty())
            return nullptr;
        auto loaded = ctx.span_hyphenators.find(dict->second);
        if (loaded == ctx.span_hyphenators.end())
            loaded = ctx.span_hyphenators
                         .emplace(dict->second, std::make_unique<Hyphenator>(dict->second))
                         .first;
        return loaded->second.get();
    }

    // The fragment's patterns: none when it has none, or when its letters
    // are in more than one language ("<span lang=en>Hotline</span>s").
    const Hyphenator* fragment_hyphenator() const {
        const std::string& lang = fragment.front().run->lang;
        for (const auto& g : fragment)
            if (g.run->lang != lang)
                return nullptr;
        return hyphenator_for(lang);
    }

    bool hyphenatable() const {
        if (!style.hyphenate || !fragment_hyphenator())
            return false;
        std::string all;
        for (const auto& g : fragment) {
            if (!g.run->href.empty())
                return false; // no hyphenation in link texts (URLs)
            all += g.text;
        }
        if (all.find("://") != std::string::npos || all.find('@') != std::string::npos ||
            all.rfind("www.", 0) == 0)
            return false;
        for (char c : all)
            if (c >= '0' && c <= '9')
                return false;
        return true;
    }

    // Byte offsets into the fragment's text where a hyphen may go.
    std::vector<std::size_t> hyphen_points(const std::string& all) const {
        // The word proper: without leading and trailing punctuation.
        auto is_letter = [](char32_t c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
        };
        std::size_t b = 0, e = all.size();
        std::vector<std::pair<std::size_t, char32_t>> cps;
        for (std::size_t i = 0; i < all.size();) {
            const std::size_t at = i;
            cps.push_back({at, utf8::next(all, i)});
        }
        std::size_t first = 0, last = cps.size();
        while (first < last && !is_letter(cps[first].second))
            ++first;
        while (last > first && !is_letter(cps[last - 1].second))
            --last;
        if (last - first < 5)
            return {};
        for (std::size_t k = first; k < last; ++k)
            if (!is_letter(cps[k].second))
                return {}; // "z.B.", "Know-how" parts etc. stay whole
        b = cps[first].first;
        e = last < cps.size() ? cps[last].first : all.size();
        const std::string word = all.substr(b, e - b);
        // Cached by language and word (a NUL never occurs in the text).
        const std::string& lang = fragment.front().run->lang;
        const std::string key = lang.empty() ? word : lang + '\0' + word;
        auto known = ctx.hyphenations.find(key);
        if (known == ctx.hyphenations.end())
            known = ctx.hyphenations.emplace(key, fragment_hyphenator()->points(word)).first;
        auto pts = known->second;
        for (auto& p : pts)
            p += b;
        return pts;
    }

    // A word longer than the line is broken where lines end (no hyphen: it
    // is likely a URL or code), as CSS's overflow-wrap: break-word does: it
    // starts a line of its own and fills whole lines, one box per line with
    // forced breaks between them. (A box per character, every position a
    // feasible break, cost the breaker time and memory in proportion to the
    // word's length times the characters of a line: seconds and gigabytes
    // for a word of a few megabytes.)
    void split_overlong_fragment() {
        if (line_has_box)
            forced_break();
        Length used = 0; // width of the boxes already on this line
        for (const auto& g : fragment) {
            const FontFace& f = face(g.face);
            std::size_t from = 0;
            Length units =
                0; // advances of g.text[from, i) in 1/1000 em, as FontFace::width sums them
            auto emit = [&](std::size_t to) {
                if (to > from)
                    used += push_box(g.text.substr(from, to - from), g);
            };
            for (std::size_t i = 0; i < g.text.size();) {
                const std::size_t at = i;
                const Length advance = f.advance(utf8::next(g.text, i));
                // At least one character a line, however narrow the measure.
                if (used + (units + advance) * style.size / 1000 > width &&
                    (used > 0 || at > from)) {
                    emit(at);
                    forced_break();
                    used = 0;
                    from = at;
                    units = 0;
                }
                units += advance;
            }
            emit(g.text.size());
        }
        fragment.clear();
    }

    // A box for `part` of the glyph run `g` (expandable in justified text);
    // returns its width.
    Length push_box(std::string part, const Glyph& g) {
        const Length w = text_width(part, g.face);
        const Length flex = style.align == style::Align::Justify
                                ? static_cast<Length>(static_cast<double>(w) * style.expansion)
                                : 0;
        push(Item::box(w, flex, flex), {std::move(part), g.face, g.run->href, g.run->lang});
        return w;
    }

    // Emits the current fragment as boxes (and hyphenation penalties).
    void flush_fragment() {
        if (fragment.empty())
            return;
        std::string all;
        for (const auto& g : fragment)
            all += g.text;
        Length total = 0;
        for (const auto& g : fragment)
            total += text_width(g.text, g.face);
        if (total > width) {
            split_overlong_fragment();
            return;
        }
        std::vector<std::size_t> points;
        if (hyphenatable())
            points = hyphen_points(all);
        std::size_t offset = 0; // of the glyph run in `all`
        std::size_t next_point = 0;
        for (const auto& g : fragment) {
            std::size_t from = 0;
            auto emit = [&](std::size_t to) {
                if (to <= from)
                    return;
                push_box(g.text.substr(from, to - from), g);
                from = to;
            };
            while (next_point < points.size() && points[next_point] < offset + g.text.size()) {
                const std::size_t p = points[next_point++];
                if (p <= offset)
                    continue;
                emit(p - offset);
                const Length hyphen = face(g.face).advance(U'-') * style.size / 1000;
                push(Item::penalty_item(hyphen, 50, true), {"-", g.face, g.run->href, g.run->lang});
            }
            emit(g.text.size());
            offset += g.text.size();
        }
        fragment.clear();
    }

    void space(const Run& run) {
        const Length w = face(run.face).advance(U' ') * style.size / 1000;
        if (style.align == style::Align::Justify) {
            push(Item::glue(w, w / 2, w / 3));
        } else {
            // Ragged lines (Knuth & Plass, "ragged-right" formulation): the
            // stretch sits only at the line's end.
            const Length l = 3 * style.size;
            push(Item::glue(0, l, 0));
            push(Item::penalty_item(0, 0, false));
            push(Item::glue(w, -l, 0));
        }
    }

    void forced_break() {
        // No break at the fill glue (TeX's \penalty10000 before
        // \parfillskip): an overfull last box would end its line there and
        // leave an empty one before the forced break.
        push(Item::penalty_item(0, infinite_penalty, false));
        push(Item::fill_glue());
        push(Item::penalty_item(0, -infinite_penalty, false));
        line_has_box = false;
    }

    bool line_has_box = false; // a box since the last forced break
};

// Break opportunities inside passages in another language follow that
// language's rules (libunibreak tailors quotation marks by language): each
// stretch of runs in one other language is asked for on its own, which
// keeps the cost linear however many spans there are. The opportunity
// after a stretch's last byte stays the paragraph's (it depends on what
// follows the stretch).
void take_span_breaks(std::vector<text::Break>& brks, const std::string& all,
                      const std::vector<Run>& runs, const std::vector<std::size_t>& run_start,
                      const std::string& language) {
    for (std::size_t r = 0; r < runs.size();) {
        const std::string tag = primary_language(runs[r].lang);
        std::size_t end = r + 1;
        while (end < runs.size() && primary_language(runs[end].lang) == tag)
            ++end;
        if (!runs[r].lang.empty() && tag != language) {
            const std::size_t from = run_start[r];
            const std::size_t to = end < runs.size() ? run_start[end] : all.size();
            if (to - from > 1) {
                const auto own =
                    text::break_opportunities(std::string_view(all).substr(from, to - from), tag);
                std::copy(own.begin(), own.end() - 1, brks.begin() + static_cast<long>(from));
            }
        }
        r = end;
    }
}

std::string mm_text(Length l) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f mm", to_pt(l) * 25.4 / 72);
    return buf;
}

std::string pt_text(Length l) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f pt", to_pt(l));
    return buf;
}

} // namespace

void MissingGlyphs::add(char32_t cp, const std::string& font, const std::string& set_in,
                        bool outside_bmp, int line) {
    ++total;
    auto [it, fresh] = index_.emplace(std::pair{cp, font}, entries.size());
    if (fresh)
        entries.push_back({cp, font, set_in, outside_bmp, 0, {}});
    Entry& e = entries[it->second];
    ++e.count;
    constexpr std::size_t shown_lines = 3;
    if (e.lines.size() < shown_lines && line > 0 &&
        std::find(e.lines.begin(), e.lines.end(), line) == e.lines.end())
        e.lines.push_back(line);
}

void MissingGlyphs::report(const std::string& source, Diagnostics& diags) const {
    for (const auto& e : entries) {
        char name[16];
        std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(e.cp));
        std::string shown;
        utf8::append(shown, e.cp);
        std::string where;
        for (std::size_t k = 0; k < e.lines.size(); ++k)
            where += (k ? ", " : "") + std::to_string(e.lines[k]);
        std::string message =
            e.outside_bmp
                ? "character " + std::string(name) + " '" + shown +
                      "' cannot be set in the PDF (outside the Basic Multilingual Plane)"
                : "the font '" + e.font + "' has no glyph for '" + shown + "' (" + name + ")";
        message += ", used " + std::to_string(e.count) + (e.count == 1 ? " time" : " times");
        if (!where.empty())
            message += std::string(" (") + (e.lines.size() == 1 ? "at line " : "first at lines ") +
                       where + ")";
        message += e.set_in.empty() ? (e.outside_bmp ? "; it is left out"
                                                     : "; no installed font has it, it is left out")
                                    : "; set in '" + e.set_in + "'";
        diags.warning(source, e.lines.empty() ? 0 : e.lines.front(), std::move(message));
    }
}

SetParagraph set_paragraph(const model::Inlines& content, const ParagraphStyle& style, Length width,
                           TypesetContext& ctx) {
    Flattener flat{ctx, style, {}};
    flat.walk(content, false, false, "", "");
    SetParagraph out;
    out.leading = style.leading;
    const int base = ctx.fonts.face(style.font);
    out.ascent = ctx.fonts.at(base).ascender() * style.size / 1000;
    if (flat.runs.empty())
        return out;

    // The paragraph's text in one string, to ask for its break opportunities.
    std::string all;
    std::vector<std::size_t> run_start;
    for (const auto& r : flat.runs) {
        run_start.push_back(all.size());
        all += r.text;
    }
    std::vector<text::Break> brks = text::break_opportunities(all, ctx.language);
    take_span_breaks(brks, all, flat.runs, run_start, ctx.language);

    ItemList b{ctx, style, width, {}, {}, {}, {}};
    std::size_t r = 0;
    for (std::size_t i = 0; i < all.size();) {
        while (r + 1 < run_start.size() && i >= run_start[r + 1])
            ++r;
        const Run& run = flat.runs[r];
        const std::size_t at = i;
        const char32_t cp = utf8::next(all, i);
        if (run.hard_break) {
            b.flush_fragment();
            b.forced_break();
            continue;
        }
        if (cp == U' ') {
            b.flush_fragment();
            b.space(run);
            continue;
        }
        b.add_char(cp, run);
        const text::Break brk = brks[i - 1];
        const bool next_is_space = i < all.size() && (all[i] == ' ' || all[i] == '\n');
        if (brk == text::Break::allowed && i < all.size() && !next_is_space) {
            // A break inside a word after an explicit hyphen or dash
            // ("IT-|Dienstleister", "Bürger/|-innen"): no hyphen is added, but
            // a line ending in a hyphen counts as hyphenated.
            b.flush_fragment();
            const bool hyphen = cp == U'-' || cp == U'\u2010' || cp == U'\u2013';
            b.push(Item::penalty_item(0, hyphen ? 50 : 100, hyphen));
        }
        (void)at;
    }
    b.flush_fragment();
    b.forced_break();

    auto breaks = break_lines(
        b.items, [&](std::size_t) { return width; }, ctx.params);
    if (!breaks) {
        // break_lines finds breaks for every list that ends in a forced
        // break, as this one does (overfull lines where a glyph is wider
        // than the line); kept as a last resort rather than fail.
        breaks = std::vector<LineBreak>{{b.items.size() - 1, 0, false}};
    }

    std::size_t start = 0;
    bool overfull_warned = false;
    for (std::size_t li = 0; li < breaks->size(); ++li) {
        const auto& br = (*breaks)[li];
        // Skip what vanishes at the start of a line.
        while (start < br.position && b.items[start].kind != Item::Kind::Box)
            ++start;
        Line line;
        line.ratio = br.ratio;
        line.hyphenated = br.flagged;
        const Item& at_break = b.items[br.position];
        line.last = at_break.kind == Item::Kind::Penalty && at_break.penalty <= -infinite_penalty;
        const bool justify = style.align == style::Align::Justify;
        // The line's glyph scaling: boxes stretch in proportion to their width.
        // At most what the second pass allows: a line of one word (the last
        // pass stretches without bound) would widen its glyphs past the
        // measure; its spaces take the rest.
        const double r = justify ? std::clamp(br.ratio, -1.0, 2.0) : 0.0;
        const double expand = r * style.expansion;
        const int scale = static_cast<int>(std::lround(1000.0 * (1.0 + expand)));
        Length x = 0;
        for (std::size_t k = start; k < br.position; ++k) {
            const Item& it = b.items[k];
            if (it.kind == Item::Kind::Box) {
                const Length w = it.width * scale / 1000;
                const Payload& p = b.payload[k];
                if (!p.text.empty()) {
                    Piece* prev = line.pieces.empty() ? nullptr : &line.pieces.back();
                    if (prev && prev->face == p.face && prev->href == p.href &&
                        prev->lang == p.lang && prev->x + prev->width == x) {
                        prev->text += p.text;
                        prev->width += w;
                    } else {
                        line.pieces.push_back({x, w, p.text, p.face, style.size,
                                               p.href.empty() ? style.color : style.link_color,
                                               p.href, scale, p.lang});
                    }
                }
                x += w;
            } else if (it.kind == Item::Kind::Glue) {
                Length w = it.width;
                if (justify && !it.fill) {
                    // Boxes took their share of the adjustment above, the
                    // spaces take theirs: the line ends at the measure.
                    if (br.ratio > 0)
                        w += static_cast<Length>(br.ratio * static_cast<double>(it.stretch));
                    else if (br.ratio < 0)
                        w += static_cast<Length>(br.ratio * static_cast<double>(it.shrink));
                } else if (!justify) {
                    w += it.stretch; // ragged glue pairs cancel: natural spaces
                }
                x += w;
            }
        }
        if (at_break.kind == Item::Kind::Penalty && at_break.width > 0) {
            const Payload& p = b.payload[br.position];
            const Length w = at_break.width * scale / 1000;
            line.pieces.push_back({x, w, p.text, p.face, style.size,
                                   p.href.empty() ? style.color : style.link_color, p.href, scale,
                                   p.lang});
            x += w;
            line.hyphen_added = !line.pieces.empty() && line.pieces.size() > 1;
        }
        // Natural width: up to the end of the last piece.
        line.width = line.pieces.empty() ? 0 : line.pieces.back().x + line.pieces.back().width;
        if (justify && (!line.last || br.ratio < 0) && line.width != width) {
            // Glyph scaling is rounded to per mille, so the line may miss the
            // measure by a fraction of a point: spread that over its spaces.
            std::vector<bool> after_space(line.pieces.size(), false);
            int gaps = 0;
            for (std::size_t k = 1; k < line.pieces.size(); ++k) {
                after_space[k] = line.pieces[k].x > line.pieces[k - 1].x + line.pieces[k - 1].width;
                gaps += after_space[k];
            }
            const Length error = width - line.width;
            int seen = 0;
            for (std::size_t k = 1; k < line.pieces.size() && gaps > 0; ++k) {
                seen += after_space[k];
                line.pieces[k].x += error * seen / gaps;
            }
            if (gaps > 0)
                line.width = width;
        }
        if (!justify || line.last) {
            const Length slack = width - line.width;
            const Length shift = style.align == style::Align::Center  ? slack / 2
                                 : style.align == style::Align::Right ? slack
                                                                      : 0;
            if (shift > 0)
                for (auto& p : line.pieces)
                    p.x += shift;
        }
        if (line.width > width + pt(0.5) && !overfull_warned) {
            // A glyph wider than the column: set all the same, past its
            // edge, and said once a paragraph.
            overfull_warned = true;
            std::string text;
            for (const auto& p : line.pieces)
                text += (text.empty() ? "" : " ") + p.text;
            ctx.diags.warning(ctx.source, flat.runs.front().line,
                              "the line '" + text + "' is wider than its column (" +
                                  mm_text(width) + "); it runs " + pt_text(line.width - width) +
                                  " past the column's edge (a smaller size for the role, or a "
                                  "wider page, makes it fit)");
        }
        // Word spaces, for readers of the text (PDF 32000-1, 14.8.2.5): between
        // pieces apart, and at a line's end that broke at a space, or at a
        // forced break before more of the paragraph.
        for (std::size_t k = 0; k + 1 < line.pieces.size(); ++k)
            line.pieces[k].space_after =
                line.pieces[k + 1].x > line.pieces[k].x + line.pieces[k].width;
        // (Ragged lines break at a penalty between two glues, forced breaks
        // after the fill glue: a break after glue is at a space too.)
        const bool at_space =
            at_break.kind == Item::Kind::Glue ||
            (br.position > 0 && b.items[br.position - 1].kind == Item::Kind::Glue);
        if (!line.pieces.empty())
            line.pieces.back().space_after = at_space && li + 1 < breaks->size();
        out.lines.push_back(std::move(line));
        start = br.position + 1;
    }
    return out;
}

} // namespace chronik::layout
