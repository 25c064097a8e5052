// mammoth/style-map: the style map mammoth.js (which turns a DOCX into
// HTML by style name) reads from the DOCX itself, in the place and under
// the relationship mammoth's own embedStyleMap() gives it. mammoth's
// default map knows Word's heading, Normal and Hyperlink styles and warns
// "Unrecognised paragraph style" for every other one; this map names each
// style styles.xml defines, so the HTML has the outline of chronik's own
// page (one h1, the periods as h2, the milestone heads as h3) and the
// chronicle's classes. Emphasis and strong come from the runs' direct
// w:i / w:b (mammoth's em and strong), so their character styles map to
// nothing rather than nest a second em; an emphasis inside italic text
// (the intro, a caption) is set upright (w:i="0"), as in the PDF, and
// reads as plain text there. Word ignores the part (an unknown
// relationship type, ECMA-376 Part 2, 9.3).
#pragma once

#include <string>

namespace chronik::render::docx {

std::string mammoth_style_map();

} // namespace chronik::render::docx
