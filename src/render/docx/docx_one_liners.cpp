#include "docx_one_liners.hpp"

#include "docx_document.hpp"
#include "docx_runs.hpp"
#include "support/language.hpp"

namespace chronik::render::docx {

namespace {

// The column heads, in the document's language (German or English, as the
// composer's own labels).
struct Heads {
    const char* date;
    const char* event;
};
Heads heads_for(std::string_view language) {
    if (primary_language(language) == "de")
        return {"Datum", "Ereignis"};
    return {"Date", "Event"};
}

std::int64_t date_column(const Context& ctx) {
    return ctx.dated_list_indent;
}
std::int64_t title_column(const Context& ctx) {
    return ctx.column_width() - ctx.dated_list_indent;
}

void width(XmlWriter& x, const char* name, std::int64_t twips) {
    x.open(name);
    x.attr("w:w", twips);
    x.attr("w:type", "dxa");
    x.close();
}

void open_row(XmlWriter& x, bool header) {
    x.open("w:tr");
    x.open("w:trPr");
    x.leaf("w:cantSplit"); // a wrapped title stays beside its date
    if (header)
        x.leaf("w:tblHeader");
    x.close();
}

// <w:tc> with its width and the opening of its one paragraph. `off_rail`:
// without the indent and line the style has on the brochure's rail (the
// table itself stands past the rail).
void open_cell(XmlWriter& x, std::int64_t twips, const char* paragraph_style,
               bool off_rail = false) {
    x.open("w:tc");
    x.open("w:tcPr");
    width(x, "w:tcW", twips);
    x.close();
    x.open("w:p");
    x.open("w:pPr");
    x.leaf("w:pStyle", {{"w:val", paragraph_style}});
    if (off_rail) {
        x.open("w:pBdr");
        x.leaf("w:left", {{"w:val", "nil"}});
        x.close();
        x.leaf("w:ind", {{"w:left", "0"}});
    }
    x.close();
}
void close_cell(XmlWriter& x) {
    x.close(); // p
    x.close(); // tc
}

} // namespace

void open_one_liners(XmlWriter& x, const Context& ctx) {
    x.open("w:tbl");
    // Children in the order of CT_TblPr (17.4.60).
    x.open("w:tblPr");
    x.leaf("w:tblStyle", {{"w:val", one_liners_table_style}});
    // In the column right of the brochure's rail (tblInd: the table's
    // edge, the cells having no margins).
    width(x, "w:tblW", ctx.column_width());
    if (ctx.rail_indent > 0)
        width(x, "w:tblInd", ctx.rail_indent);
    // Fixed: the columns as the grid says, not as Word's autofit guesses.
    x.leaf("w:tblLayout", {{"w:type", "fixed"}});
    // No cell margins: the dates start at the text's left edge, the titles
    // at the date column's width, as the paragraphs around them.
    x.open("w:tblCellMar");
    width(x, "w:left", 0);
    width(x, "w:right", 0);
    x.close();
    // The first row is a header (the table style's firstRow look applies);
    // no banding.
    x.leaf("w:tblLook", {{"w:val", "0620"},
                         {"w:firstRow", "1"},
                         {"w:lastRow", "0"},
                         {"w:firstColumn", "0"},
                         {"w:lastColumn", "0"},
                         {"w:noHBand", "1"},
                         {"w:noVBand", "1"}});
    x.close();
    // Grid columns carry only their width (CT_TblGridCol: w:w, twips).
    x.open("w:tblGrid");
    x.leaf("w:gridCol", "w:w", date_column(ctx));
    x.leaf("w:gridCol", "w:w", title_column(ctx));
    x.close();

    const Heads heads = heads_for(ctx.language);
    open_row(x, true);
    open_cell(x, date_column(ctx), style_id::milestone_date, ctx.rail_indent > 0);
    write_text_run(x, heads.date);
    close_cell(x);
    open_cell(x, title_column(ctx), style_id::milestone_date, ctx.rail_indent > 0);
    write_text_run(x, heads.event);
    close_cell(x);
    x.close(); // tr
}

void one_liner_row(XmlWriter& x, State& state, const Context& ctx, const model::DatedEntry& e) {
    open_row(x, false);
    open_cell(x, date_column(ctx), style_id::dated_list);
    if (!e.date_is_redundant)
        write_text_run(x, e.date_label, style_id::list_date);
    close_cell(x);
    open_cell(x, title_column(ctx), style_id::dated_list);
    const auto& body = ctx.style.role(style::Role::Body).font;
    write_inlines(x, state, e.title, {body.italic, body.bold, true});
    close_cell(x);
    x.close(); // tr
}

void close_one_liners(XmlWriter& x) {
    x.close(); // tbl
}

} // namespace chronik::render::docx
