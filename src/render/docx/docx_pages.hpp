// The page each entry of the table of contents falls on, and the page
// count.
//
// The TOC field is filled before any reader lays the document out, and
// LibreOffice prints a field's cached result as it is; Word is not asked to
// update it on opening (no prompt). So the page numbers are computed here
// with a model of how LibreOffice 7.4 fills pages: a greedy line fill with
// the advance widths of the style's fonts (through text/, found as
// LibreOffice finds them), proportional lines as LibreOffice sets them
// (docx_widths.hpp), space before and after, keep-with-next,
// keep-lines-together, widow and orphan control, page breaks before, table
// rows, pictures. It is deliberately not a layout engine (DOCX never goes
// through layout/); tests/docx/check_libreoffice.py requires every number
// to be LibreOffice's page, and docs/docx.md says what was measured.
#pragma once

#include "docx_context.hpp"

namespace chronik::render::docx {

// Sets `page` of every entry of ctx.toc, and ctx.pages.
void estimate_pages(Context& ctx);

} // namespace chronik::render::docx
