// Dated one-liners (milestones with a date and a title but no body) as a
// borderless two-column table: a header row marked as such (w:tblHeader,
// repeated on every page the table runs over), then one row per one-liner,
// the date in the first column, the title in the second.
//
// A table rather than tab-separated paragraphs or a list with the date as
// its label: Word's table tools, pandoc (a Table with a header row) and
// mammoth (<table> with <thead>) keep both columns and the date's text,
// where they would drop or renumber a list label.
//
// The XML shape (ECMA-376 Part 1, 17.4: CT_Tbl, CT_TblPr, CT_Row, CT_Tc):
//   <w:tbl>
//     <w:tblPr> tblStyle "ChronikOneLiners", tblW = the text width (dxa),
//               tblLayout fixed, tblCellMar left/right 0, tblLook firstRow
//     <w:tblGrid> gridCol Context::dated_list_indent, gridCol the rest
//     <w:tr> trPr cantSplit + tblHeader; two cells, each one paragraph in
//            the MilestoneDate style: "Datum" / "Ereignis" ("Date" / "Event")
//     <w:tr> trPr cantSplit; two cells, each one DatedList paragraph: the
//            date in the ListDate character style (empty when redundant),
//            the title
//   </w:tbl>
#pragma once

#include "docx_context.hpp"
#include "docx_xml.hpp"

namespace chronik::render::docx {

// The table id and the words of its header row, in the document's language.
inline constexpr const char* one_liners_table_style = "ChronikOneLiners";

// <w:tbl>, its properties, grid and header row.
void open_one_liners(XmlWriter& x, const Context& ctx);
// One row; the entry has no body.
void one_liner_row(XmlWriter& x, State& state, const Context& ctx, const model::DatedEntry& e);
// </w:tbl>
void close_one_liners(XmlWriter& x);

} // namespace chronik::render::docx
