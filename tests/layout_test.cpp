// Setting paragraphs and breaking pages: the rules of issue #3, checked on
// real fonts (Charis SIL, installed by scripts/install-deps.sh).
#include "helpers.hpp"
#include "layout/galley.hpp"
#include "layout/page_dump.hpp"
#include "layout/pager.hpp"
#include "layout/paragraph.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using namespace chronik::layout;

namespace {

struct Setter {
    FontSet fonts;
    Diagnostics diags;
    std::unique_ptr<Hyphenator> hyph = Hyphenator::for_language("de");
    TypesetContext ctx{fonts, hyph.get(), "de", "t.xml", diags, {}};

    SetParagraph set(const model::Inlines& in, Length width,
                     style::Align align = style::Align::Justify, bool hyphenate = true) {
        ParagraphStyle ps;
        ps.font = {"Charis SIL", false, false};
        ps.size = pt(10);
        ps.leading = pt(13);
        ps.align = align;
        ps.hyphenate = hyphenate;
        return set_paragraph(in, ps, width, ctx);
    }
    SetParagraph set(const std::string& text, Length width,
                     style::Align align = style::Align::Justify, bool hyphenate = true) {
        return set({model::Text{text, 7}}, width, align, hyphenate);
    }
};

std::string text_of(const Line& l) {
    std::string s;
    for (const auto& p : l.pieces)
        s += (s.empty() ? "" : " ") + p.text;
    return s;
}

Length end_of(const Line& l) {
    return l.pieces.back().x + l.pieces.back().width;
}

const std::string corona =
    "Die Corona-Pandemie hat das öffentliche Leben in nahezu allen Bereichen verändert. "
    "Bürger/-innen und Unternehmen brauchten einen zuverlässigen Ansprechpartner. Hier waren und "
    "sind die Kommunen gefragt, sie müssen im Sinne der kommunalen Daseinsvorsorge zuverlässig "
    "handlungsfähig bleiben. Als Betreiber teilweise kritischer Infrastrukturen war Lecos hier "
    "in einer besonderen Verantwortung.";

} // namespace

TEST_CASE("paragraph: justified lines end at the measure, none overfull, the last flush left") {
    Setter s;
    for (Length width : {pt(180), pt(260), pt(400)}) {
        CAPTURE(width);
        const auto set = s.set(corona, width);
        REQUIRE(set.lines.size() >= 2);
        for (std::size_t i = 0; i < set.lines.size(); ++i) {
            const auto& l = set.lines[i];
            CAPTURE(text_of(l));
            CHECK(l.pieces.front().x == 0);
            CHECK(end_of(l) <= width); // never overfull
            if (i + 1 < set.lines.size()) {
                CHECK(end_of(l) == width); // justified: ends exactly at the measure
                CHECK(l.ratio >= -1.0);
                // spaces at most 1.4x (first pass) on a normal measure, 2x on narrow ones
                CHECK(l.ratio <= (width >= pt(260) ? 0.8 : 2.0));
            }
        }
        const auto& last = set.lines.back();
        CHECK(last.last);
        CHECK(last.ratio <= 0.0); // never stretched; shrunk at most
    }
}

TEST_CASE("paragraph: hyphenation marks, at most two in a row") {
    Setter s;
    const auto set = s.set(corona + " " + corona, pt(150));
    int run = 0;
    int hyphenated = 0;
    for (const auto& l : set.lines) {
        run = l.hyphenated ? run + 1 : 0;
        hyphenated += l.hyphenated;
        CHECK(run <= 2);
        if (l.hyphenated)
            CHECK(l.pieces.back().text.back() == '-');
    }
    CHECK(hyphenated > 0); // a narrow measure needs some
}

TEST_CASE("paragraph: an explicit hyphen is a break without an added hyphen") {
    Setter s;
    // Narrow enough that "Corona-" must end a line.
    const auto set = s.set("Die Corona-Pandemie", pt(60), style::Align::Left, false);
    REQUIRE(set.lines.size() == 2);
    CHECK(text_of(set.lines[0]) == "Die Corona-");
    CHECK(text_of(set.lines[1]) == "Pandemie");
}

