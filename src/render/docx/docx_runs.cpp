#include "docx_runs.hpp"

#include "docx_units.hpp"
#include "model/overloaded.hpp"

namespace chronik::render::docx {

namespace {

struct Format {
    int emphasis = 0; // nesting depth; odd = emphasised
    bool strong = false;
    bool link = false;
    std::string lang; // w:lang of a <span>'s runs ("en-US"); "" = the document's
};

class RunWriter {
public:
    RunWriter(XmlWriter& x, State& state, RunBase base) : x_(x), state_(state), base_(base) {}

    void write(const model::Inlines& inlines, Format f) {
        for (const auto& node : inlines) {
            std::visit(model::overloaded{
                           [&](const model::Text& t) { text(t.text, f); },
                           [&](const model::Emphasis& e) {
                               Format inner = f;
                               ++inner.emphasis;
                               write(e.children, inner);
                           },
                           [&](const model::Strong& s) {
                               Format inner = f;
                               inner.strong = true;
                               write(s.children, inner);
                           },
                           [&](const model::Link& l) {
                               x_.open("w:hyperlink");
                               x_.attr("r:id", state_.hyperlink(l.href));
                               x_.attr("w:history", "1");
                               Format inner = f;
                               inner.link = true;
                               write(l.children, inner);
                               x_.close();
                           },
                           [&](const model::LineBreak&) {
                               x_.open("w:r");
                               properties(f);
                               x_.leaf("w:br");
                               x_.close();
                           },
                           // Runs do not nest: each run of the passage says its
                           // language (the innermost span's), so Word checks its
                           // spelling in that language.
                           [&](const model::Span& sp) {
                               Format inner = f;
                               inner.lang = word_language(sp.lang);
                               write(sp.children, inner);
                           },
                       },
                       node);
        }
    }

private:
    void text(std::string_view s, const Format& f) {
        if (s.empty())
            return;
        x_.open("w:r");
        properties(f);
        write_t(x_, s);
        x_.close();
    }

    // Character style from what the text is, and under it direct w:i / w:b
    // on every emphasised or strong run: readers that know no styles
    // (mammoth, pandoc) read emphasis from the run's own properties. Also
    // direct where the style alone would come out differently in Word and
    // LibreOffice, or where a link (whose style says nothing of italic and
    // bold) holds emphasis.
    void properties(const Format& f) {
        const bool emph = f.emphasis % 2 == 1;
        const bool want_italic = base_.italic != emph;
        const bool want_bold = base_.bold || f.strong;
        const char* style = nullptr;
        bool style_italic = false, style_bold = false;
        if (f.link) {
            style = "Hyperlink";
        } else if (emph && f.strong) {
            style = "StrongEmphasis";
            style_italic = style_bold = true;
        } else if (emph) {
            style = "Emphasis";
            style_italic = true;
        } else if (f.strong) {
            style = "Strong";
            style_bold = true;
        }
        // What the run shows without direct formatting, in LibreOffice's
        // reading (a character style's value wins over the paragraph's).
        const bool shown_italic = style_italic || base_.italic;
        const bool shown_bold = style_bold || base_.bold;
        // Word toggles when both style levels set the property.
        const bool italic_clash = style_italic && base_.italic;
        const bool bold_clash = style_bold && base_.bold;
        const bool direct_italic =
            emph || italic_clash || shown_italic != want_italic || (base_.direct && want_italic);
        const bool direct_bold =
            f.strong || bold_clash || shown_bold != want_bold || (base_.direct && want_bold);
        if (!style && !direct_italic && !direct_bold && f.lang.empty())
            return;
        x_.open("w:rPr");
        if (style)
            x_.leaf("w:rStyle", {{"w:val", style}});
        if (direct_bold) {
            x_.leaf("w:b", {{"w:val", want_bold ? "1" : "0"}});
            x_.leaf("w:bCs", {{"w:val", want_bold ? "1" : "0"}});
        }
        if (direct_italic) {
            x_.leaf("w:i", {{"w:val", want_italic ? "1" : "0"}});
            x_.leaf("w:iCs", {{"w:val", want_italic ? "1" : "0"}});
        }
        // Last, as ECMA-376 orders CT_RPr (the transitional schema takes any
        // order; Word writes this one).
        if (!f.lang.empty())
            x_.leaf("w:lang", {{"w:val", f.lang}});
        x_.close();
    }

    XmlWriter& x_;
    State& state_;
    RunBase base_;
};

} // namespace

void write_t(XmlWriter& x, std::string_view text) {
    x.open("w:t");
    if (!text.empty() && (text.front() == ' ' || text.back() == ' '))
        x.attr("xml:space", "preserve");
    x.text(text);
    x.close();
}

void write_text_run(XmlWriter& x, std::string_view text, const char* char_style) {
    x.open("w:r");
    if (char_style) {
        x.open("w:rPr");
        x.leaf("w:rStyle", {{"w:val", char_style}});
        x.close();
    }
    write_t(x, text);
    x.close();
}

void write_inlines(XmlWriter& x, State& state, const model::Inlines& inlines, RunBase base) {
    RunWriter(x, state, base).write(inlines, {});
}

} // namespace chronik::render::docx
