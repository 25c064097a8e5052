#include "docx_document.hpp"

#include "style/roles.hpp"

#include "docx_media.hpp"
#include "docx_one_liners.hpp"
#include "docx_runs.hpp"
#include "docx_units.hpp"
#include "docx_widths.hpp"
#include "docx_xml.hpp"
#include "model/overloaded.hpp"
#include "support/uri.hpp"

#include <filesystem>

namespace chronik::render::docx {

namespace {

using style::Role;

RunBase base_of(const style::Style& s, Role r) {
    const auto& f = s.role(r).font;
    // Running text repeats its style's italic and bold on its runs (see
    // RunBase); headings, titles and dates do not.
    const bool running = r == Role::Intro || r == Role::Body || r == Role::Caption;
    return {f.italic, f.bold, running};
}

class BodyWriter {
public:
    BodyWriter(const Context& ctx, State& state) : ctx_(ctx), state_(state) {}

    void write() {
        x_.open("w:document", {{"xmlns:w", ns::w},
                               {"xmlns:r", ns::r},
                               {"xmlns:wp", ns::wp},
                               {"xmlns:a", ns::a},
                               {"xmlns:pic", ns::pic}});
        x_.open("w:body");
        const auto& blocks = ctx_.doc.blocks;
        for (std::size_t i = 0; i < blocks.size(); ++i)
            block(i, blocks[i]);
        end_one_liners();
        section();
        x_.close();
        x_.close();
    }

    std::string result() const { return std::string(x_.bytes()); }

private:
    void block(std::size_t index, const model::Block& b) {
        const bool is_heading = std::holds_alternative<model::Heading>(b);
        const auto* e = std::get_if<model::DatedEntry>(&b);
        if (!(e && !e->has_body))
            end_one_liners();
        std::visit(model::overloaded{
                       [&](const model::Paragraph& p) { paragraph(p); },
                       [&](const model::Heading& h) { heading(index, h); },
                       [&](const model::DatedEntry& e) { entry(index, e); },
                       [&](const model::Image& img) { image(img); },
                       [&](const model::TableOfContents& t) { toc(t); },
                       [&](const model::PageBreak&) { state_.page_break_pending = true; },
                   },
                   b);
        after_heading_ = is_heading;
    }

    // <w:p><w:pPr> with the style, and a pending page break as the
    // paragraph's own "page break before" (no empty paragraph on the new page).
    // `off_rail`: a picture as wide as the text, and its caption, stand
    // over the rail (as in the PDF), without the style's indent and line.
    void open_paragraph(const char* style, bool off_rail = false) {
        x_.open("w:p");
        x_.open("w:pPr");
        x_.leaf("w:pStyle", {{"w:val", style}});
        if (state_.page_break_pending)
            x_.leaf("w:pageBreakBefore");
        state_.page_break_pending = false;
        if (off_rail && ctx_.rail_indent > 0) {
            x_.open("w:pBdr");
            x_.leaf("w:left", {{"w:val", "nil"}});
            x_.close();
            x_.leaf("w:ind", {{"w:left", "0"}});
        }
        x_.close();
    }

    void paragraph(const model::Paragraph& p) {
        const char* style = style_id::body;
        const Role role = style::role_of(p.role); // the same map as the PDF's designs
        switch (p.role) {
        case model::Role::Title:
            style = style_id::title;
            if (ctx_.title_rule > 0) { // the accent bar above it
                open_paragraph(style_id::title_rule);
                x_.close();
            }
            break;
        case model::Role::Subtitle:
            style = style_id::subtitle;
            break;
        case model::Role::Organization:
            style = style_id::organization;
            break;
        case model::Role::Intro:
            style = style_id::intro;
            break;
        case model::Role::Body:
            style = milestone_start_ ? style_id::milestone_body : style_id::body;
            break;
        }
        milestone_start_ = false;
        open_paragraph(style);
        write_inlines(x_, state_, p.content, base_of(ctx_.style, role));
        x_.close();
    }