TEST_CASE("paragraph: no hyphenation in numbers, links, short words, or when the style says no") {
    Setter s;
    const std::string words = "Organisationseinheiten Organisationseinheiten";
    auto set = s.set(words, pt(100), style::Align::Justify, false);
    for (const auto& l : set.lines)
        CHECK_FALSE(l.hyphenated);
    set = s.set({model::Link{"https://www.it-fachtag-leipzig.de",
                             {model::Text{"www.it-fachtag-leipzig.de", 1}},
                             1}},
                pt(60));
    std::string joined;
    for (const auto& l : set.lines)
        joined += text_of(l);
    CHECK(set.lines.size() >= 2);
    CHECK(joined == "www.it-fachtag-leipzig.de"); // split, but no hyphen added
    set = s.set("1234567890123 Ende Haus Baum Tür", pt(40));
    for (const auto& l : set.lines)
        CHECK_FALSE(l.hyphenated);
}

TEST_CASE("paragraph: a word longer than the line is split, not run into the margin") {
    Setter s;
    const std::string word(60, 'x');
    const auto set = s.set("a " + word + " b", pt(100));
    REQUIRE(set.lines.size() >= 3);
    for (const auto& l : set.lines)
        CHECK(end_of(l) <= pt(100) + 50);
}

TEST_CASE("paragraph: a line break in the source forces one in the output") {
    Setter s;
    const auto set = s.set(
        {model::Text{"erste Zeile", 1}, model::LineBreak{1}, model::Text{"zweite", 1}}, pt(300));
    REQUIRE(set.lines.size() == 2);
    CHECK(text_of(set.lines[0]) == "erste Zeile");
    CHECK(set.lines[0].last); // set like a last line: natural spaces
}

TEST_CASE("paragraph: characters the font lacks are warned about with their line") {
    Setter s;
    s.set("Schneemann ☃ und Lächeln 😀", pt(300));
    s.set({model::Text{"noch ein ☃ und ☃", 9}}, pt(300));
    s.set({model::Text{"und ☃", 12}}, pt(300));
    s.set({model::Text{"und ☃", 14}}, pt(300));
    CHECK(test::lines(s.diags).empty()); // counted for the document, not said per paragraph
    s.ctx.missing.report("t.xml", s.diags);
    const auto w = test::lines(s.diags);
    // Each character once, with a count and its first lines.
    CHECK(w.size() == 2);
    CHECK(test::has(w, "t.xml:7: warning: the font 'Charis SIL' has no glyph for '☃' (U+2603), "
                       "used 5 times (first at lines 7, 9, 12); set in 'DejaVu Sans'"));
    CHECK(test::has(w, "t.xml:7: warning: character U+1F600 '😀' cannot be set in the PDF (outside "
                       "the Basic Multilingual Plane), used 1 time (at line 7); it is left out"));
}

TEST_CASE("paragraph: ragged right keeps natural spaces") {
    Setter s;
    const auto set = s.set(corona, pt(200), style::Align::Left);
    REQUIRE(set.lines.size() > 2);
    for (const auto& l : set.lines)
        for (const auto& p : l.pieces)
            CHECK(p.scale == 1000); // no expansion either
}

TEST_CASE("pager: keep rules decide where pages end") {
    auto slice = [](Length h, BreakBefore b) {
        Slice s;
        s.height = h;
        s.before = b;
        return s;
    };
    // A heading (Allowed) followed by lines that must stay with it.
    std::vector<Slice> slices;
    for (int i = 0; i < 8; ++i)
        slices.push_back(slice(pt(10), BreakBefore::Allowed));
    slices.push_back(slice(pt(20), BreakBefore::Allowed)); // heading at 80pt
    slices.push_back(slice(pt(10), BreakBefore::Avoid));   // its first line
    slices.push_back(slice(pt(10), BreakBefore::Avoid));   // second line (no orphan)
    slices.push_back(slice(pt(10), BreakBefore::Allowed));
    // Page of 110pt: heading + 2 lines (40pt) do not fit after 80pt, so the
    // page ends before the heading, not after it.
    auto pages = paginate(slices, 0, pt(110));
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].size() == 8);
    CHECK(pages[1].front().slice == 8);
    CHECK(pages[1].front().y == 0); // no space before at the top of a page
    // A forced page break.
    slices[3].before = BreakBefore::Page;
    pages = paginate(slices, 0, pt(1000));
    REQUIRE(pages.size() == 2);
    CHECK(pages[1].front().slice == 3);
    // A chain longer than a page still breaks (rather than loop or overflow forever).
    std::vector<Slice> chain(30, slice(pt(10), BreakBefore::Avoid));
    pages = paginate(chain, 0, pt(100));
    CHECK(pages.size() == 3);
}

