// Mixed content (text with <em>, <strong>, <span lang>, <a href>, <br/>) to
// model inlines.
// White space is collapsed as in HTML: runs become one space, none at the
// start or end of the block or around a line break; a space at the edge of
// an <em> moves outside it.
#pragma once

#include "model/inline.hpp"
#include "support/diagnostics.hpp"
#include "xml/source.hpp"

namespace chronik::reader {

struct InlineRules {
    bool links = true;       // <a href>
    bool line_breaks = true; // <br/>
};

model::Inlines read_inlines(const xml::Source& src, const tinyxml2::XMLElement* e,
                            InlineRules rules, Diagnostics& diags);

// Plain text content of an element that allows no markup (title, label...).
std::string read_plain_text(const xml::Source& src, const tinyxml2::XMLElement* e,
                            Diagnostics& diags);

// Collapses XML white space runs to single spaces and trims.
std::string collapse_space(std::string_view s);

} // namespace chronik::reader
