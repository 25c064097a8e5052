// The page tree: what the layout decided, as positioned items from a closed
// set (after typst's frames). The painter draws it; the layout dump prints
// it. Coordinates in millipoints from the page's top-left corner, y down;
// text items are placed by their baseline.
#pragma once

#include "style/style.hpp"
#include "units.hpp"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace chronik::layout {

// Tagged PDF (ISO 32000-1, 14.7 and 14.8): what each item is to a reader
// who does not see the page. Content belongs to a structure element built
// by the design from the document model (PageTree::structure); everything
// else is an artifact of the layout, of a kind (14.8.2.2.2).
enum class Artifact : unsigned char {
    None,   // content: `element` says whose
    Layout, // rules, rails, markers, leaders, underlines, decorative images
    Header, // pagination artifacts: running head, page number
    Footer,
};

struct Tag {
    int element = -1; // index into PageTree::structure, for content
    Artifact artifact = Artifact::None;
    static Tag content(int element) { return {element, Artifact::None}; }
    static Tag layout() { return {-1, Artifact::Layout}; }
    bool operator==(const Tag&) const = default;
};

// One structure element, with a standard structure type of ISO 32000-1,
// 14.8.4 ("P", "H2", "Link", "Figure", "LI" ...). The painter gives it its
// content in the order of the pages' items, which is reading order.
struct StructElement {
    std::string role;
    int parent = -1;  // -1: the document element
    std::string alt;  // Figure: the chronicle's alt text
    std::string lang; // BCP 47 when it differs from the document's
    // Set: a word broken at a line's end, as one word. Not an element of
    // the PDF's tree (a long document has thousands): its parts are
    // marked content inside its parent's, with this as their ActualText.
    std::string actual_text;
};

struct TextItem {
    Length x = 0, y = 0; // start of the baseline
    std::string text;    // UTF-8
    int face = 0;        // FontSet id
    Length size = 0;
    style::Color color;
    int scale = 1000;         // horizontal scaling, per mille (font expansion)
    Tag tag = {};             // text is always tagged: content, or an artifact on purpose
    bool space_after = false; // a word space follows (shown as U+0020, for readers)
    // The BCP 47 tag of a passage in another language; null: the document's.
    // Shared by the words of a passage, and a pointer, so the items of a
    // long document's pages stay small.
    std::shared_ptr<const std::string> lang = {};
};

// A passage's language for TextItem::lang ("" = the document's: null).
inline std::shared_ptr<const std::string> language_of(const std::string& tag) {
    return tag.empty() ? nullptr : std::make_shared<const std::string>(tag);
}

struct LineItem {
    Length x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Length thickness = 0;
    style::Color color;
    Length dots = 0; // > 0: a row of round dots this far apart (dot leaders), from x = 0
    Tag tag = Tag::layout();
};

struct RectItem {
    Length x = 0, y = 0, width = 0, height = 0;
    style::Color color;
    Tag tag = Tag::layout();
};

// Page items may lie partly outside the page (into the bleed, negative
// coordinates or beyond width/height): a design extends an element that
// runs off the page by the bleed it is given (design::Inputs::bleed).

struct CircleItem {
    Length cx = 0, cy = 0, radius = 0;
    style::Color fill;
    bool filled = true;
    Length stroke = 0; // outline thickness when not filled
    Tag tag = Tag::layout();
};

struct ImageItem {
    Length x = 0, y = 0, width = 0, height = 0;
    // The image as the reader read it (model::Image::bytes; shared, never
    // null for an image the reader took), and what it is.
    std::shared_ptr<const std::string> data;
    bool png = true;
    std::string name;                // the file's path, for messages
    Tag tag = {};                    // a Figure, or a decorative image's Layout artifact
    int orientation = 1;             // EXIF (model::Image): the painter turns it
    int width_px = 0, height_px = 0; // stored pixels, for effective resolution
    int line = 0;                    // in the chronicle, for preflight messages
    // The box it is drawn in, when it is cropped to fill it (a cover photo):
    // the picture scales to cover the box and is clipped to it. Zero: the
    // picture fills x, y, width, height exactly.
    Length clip_x = 0, clip_y = 0, clip_w = 0, clip_h = 0;
};

// A clickable area: an external URI or a destination in the document.
struct LinkItem {
    Length x = 0, y = 0, width = 0, height = 0;
    std::string uri;         // external link, or
    std::string destination; // an anchor id
    Tag tag = {};            // the Link element the annotation belongs to
};

using PageItem = std::variant<TextItem, LineItem, RectItem, CircleItem, ImageItem, LinkItem>;

struct Anchor {
    std::string id;
    Length y = 0; // top of the anchored element
};

struct Page {
    Length width = 0, height = 0;
    std::vector<PageItem> items;
    std::vector<Anchor> anchors;
    int number = 0; // printed page number (0 = none printed)
};

struct OutlineEntry {
    std::string title;
    std::string anchor; // an anchor id
};

// How the layout went (not part of the pages, nor of the dump).
struct LayoutStats {
    std::size_t prefetched_paragraphs = 0; // set by the helper thread and used
};

struct PageTree {
    std::vector<Page> pages;
    std::vector<StructElement> structure; // in the order they were made
    std::vector<OutlineEntry> outline;
    LayoutStats stats;
};

} // namespace chronik::layout