namespace {

Slice pager_slice(Length h, BreakBefore b, int group = 0, int float_id = 0) {
    Slice s;
    s.height = h;
    s.before = b;
    s.group = group;
    s.float_id = float_id;
    return s;
}

std::vector<std::size_t> slices_on(const std::vector<PlacedSlice>& page) {
    std::vector<std::size_t> out;
    for (const auto& ps : page)
        out.push_back(ps.slice);
    return out;
}

} // namespace

TEST_CASE("pager: a figure that fits stays where it stands") {
    std::vector<Slice> s;
    for (int i = 0; i < 3; ++i)
        s.push_back(pager_slice(pt(10), BreakBefore::Allowed));
    s.push_back(pager_slice(pt(40), BreakBefore::Allowed, 0, 1)); // the picture
    s.push_back(pager_slice(pt(10), BreakBefore::Avoid, 0, 1));   // its caption
    s.push_back(pager_slice(pt(10), BreakBefore::Allowed));
    const auto pages = paginate(s, 0, pt(100));
    REQUIRE(pages.size() == 1);
    CHECK(slices_on(pages[0]) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("pager: a figure that does not fit lets its section's text fill the page and opens "
          "the next") {
    std::vector<Slice> s;
    for (int i = 0; i < 6; ++i)
        s.push_back(pager_slice(pt(10), BreakBefore::Allowed));   // 0..5: 60 pt
    s.push_back(pager_slice(pt(50), BreakBefore::Allowed, 0, 7)); // 6: picture
    s.push_back(pager_slice(pt(10), BreakBefore::Avoid, 0, 7));   // 7: caption
    for (int i = 0; i < 6; ++i)
        s.push_back(pager_slice(pt(10), BreakBefore::Allowed)); // 8..13
    auto pages = paginate(s, 0, pt(100));
    REQUIRE(pages.size() == 2);
    // 60 pt of text, the 60 pt figure does not fit: four lines after it fill the page.
    CHECK(slices_on(pages[0]) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 8, 9, 10, 11});
    CHECK(slices_on(pages[1]) == std::vector<std::size_t>{6, 7, 12, 13});
    CHECK(pages[1][0].y == 0);
    CHECK(pages[1][1].y == pt(50));
    CHECK(pages[1][2].y == pt(60));

    // Text of another section does not pass it: the page ends where the figure stood.
    for (std::size_t k = 8; k < s.size(); ++k)
        s[k].group = 1;
    pages = paginate(s, 0, pt(100));
    REQUIRE(pages.size() == 3);
    CHECK(slices_on(pages[0]) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
    CHECK(slices_on(pages[1]) == std::vector<std::size_t>{6, 7, 8, 9, 10, 11});

    // A figure kept with its heading (Avoid) does not float: the chain moves.
    for (std::size_t k = 8; k < s.size(); ++k)
        s[k].group = 0;
    s[6].before = BreakBefore::Avoid;
    pages = paginate(s, 0, pt(100));
    REQUIRE(pages.size() == 3);
    CHECK(slices_on(pages[0]) == std::vector<std::size_t>{0, 1, 2, 3, 4});
    CHECK(slices_on(pages[1]).front() == 5);

    // The section's text runs out before the page is full: the figure still
    // goes to the next page, after which nothing is lost.
    s[6].before = BreakBefore::Allowed;
    s.resize(10);
    pages = paginate(s, 0, pt(100));
    REQUIRE(pages.size() == 2);
    CHECK(slices_on(pages[0]) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 8, 9});
    CHECK(slices_on(pages[1]) == std::vector<std::size_t>{6, 7});
}

TEST_CASE("pager: any mix of lines, keeps and figures places every slice once, figures whole "
          "and at most one page late") {
    // Brute force over pseudo-random galleys (a fixed generator: the same cases every run).
    std::uint32_t seed = 12345;
    const auto next = [&](std::uint32_t m) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % m;
    };
    for (int round = 0; round < 2000; ++round) {
        std::vector<Slice> s;
        const std::size_t count = 1 + next(40);
        int figure = 0;
        int group = 0;
        while (s.size() < count) {
            if (next(8) == 0)
                ++group;
            if (next(6) == 0) {
                ++figure;
                const auto b = next(3) == 0 ? BreakBefore::Avoid : BreakBefore::Allowed;
                // Designs scale a figure down to fit a page with its caption.
                s.push_back(pager_slice(pt(5 + next(65)), b, group, figure));
                for (std::uint32_t c = next(3); c > 0; --c)
                    s.push_back(pager_slice(pt(10), BreakBefore::Avoid, group, figure));
            } else {
                const auto r = next(10);
                const auto b = r == 0  ? BreakBefore::Page
                               : r < 4 ? BreakBefore::Avoid
                                       : BreakBefore::Allowed;
                s.push_back(pager_slice(pt(5 + next(30)), b, group));
                s.back().space_before = pt(next(8));
            }
        }
        const auto pages = paginate(s, 0, pt(100));
        std::vector<int> page_of(s.size(), -1);
        for (std::size_t p = 0; p < pages.size(); ++p) {
            CHECK(!pages[p].empty());
            for (const auto& ps : pages[p]) {
                REQUIRE(ps.slice < s.size());
                CHECK(page_of[ps.slice] == -1); // once
                page_of[ps.slice] = static_cast<int>(p);
            }
        }
        for (std::size_t k = 0; k < s.size(); ++k) {
            REQUIRE(page_of[k] >= 0); // every slice placed
            if (k > 0 && s[k].float_id > 0 && s[k].float_id == s[k - 1].float_id)
                CHECK(page_of[k] == page_of[k - 1]); // a figure stays whole
            if (k > 0 && s[k].float_id == 0)
                CHECK(page_of[k] >= page_of[k - 1] - 1); // nothing moves more than a page
        }
    }
}

