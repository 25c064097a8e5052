// word/styles.xml, generated from the style sheet the
// PDF uses too: one named paragraph style per role (Title, Subtitle,
// heading 1 for periods, heading 2 for milestone heads, Body Text, caption,
// the TOC styles, header, footer), the character styles of inline markup
// and the table styles. Word's own styles keep Word's id, name and UI
// flags, chronik's own are marked w:customStyle (docs/docx.md, Styles);
// fonts and colours name their theme slots (docx_theme.hpp), and Word's
// latent styles follow the defaults (docx_latent_styles.hpp).
// Type sizes and spacing come from the sheet in points, converted to
// half-points and twips; line spacing is the sheet's leading, exactly.
#pragma once

#include "docx_context.hpp"

#include <string>

namespace chronik::render::docx {

std::string styles_xml(const Context& ctx);

} // namespace chronik::render::docx