    void bookmark_start(std::size_t index) {
        const auto it = ctx_.bookmarks.find(index);
        if (it == ctx_.bookmarks.end())
            return;
        bookmark_ = state_.next_bookmark_id++;
        x_.leaf("w:bookmarkStart", {{"w:id", num(bookmark_)}, {"w:name", it->second}});
    }

    void bookmark_end(std::size_t index) {
        if (ctx_.bookmarks.count(index))
            x_.leaf("w:bookmarkEnd", {{"w:id", num(bookmark_)}});
    }

    void heading(std::size_t index, const model::Heading& h) {
        milestone_start_ = false;
        const bool top = h.level <= 1;
        open_paragraph(top ? style_id::heading1 : style_id::heading2);
        bookmark_start(index);
        write_inlines(x_, state_, h.content,
                      base_of(ctx_.style, top ? Role::PeriodHeading : Role::MilestoneTitle));
        bookmark_end(index);
        x_.close();
    }

    void entry(std::size_t index, const model::DatedEntry& e) {
        milestone_start_ = false;
        if (!e.has_body) {
            // A dated one-liner: one row of the table that holds this run
            // of them (docx_one_liners.hpp).
            if (!in_one_liners_) {
                open_one_liners(x_, ctx_);
                in_one_liners_ = true;
            }
            one_liner_row(x_, state_, ctx_, e);
            return;
        }
        if (!has_head(e)) {
            // No date to show, no title: the body itself opens the milestone,
            // set off from the one before (not from a heading, which has its
            // own space after).
            milestone_start_ = !after_heading_;
            return;
        }
        if (e.title.empty()) {
            date_heading(index, e);
            return;
        }
        if (!e.date_is_redundant) {
            open_paragraph(style_id::milestone_date);
            write_text_run(x_, e.date_label);
            x_.close();
        }
        open_paragraph(style_id::heading2);
        bookmark_start(index);
        write_inlines(x_, state_, e.title, base_of(ctx_.style, Role::MilestoneTitle));
        bookmark_end(index);
        x_.close();
    }

    // A milestone without a title: its date is its head, a Heading 2 (so
    // Word's navigation pane, pandoc and mammoth's default style map see a
    // heading) in the milestone date's look, given directly: spacing in the
    // paragraph; face, bold and italic where they differ from Heading 2's,
    // colour and size in the run (no character style: a bold one in a bold
    // paragraph style toggles bold off in Word, a direct w:b reads as
    // strong text in pandoc, and mammoth warns of a style it does not map).
    void date_heading(std::size_t index, const model::DatedEntry& e) {
        const auto& look = ctx_.looks.date_heading;
        const auto& h2 = ctx_.looks.heading2;
        // The date's look over Heading 2's, children in the order of CT_RPr
        // (17.3.2.28); on the paragraph mark too, whose size Word counts in
        // the last line's height.
        auto run_properties = [&] {
            x_.open("w:rPr");
            if (look.font.family != h2.font.family) {
                const std::string& f = look.font.family;
                x_.leaf("w:rFonts",
                        {{"w:ascii", f}, {"w:hAnsi", f}, {"w:eastAsia", f}, {"w:cs", f}});
            }
            auto toggle = [&](const char* name, const char* cs, bool on, bool heading_on) {
                if (on == heading_on)
                    return;
                x_.leaf(name, {{"w:val", on ? "1" : "0"}});
                x_.leaf(cs, {{"w:val", on ? "1" : "0"}});
            };
            toggle("w:b", "w:bCs", look.font.bold, h2.font.bold);
            toggle("w:i", "w:iCs", look.font.italic, h2.font.italic);
            x_.leaf("w:color", {{"w:val", hex_rgb(look.color)}});
            x_.leaf("w:sz", "w:val", half_points(look.size));
            x_.leaf("w:szCs", "w:val", half_points(look.size));
            x_.close();
        };
        x_.open("w:p");
        x_.open("w:pPr");
        x_.leaf("w:pStyle", {{"w:val", style_id::heading2}});
        if (state_.page_break_pending)
            x_.leaf("w:pageBreakBefore");
        state_.page_break_pending = false;
        x_.open("w:spacing");
        x_.attr("w:before", twips_from_pt(look.space_before));
        x_.attr("w:after", twips_from_pt(look.space_after));
        x_.attr("w:line", widths_.proportional_line(look));
        x_.attr("w:lineRule", "auto");
        x_.close();
        run_properties();
        x_.close();
        bookmark_start(index);
        x_.open("w:r");
        run_properties();
        write_t(x_, e.date_label);
        x_.close();
        bookmark_end(index);
        x_.close();
    }