TEST_CASE("paragraph: a column narrower than a glyph sets every glyph, overfull, and says so") {
    // The breaker found no breaks when a box was wider than the line, and
    // the paragraph was set on one line running off the page (its words
    // missing from the PDF): now each glyph gets a line, said once.
    Setter s;
    const auto set = s.set("Wort und mehr", pt(3));
    std::string all;
    for (const auto& l : set.lines)
        all += text_of(l);
    CHECK(all == "Wortundmehr");
    std::string shown;
    for (const auto& l : set.lines)
        shown += "[" + text_of(l) + "]";
    CHECK_MESSAGE(set.lines.size() == 11, shown);
    const auto w = test::lines(s.diags);
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("t.xml:7: warning: the line 'W' is wider than its column (1.1 mm)") == 0);
}

TEST_CASE("galley: a baseline never lies below its line's leading") {
    // fuzz_style_sample: a 375 pt intro on a 187 pt leading put the
    // baseline 22 pt under its line, and the last line of a page without a
    // bottom margin off the page.
    FontSet fonts;
    ParagraphStyle ps;
    ps.font = {"Charis SIL", false, false};
    ps.size = pt(375);
    ps.leading = pt(187);
    CHECK(layout::baseline_in_leading(fonts, ps) <= ps.leading);
    ps.size = pt(10);
    ps.leading = pt(13); // an ordinary line: centred as before
    const Length b = layout::baseline_in_leading(fonts, ps);
    CHECK(b > pt(8));
    CHECK(b < pt(12));
}

