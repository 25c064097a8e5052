// An estimate of the page each entry of the table of contents falls on.
//
// The TOC field is filled before any reader lays the document out, and
// LibreOffice prints a field's cached result as it is; Word recomputes it
// on opening (settings.xml: updateFields). So the cached page numbers are
// estimated here with a simple model of how Word and LibreOffice fill
// pages: a greedy line fill with the advance widths of the style's fonts
// (through text/, found as LibreOffice finds them), exact leading, space
// before and after, keep-with-next, keep-lines-together, widow and orphan
// control, page breaks before. It is deliberately not a layout engine (DOCX
// never goes through layout/); the LibreOffice test reports how many
// estimates match LibreOffice's pages.
#pragma once

#include "docx_context.hpp"

namespace chronik::render::docx {

// Sets `page` of every entry of ctx.toc.
void estimate_pages(Context& ctx);

} // namespace chronik::render::docx
