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

struct TextItem {
    Length x = 0, y = 0; // start of the baseline
    std::string text;    // UTF-8
    int face = 0;        // FontSet id
    Length size = 0;
    style::Color color;
    int scale = 1000;      // horizontal scaling, per mille (font expansion)
    std::string lang = {}; // BCP 47 tag of a passage in another language; "" = the document's
};

struct LineItem {
    Length x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Length thickness = 0;
    style::Color color;
    Length dots = 0; // > 0: a row of round dots this far apart (dot leaders), from x = 0
};

struct RectItem {
    Length x = 0, y = 0, width = 0, height = 0;
    style::Color color;
};

struct CircleItem {
    Length cx = 0, cy = 0, radius = 0;
    style::Color fill;
    bool filled = true;
    Length stroke = 0; // outline thickness when not filled
};

struct ImageItem {
    Length x = 0, y = 0, width = 0, height = 0;
    // The image as the reader read it (model::Image::bytes; shared, never
    // null for an image the reader took), and what it is.
    std::shared_ptr<const std::string> data;
    bool png = true;
    std::string name; // the file's path, for messages
};

// A clickable area: an external URI or a destination in the document.
struct LinkItem {
    Length x = 0, y = 0, width = 0, height = 0;
    std::string uri;         // external link, or
    std::string destination; // an anchor id
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
    std::vector<OutlineEntry> outline;
    LayoutStats stats;
};

} // namespace chronik::layout