namespace {

model::Inlines span(const std::string& lang, model::Inlines children) {
    return {model::Span{lang, std::move(children), 7}};
}

// The paragraph's pieces as "text/lang" ("" for the paragraph's language).
std::vector<std::string> pieces_with_lang(const SetParagraph& set) {
    std::vector<std::string> out;
    for (const auto& l : set.lines)
        for (const auto& p : l.pieces)
            out.push_back(p.text + "/" + p.lang);
    return out;
}

// The text a reader of the tagged PDF gets: the pieces with the spaces
// they say follow them.
std::string read_text(const SetParagraph& p) {
    std::string s;
    for (const auto& l : p.lines)
        for (const auto& piece : l.pieces)
            s += piece.text + (piece.space_after ? " " : "");
    return s;
}

} // namespace

TEST_CASE("paragraph: word spaces are where the text has them, in every alignment") {
    Setter s;
    for (const auto align :
         {style::Align::Justify, style::Align::Left, style::Align::Center, style::Align::Right}) {
        for (Length width : {pt(120), pt(180), pt(400)}) {
            const auto p = s.set(corona, width, align);
            REQUIRE(p.lines.size() > 1);
            // Without the hyphens hyphenation added (the only text the
            // source does not have), the pieces and their spaces are the text.
            std::string text;
            for (const auto& l : p.lines)
                for (std::size_t k = 0; k < l.pieces.size(); ++k)
                    if (!(l.hyphen_added && k + 1 == l.pieces.size()))
                        text += l.pieces[k].text + (l.pieces[k].space_after ? " " : "");
            CHECK(text == corona);
        }
    }
}

TEST_CASE("paragraph: a forced line break is a space, the paragraph's end is none") {
    Setter s;
    const auto p =
        s.set({model::Text{"Erste Zeile", 1}, model::LineBreak{1}, model::Text{"zweite Zeile", 1}},
              pt(300));
    REQUIRE(p.lines.size() == 2);
    CHECK(read_text(p) == "Erste Zeile zweite Zeile");
    CHECK_FALSE(p.lines.back().pieces.back().space_after);
}

TEST_CASE("galley: lines are content of their element, links and broken words get their own") {
    FontSet fonts;
    Diagnostics diags;
    const auto hyph = Hyphenator::for_language("de");
    Galley g(fonts, hyph.get(), "de", "t.xml", diags, PageGeometry{pt(300), pt(400)});
    ParagraphStyle ps;
    ps.font = {"Charis SIL", false, false};
    ps.size = pt(10);
    ps.leading = pt(13);
    ps.hyphenate = true;
    ps.align = style::Align::Justify;
    const model::Inlines content = {
        model::Text{"Die Norm für Informationssicherheit und", 1},
        model::Link{"https://example.org/", {model::Text{"eine Seite dazu", 1}}, 1},
        model::Text{"am Ende.", 1}};
    // Narrow enough that "Informationssicherheit" is hyphenated.
    Length width = pt(40);
    SetParagraph set;
    std::string word; // as the hyphenated line and the next show it
    for (; width < pt(200) && word.empty(); width += pt(2)) {
        set = g.set(content, ps, width);
        for (std::size_t k = 0; k + 1 < set.lines.size() && word.empty(); ++k)
            if (const auto& l = set.lines[k]; l.hyphen_added)
                word = l.pieces[l.pieces.size() - 2].text + set.lines[k + 1].pieces[0].text;
    }
    REQUIRE(word == "Informationssicherheit");
    const int p = g.element("P");
    g.add_lines(set, ps, 0, 0, false, p);
    const auto& tree = g.structure();
    int links = 0, spans = 0;
    for (const auto& e : tree) {
        if (e.role == "Link") {
            ++links;
            CHECK(e.parent == p);
        }
        if (e.role == "Span") {
            ++spans;
            CHECK(e.actual_text == "Informationssicherheit");
        }
    }
    CHECK(links == 1);
    CHECK(spans >= 1);
    std::string text;
    for (const auto& slice : g.slices())
        for (const auto& item : slice.items) {
            if (const auto* t = std::get_if<TextItem>(&item)) {
                REQUIRE(t->tag.element >= 0);
                CHECK(t->tag.artifact == Artifact::None);
                const auto& role = tree[static_cast<std::size_t>(t->tag.element)].role;
                CHECK((role == "P" || role == "Link" || role == "Span"));
            } else if (const auto* l = std::get_if<LinkItem>(&item)) {
                CHECK(tree[static_cast<std::size_t>(l->tag.element)].role == "Link");
            } else if (const auto* r = std::get_if<LineItem>(&item)) {
                CHECK(r->tag.artifact == Artifact::Layout); // the underline
            }
        }
}