    void end_one_liners() {
        if (in_one_liners_)
            close_one_liners(x_);
        in_one_liners_ = false;
    }

    void image(const model::Image& img) {
        milestone_start_ = false;
        const std::string rel = embed_image(img, ctx_, state_);
        const Extent ext = image_extent(img, ctx_);
        const int id = state_.next_drawing_id++;
        // The file's name as the picture's name: text, so its bytes must
        // be UTF-8 (a Latin-1 name keeps its other bytes as %XX).
        const std::string name = uri::percent_encode(
            std::filesystem::path(img.path).filename().string(), uri::ill_formed_utf8);
        const std::string cx = num(ext.cx), cy = num(ext.cy);

        const bool wide = img.width == model::Image::Width::Text;
        open_paragraph(style_id::figure, wide);
        x_.open("w:r");
        x_.open("w:drawing");
        x_.open("wp:inline", {{"distT", "0"}, {"distB", "0"}, {"distL", "0"}, {"distR", "0"}});
        x_.leaf("wp:extent", {{"cx", cx}, {"cy", cy}});
        x_.leaf("wp:effectExtent", {{"l", "0"}, {"t", "0"}, {"r", "0"}, {"b", "0"}});
        x_.leaf("wp:docPr", {{"id", num(id)}, {"name", "Picture " + num(id)}, {"descr", img.alt}});
        x_.open("wp:cNvGraphicFramePr");
        x_.leaf("a:graphicFrameLocks", {{"noChangeAspect", "1"}});
        x_.close();
        x_.open("a:graphic");
        x_.open("a:graphicData", {{"uri", ns::pic}});
        x_.open("pic:pic");
        x_.open("pic:nvPicPr");
        x_.leaf("pic:cNvPr", {{"id", num(id)}, {"name", name}, {"descr", img.alt}});
        x_.leaf("pic:cNvPicPr");
        x_.close();
        x_.open("pic:blipFill");
        x_.leaf("a:blip", {{"r:embed", rel}});
        x_.open("a:stretch");
        x_.leaf("a:fillRect");
        x_.close();
        x_.close();
        x_.open("pic:spPr");
        x_.open("a:xfrm");
        x_.leaf("a:off", {{"x", "0"}, {"y", "0"}});
        x_.leaf("a:ext", {{"cx", cx}, {"cy", cy}});
        x_.close();
        x_.open("a:prstGeom", {{"prst", "rect"}});
        x_.leaf("a:avLst");
        x_.close();
        x_.close(); // spPr
        x_.close(); // pic
        x_.close(); // graphicData
        x_.close(); // graphic
        x_.close(); // inline
        x_.close(); // drawing
        x_.close(); // r
        x_.close(); // p

        if (!img.caption.empty()) {
            open_paragraph(style_id::caption, wide);
            write_inlines(x_, state_, img.caption, base_of(ctx_.style, Role::Caption));
            x_.close();
        }
    }

