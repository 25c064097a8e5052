#include "docx_mammoth.hpp"

namespace chronik::render::docx {

std::string mammoth_style_map() {
    // By style name (mammoth compares names without regard to case), in
    // the order of styles.xml. "heading 1" also stands for mammoth's own
    // "Heading 1" rule, which comes later and is never reached.
    return "# chronik's styles for mammoth (docs/docx.md)\n"
           "p[style-name='Normal'] => p:fresh\n"
           "p[style-name='Body Text'] => p:fresh\n"
           "p[style-name='Milestone Body'] => p:fresh\n"
           "p[style-name='Abstract'] => p.intro:fresh\n"
           "p[style-name='Title Rule'] => p:fresh\n"
           "p[style-name='Title'] => h1:fresh\n"
           "p[style-name='Subtitle'] => p.subtitle:fresh\n"
           "p[style-name='Author'] => p.organization:fresh\n"
           "p[style-name='heading 1'] => h2:fresh\n"
           "p[style-name='heading 2'] => h3:fresh\n"
           "p[style-name='heading 3'] => h4:fresh\n"
           "p[style-name='Milestone Date Heading'] => h3.date:fresh\n"
           "p[style-name='Milestone Date'] => p.date:fresh\n"
           "p[style-name='Dated List'] => p:fresh\n"
           "p[style-name='List Paragraph'] => p:fresh\n"
           "p[style-name='Figure'] => p.figure:fresh\n"
           "p[style-name='caption'] => p.caption:fresh\n"
           "p[style-name='TOC Heading'] => h2.toc:fresh\n"
           "p[style-name='toc 1'] => p.toc1:fresh\n"
           "p[style-name='toc 2'] => p.toc2:fresh\n"
           "p[style-name='header'] => p:fresh\n"
           "p[style-name='footer'] => p:fresh\n"
           "r[style-name='Emphasis'] =>\n"
           "r[style-name='Strong'] =>\n"
           "r[style-name='Strong Emphasis'] =>\n"
           "r[style-name='Hyperlink'] =>\n"
           "r[style-name='List Date'] =>\n"
           "table[style-name='One-liners'] => table.one-liners:fresh\n";
}

} // namespace chronik::render::docx