TEST_CASE("paragraph: a span's pieces carry its language and never merge across languages") {
    Setter s;
    s.ctx.document_language = "de";
    model::Inlines in = {model::Text{"Titel „", 7}};
    for (auto& i : span("en", {model::Text{"Are we ready?", 7}}))
        in.push_back(std::move(i));
    in.push_back(model::Text{"“ und ", 7});
    // The document's own language (in any case) is no other language.
    for (auto& i : span("DE", {model::Text{"deutsch", 7}}))
        in.push_back(std::move(i));
    in.push_back(model::Text{" ", 7});
    // Nested: the innermost wins, the outer one resumes after it.
    for (auto& i :
         span("en-GB", {model::Span{"fr", {model::Text{"à la", 7}}, 7}, model::Text{"carte", 7}}))
        in.push_back(std::move(i));
    in.push_back(model::Link{"https://a.de", span("en", {model::Text{"Link", 7}}), 7});
    const auto set = s.set(in, pt(1000), style::Align::Left);
    REQUIRE(set.lines.size() == 1);
    // "„Are" and "ready?“" are each one box in one face: without the
    // language they were one piece.
    CHECK(pieces_with_lang(set) ==
          std::vector<std::string>{"Titel/", "„/", "Are/en", "we/en", "ready?/en", "“/", "und/",
                                   "deutsch/", "à/fr", "la/fr", "carte/en-GB", "Link/en"});
    CHECK(set.lines[0].pieces.back().href == "https://a.de");
    // Without spans the same text makes fewer pieces.
    const auto plain = s.set("Titel „Are we ready?“ und", pt(1000), style::Align::Left);
    CHECK(pieces_with_lang(plain) ==
          std::vector<std::string>{"Titel/", "„Are/", "we/", "ready?“/", "und/"});
}

TEST_CASE("paragraph: a span is hyphenated with its language's patterns, or not at all") {
    Setter s; // German patterns for the paragraph
    s.ctx.document_language = "de";
    const auto en = Hyphenator::for_language("en");
    const auto de = Hyphenator::for_language("de");
    REQUIRE(en);
    REQUIRE(de);
    const std::string words = "accessibility internationalization representatives "
                              "responsibilities understanding communication "
                              "administration ";
    std::string text;
    for (int i = 0; i < 4; ++i)
        text += words;
    text.pop_back();
    // Each hyphenated line ends in a break the English patterns allow.
    for (Length width : {pt(90), pt(120), pt(150)}) {
        CAPTURE(width);
        const auto set = s.set(span("en", {model::Text{text, 7}}), width);
        int hyphenated = 0;
        for (std::size_t i = 0; i + 1 < set.lines.size(); ++i) {
            const auto& l = set.lines[i];
            if (!l.hyphenated || l.pieces.back().text != "-")
                continue;
            ++hyphenated;
            // The broken word: its start ends this line, its rest starts the next.
            const std::string head = l.pieces[l.pieces.size() - 2].text;
            const std::string word = head + set.lines[i + 1].pieces.front().text;
            CAPTURE(word);
            const auto points = en->points(word);
            CHECK(std::find(points.begin(), points.end(), head.size()) != points.end());
            CHECK(l.pieces.back().lang == "en"); // the added hyphen belongs to the passage
        }
        CHECK(hyphenated > 0);
    }
    // The English and German patterns disagree on these words: the German
    // ones would have broken at least one of them elsewhere.
    int differ = 0;
    for (const char* w : {"accessibility", "internationalization", "representatives",
                          "responsibilities", "understanding", "communication", "administration"})
        differ += en->points(w) != de->points(w);
    CHECK(differ > 0);
    // A language without patterns in chronik: no hyphenation at all, where
    // the same text in German is hyphenated.
    const auto none = s.set(span("tlh", {model::Text{text, 7}}), pt(120));
    for (const auto& l : none.lines)
        CHECK_FALSE(l.hyphenated);
    const auto german = s.set(text, pt(120));
    int german_hyphenated = 0;
    for (const auto& l : german.lines)
        german_hyphenated += l.hyphenated;
    CHECK(german_hyphenated > 0);
    CHECK(s.ctx.span_dictionaries.at("tlh").empty()); // looked up once, found none
    // Tags that name one dictionary load it once.
    for (const char* tag : {"en-US", "EN", "en-x-test", "en-a0001"})
        s.set(span(tag, {model::Text{"accessibility", 7}}), pt(1000));
    CHECK(s.ctx.span_dictionaries.size() == 5); // en, tlh, en-us, en-x-test, en-a0001
    CHECK(s.ctx.span_hyphenators.size() == 1);  // hyph_en_US.dic
}

