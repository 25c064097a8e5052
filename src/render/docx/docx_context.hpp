// What the DOCX writer knows while it writes, split as pandoc's DOCX writer
// splits it (Text.Pandoc.Writers.Docx.Types: WriterEnv and WriterState):
//
// - Context: read-only for the whole render. The document, the style sheet,
//   the language, the page geometry in twips, and what a pre-pass over the
//   blocks found: the headings the table of contents lists and the bookmark
//   each of them gets.
// - State: what accumulates while document.xml is written: relationship ids
//   (hyperlinks, images), the media files to package, drawing and bookmark
//   ids. The other parts (rels, content types) are written from it after.
#pragma once

#include "docx_looks.hpp"
#include "model/document.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chronik::render::docx {

// The heading levels the table of contents lists: those of the PDF's
// contents, which the brochure design fills with the periods (level-1
// headings) only (design/brochure/brochure_design.cpp, toc()).
inline constexpr int toc_levels = 1;

// One entry of the table of contents, in document order.
struct TocEntry {
    int level = 1;         // 1 = period heading (up to toc_levels)
    std::string text;      // plain text, as Word would list it
    std::string bookmark;  // "_Toc..." name of the heading's bookmark
    std::size_t block = 0; // index of the heading's block
    int page = 0;          // estimated page number (see docx_pages.hpp)
};

struct Context {
    Context(const model::Document& doc, const style::Style& style);

    const model::Document& doc;
    const style::Style& style;
    std::string language; // for w:lang, e.g. "de-DE"

    // Page geometry in twips. Left/right are the inner/outer margins of a
    // right-hand page; settings.xml mirrors them on left-hand pages.
    std::int64_t page_width = 0, page_height = 0;
    std::int64_t margin_top = 0, margin_bottom = 0, margin_inner = 0, margin_outer = 0;
    std::int64_t header_distance = 0, footer_distance = 0;
    std::int64_t text_width() const { return page_width - margin_inner - margin_outer; }
    std::int64_t text_height() const { return page_height - margin_top - margin_bottom; }

    Looks looks; // the paragraph styles' looks

    // The brochure's timeline as Word can carry it (the PDF's measures,
    // design/brochure): the milestones' paragraphs stand rail_indent (twips)
    // right of the text's left edge, and their left border, the rail, is
    // drawn rail_space (points, at most Word's 31) left of their text in
    // rail_color. 0 for a design without a rail.
    std::int64_t rail_indent = 0;
    int rail_space = 0;
    style::Color rail_color;
    std::int64_t column_width() const { return text_width() - rail_indent; }
    // The accent bar above the title on a title page of its own (twips
    // long; 0: none).
    std::int64_t title_rule = 0;

    // The date column of the one-liners' table (docx_one_liners.hpp), in
    // twips: past the longest date label among them, measured in the
    // milestone date's face at the body size (a little wider than the dates
    // set at their own size), plus 1 em, rounded up to 1/4 cm; 15 mm at
    // least, a third of the text width at most.
    std::int64_t dated_list_indent = 0;

    std::vector<TocEntry> toc;
    int pages = 0; // the page model's page count (0: not estimated, no contents)
    // Bookmark name per block index (headings and milestone heads: link
    // targets also where the contents do not list them).
    std::map<std::size_t, std::string> bookmarks;
};

// A milestone head is a Heading 2 when it shows a title or a date: the one
// paragraph that names the milestone in the navigation pane and the TOC.
bool has_head(const model::DatedEntry& e);

struct Relationship {
    std::string id;     // "rId7"
    std::string type;   // full relationship type URI
    std::string target; // part name relative to word/, or an external URI
    bool external = false;
};

struct Media {
    std::string part;   // "media/image1.png" (relative to word/)
    std::string source; // absolute path of the file read
    std::string bytes;
};

struct State {
    State();

    // Fixed relationships of document.xml, created first so their ids are
    // the same in every document.
    std::vector<Relationship> relationships;
    std::map<std::string, std::string> hyperlink_ids; // href -> rId (one per URL)
    std::map<std::string, std::string> image_ids;     // absolute path -> rId
    std::vector<Media> media;

    int next_drawing_id = 1;  // wp:docPr ids, unique in the document
    int next_bookmark_id = 0; // w:bookmarkStart ids
    bool page_break_pending = false;

    std::string add_relationship(std::string type, std::string target, bool external);
    std::string hyperlink(const std::string& href);
};

namespace reltype {
inline constexpr const char* styles =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
inline constexpr const char* settings =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
inline constexpr const char* font_table =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";
inline constexpr const char* header =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
inline constexpr const char* footer =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
inline constexpr const char* image =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
inline constexpr const char* hyperlink =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
inline constexpr const char* theme =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
// mammoth's embedded style map (docx_mammoth.hpp), as mammoth itself adds it.
inline constexpr const char* mammoth_style_map = "http://schemas.zwobble.org/mammoth/style-map";
inline constexpr const char* office_document =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
inline constexpr const char* core_properties =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
inline constexpr const char* extended_properties =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
} // namespace reltype

// The ids of the fixed relationships State() creates.
inline constexpr const char* header_rel_id = "rId4";
inline constexpr const char* footer_rel_id = "rId5";

} // namespace chronik::render::docx
