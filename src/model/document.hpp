// The document model shared by every output format.
//
// A Document is metadata plus a flat sequence of blocks in reading order.
// Flat on purpose: paged renderers break pages between blocks, flowing ones
// write them one after another; nobody needs a tree walk. A milestone is a
// DatedEntry followed by its Paragraph(Body) and Image blocks.
//
// Plain values only: no third-party types, nothing that knows an output
// format. Lengths do not appear here; the style decides them.
#pragma once

#include "date.hpp"
#include "inline.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace chronik::model {

enum class Role {
    Title,
    Subtitle,
    Organization,
    Intro,
    Body,
};

struct Paragraph {
    Role role = Role::Body;
    Inlines content;
    int line = 0;
};

// Level 1 = a period. Ids are stable (derived from the label, unique in the
// document) so links and bookmarks survive re-renders.
struct Heading {
    int level = 1;
    std::string id;
    Inlines content;
    int first_year = 0; // the years the section covers (0 = unknown)
    int last_year = 0;
    int line = 0;
};

// The head of one milestone: its date, and its title when it has one.
struct DatedEntry {
    std::string id;
    Date date;
    std::string date_label;         // localised: "1. Juli 1994", "July 1994"
    bool date_is_redundant = false; // a bare year under a heading of that year
    Inlines title;                  // may be empty
    bool has_body = false;          // false: a dated one-liner (date and title only)
    std::vector<std::string> categories;
    int line = 0;
};

struct Image {
    std::string path;    // absolute path of the file
    std::string source;  // the src attribute as written
    std::string alt;     // empty: decorative, when has_alt
    bool has_alt = true; // false: the input gave no alt text at all
    Inlines caption;     // may be empty
    enum class Format { Png, Jpeg } format = Format::Png;
    int width_px = 0;
    int height_px = 0;
    int bit_depth = 8;       // bits per sample (PNG: per channel)
    bool interlaced = false; // PNG Adam7 (or progressive JPEG)
    bool cmyk = false;       // a JPEG in CMYK (DeviceCMYK in a PDF)
    // EXIF orientation of a JPEG (1..8, TIFF 6.0 tag 274): 1 upright, 6 and
    // 8 turned a quarter, ...; width_px/height_px are the stored pixels.
    int orientation = 1;
    // The picture as shown, upright: orientations 5 to 8 turn it a quarter,
    // so its shown width is its stored height. Designs take the aspect
    // ratio from these.
    int shown_width_px() const { return orientation >= 5 ? height_px : width_px; }
    int shown_height_px() const { return orientation >= 5 ? width_px : height_px; }
    // How wide the page shows it: Auto = its pixels at the style's image
    // resolution up to the column; Column = the column; Text = the whole text
    // width (over the brochure's timeline rail).
    enum class Width { Auto, Column, Text } width = Width::Auto;
    // The file's bytes as the reader read and checked them: renderers use
    // these and never read the file again. Shared by every use of the file.
    std::shared_ptr<const std::string> bytes;
    int line = 0;
};

// Where the table of contents goes; renderers list the level-1 headings.
struct TableOfContents {
    std::string title; // localised: "Inhalt", "Contents"
    int line = 0;
};

struct PageBreak {
    int line = 0;
};

using Block = std::variant<Paragraph, Heading, DatedEntry, Image, TableOfContents, PageBreak>;

struct Metadata {
    std::string title;
    std::string subtitle;
    std::string organization;
    std::string language;              // BCP 47, e.g. "de", "en-GB"
    std::string date;                  // ISO 8601 date of the render (from SOURCE_DATE_EPOCH)
    std::int64_t epoch = 0;            // the same moment, seconds since 1970 (UTC)
    std::vector<std::string> keywords; // the categories, sorted, unique
    std::string source;                // the chronicle file as named by the user
};

// Pictures of the chronicle as a whole: the title page's cover photo and
// the organisation's logo (absent: path empty).
struct FrontMatter {
    Image cover;
    Image logo;
};

struct Document {
    Metadata meta;
    FrontMatter front;
    std::vector<Block> blocks;
};

} // namespace chronik::model