    // A complex field: begin, instruction, separate, (result), end. The
    // runs of the result come between separate() and end().
    void field_begin(std::string_view instruction) {
        x_.open("w:r");
        x_.leaf("w:fldChar", {{"w:fldCharType", "begin"}});
        x_.close();
        x_.open("w:r");
        x_.open("w:instrText", {{"xml:space", "preserve"}});
        x_.text(instruction);
        x_.close();
        x_.close();
        x_.open("w:r");
        x_.leaf("w:fldChar", {{"w:fldCharType", "separate"}});
        x_.close();
    }
    void field_end() {
        x_.open("w:r");
        x_.leaf("w:fldChar", {{"w:fldCharType", "end"}});
        x_.close();
    }

    // The TOC field holds the entries Word would make: a link to the
    // heading's bookmark, a tab, a PAGEREF field, for the levels of the
    // PDF's contents. Its page numbers are computed (docx_pages.hpp) to
    // match LibreOffice's pages, so the field is neither dirty nor updated
    // on opening: no prompt. A Word user may still update it by hand.
    void toc(const model::TableOfContents& t) {
        const std::string instruction =
            " TOC \\o \"1-" + std::to_string(toc_levels) + "\" \\h \\z \\u ";
        milestone_start_ = false;
        open_paragraph(style_id::toc_heading);
        write_text_run(x_, t.title);
        x_.close();

        const auto& entries = ctx_.toc;
        if (entries.empty()) {
            open_paragraph(style_id::toc1);
            field_begin(instruction);
            field_end();
            x_.close();
            return;
        }
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& e = entries[i];
            open_paragraph(e.level <= 1 ? style_id::toc1 : style_id::toc2);
            if (i == 0)
                field_begin(instruction);
            x_.open("w:hyperlink", {{"w:anchor", e.bookmark}, {"w:history", "1"}});
            write_text_run(x_, e.text);
            x_.open("w:r");
            x_.leaf("w:tab");
            x_.close();
            field_begin(" PAGEREF " + e.bookmark + " \\h ");
            write_text_run(x_, num(e.page));
            field_end();
            x_.close();
            if (i + 1 == entries.size())
                field_end();
            x_.close(); // p
        }
    }

    void section() {
        x_.open("w:sectPr");
        x_.leaf("w:headerReference", {{"w:type", "default"}, {"r:id", header_rel_id}});
        x_.leaf("w:footerReference", {{"w:type", "default"}, {"r:id", footer_rel_id}});
        x_.open("w:pgSz");
        x_.attr("w:w", ctx_.page_width);
        x_.attr("w:h", ctx_.page_height);
        if (ctx_.page_width > ctx_.page_height)
            x_.attr("w:orient", "landscape");
        x_.close();
        x_.open("w:pgMar");
        x_.attr("w:top", ctx_.margin_top);
        x_.attr("w:right", ctx_.margin_outer);
        x_.attr("w:bottom", ctx_.margin_bottom);
        x_.attr("w:left", ctx_.margin_inner);
        x_.attr("w:header", ctx_.header_distance);
        x_.attr("w:footer", ctx_.footer_distance);
        x_.attr("w:gutter", std::int64_t{0});
        x_.close();
        x_.leaf("w:pgNumType", {{"w:start", "1"}});
        x_.leaf("w:cols", {{"w:space", "720"}});
        // The title page has neither header nor footer: it gets a first-page
        // header and footer, and none are defined.
        x_.leaf("w:titlePg");
        x_.close();
    }

    const Context& ctx_;
    State& state_;
    XmlWriter x_;
    Widths widths_; // the fonts' line heights (the date heads' spacing)
    int bookmark_ = 0;
    bool milestone_start_ = false; // the next body paragraph opens a headless milestone
    bool after_heading_ = false;   // the block before was a Heading
    bool in_one_liners_ = false;   // a table of one-liners is open
};

} // namespace

std::string document_xml(const Context& ctx, State& state) {
    BodyWriter w(ctx, state);
    w.write();
    return w.result();
}

} // namespace chronik::render::docx
