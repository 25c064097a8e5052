// w:latentStyles (ECMA-376 Part 1, 17.7.4.5): how Word shows each of its
// built-in styles that styles.xml does not define, as Word 2016 and later
// write it for a new document (376 names, their UI priority, hidden until
// used or not). Word gives such a style its own definition on first use,
// based on Normal and the theme (docx_theme.hpp), so Heading 4, Quote or a
// list an editor adds come in the sheet's fonts and colours.
//
// One departure: only the main styles keep w:qFormat (Normal, the
// headings, Title, Subtitle, caption, Strong, Emphasis), so the Quick Styles
// gallery shows the chronicle's styles, not No Spacing, Quote, Book Title...
#pragma once

#include "docx_xml.hpp"

namespace chronik::render::docx {

// The number of names written (w:count).
inline constexpr int latent_style_count = 376;

void write_latent_styles(XmlWriter& x);

} // namespace chronik::render::docx
