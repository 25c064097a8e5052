// Inline content as WordprocessingML runs: text, emphasis, strong, links,
// line breaks. Emphasis and strong are direct w:i and w:b, under the
// character styles "Emphasis", "Strong" and "StrongEmphasis" (see
// docx_styles.cpp); links are w:hyperlink elements whose targets are
// relationships of document.xml, one per distinct URL.
#pragma once

#include "docx_context.hpp"
#include "docx_xml.hpp"
#include "model/inline.hpp"

#include <string_view>

namespace chronik::render::docx {

// The paragraph style's own italic and bold. Word toggles italic and bold
// when a character style sets what the paragraph style already sets
// (ECMA-376 Part 1, 17.7.3); LibreOffice does not. Where the two meet, the
// run says what it wants directly, so both show the same: emphasis inside
// an italic paragraph is upright, strong inside a bold one stays bold.
//
// `direct`: every run also says the paragraph style's italic and bold
// itself (w:i, w:b), for readers that read no paragraph
// style's look (pandoc, mammoth): set for running text (intro, body,
// captions, one-liners), whose italics are the text's; not for headings,
// titles and dates, where a direct w:b would read as strong text.
struct RunBase {
    bool italic = false;
    bool bold = false;
    bool direct = false;
};

void write_inlines(XmlWriter& x, State& state, const model::Inlines& inlines, RunBase base);

// One run of plain text, optionally in a character style.
void write_text_run(XmlWriter& x, std::string_view text, const char* char_style = nullptr);

// <w:t>, with xml:space="preserve" when the text starts or ends with a space.
void write_t(XmlWriter& x, std::string_view text);

} // namespace chronik::render::docx