TEST_CASE("galley: text items of a span carry its language") {
    FontSet fonts;
    Diagnostics diags;
    const auto hyph = Hyphenator::for_language("de");
    PageGeometry g{pt(400), pt(600), pt(20), pt(20), pt(20), pt(20)};
    Galley galley(fonts, hyph.get(), "de", "t.xml", diags, g);
    ParagraphStyle ps;
    ps.font = {"Charis SIL", false, false};
    ps.size = pt(10);
    ps.leading = pt(13);
    model::Inlines in = {model::Text{"Titel ", 7}};
    for (auto& i : span("en", {model::Text{"ready", 7}}))
        in.push_back(std::move(i));
    for (auto& i : span("de", {model::Text{" deutsch", 7}}))
        in.push_back(std::move(i));
    galley.add_lines(galley.set(in, ps, pt(300)), ps, 0, 0, false, galley.element("P"));
    std::vector<std::string> items;
    for (const auto& slice : galley.slices())
        for (const auto& item : slice.items)
            if (const auto* t = std::get_if<TextItem>(&item))
                items.push_back(t->text + "/" + (t->lang ? *t->lang : std::string()));
    CHECK(items == std::vector<std::string>{"Titel/", "ready/en", "deutsch/"});
}

TEST_CASE("paragraph: line breaks inside a span follow its language's rules (quotation marks)") {
    // UAX #14 as libunibreak tailors it by language: in German “ closes a
    // quotation, in English it opens one. After a dash, German rules break
    // after it (leaving an English opening quote at the line's end), English
    // ones before it.
    Setter s;
    s.ctx.document_language = "de";
    const std::string text = "aaaa–“bbbb”";
    const Length width = s.set(text, pt(1000), style::Align::Left).lines.at(0).width - pt(1);
    const auto english = s.set(span("en", {model::Text{text, 7}}), width, style::Align::Left);
    REQUIRE(english.lines.size() == 2);
    CHECK(text_of(english.lines[0]) == "aaaa–");
    CHECK(text_of(english.lines[1]) == "“bbbb”");
    const auto german = s.set(text, width, style::Align::Left);
    REQUIRE(german.lines.size() == 2);
    CHECK(text_of(german.lines[0]) == "aaaa–“");
    CHECK(text_of(german.lines[1]) == "bbbb”");
    // A span's last character: its break depends on what follows the span,
    // and is the paragraph's.
    model::Inlines mixed = span("en", {model::Text{"aaaa–", 7}});
    mixed.push_back(model::Text{"“bbbb”", 7});
    const auto edge = s.set(mixed, width, style::Align::Left);
    REQUIRE(edge.lines.size() == 2);
    CHECK(edge.lines[1].pieces.front().text == "bbbb”");
}
