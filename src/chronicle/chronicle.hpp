// The chronicle as the author wrote it: periods of dated milestones.
// Built by the reader, read by the composer; knows nothing of XML or output.
#pragma once

#include "model/date.hpp"
#include "model/inline.hpp"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chronik::chronicle {

struct ImageRef {
    std::string path;   // absolute, resolved against the chronicle's folder
    std::string source; // as written in src
    std::string alt;
    bool has_alt = true; // false: no alt attribute (alt="" is a decorative picture)
    model::Inlines caption;
    enum class Format { Png, Jpeg } format = Format::Png;
    int width_px = 0;
    int height_px = 0;
    int bit_depth = 8;
    bool interlaced = false;
    bool cmyk = false;   // a CMYK JPEG
    int orientation = 1; // EXIF orientation (model::Image)
    enum class Width { Auto, Column, Text } width = Width::Auto;
    std::shared_ptr<const std::string> bytes; // the file as read and checked
    int line = 0;
};

struct Paragraph {
    model::Inlines content;
    int line = 0;
};

// A milestone body is paragraphs and images in the order written.
using BodyPart = std::variant<Paragraph, ImageRef>;

struct Milestone {
    model::Date date;
    std::string id; // as written; empty when not given
    std::vector<std::string> categories;
    model::Inlines title;
    std::vector<BodyPart> body;
    int line = 0;
};

struct Period {
    std::string label;     // as written; empty when not given
    bool implicit = false; // made by the reader for milestones outside any <period>
    std::vector<Milestone> milestones;
    int line = 0;
};

struct Chronicle {
    std::string source; // the file as the user named it
    std::string language = "de";
    std::string title;
    std::string subtitle;
    std::string organization;
    std::vector<Paragraph> intro;
    ImageRef cover; // <cover>: the title page's photo (path empty: none)
    ImageRef logo;  // <logo>: the organisation's (path empty: none)
    std::vector<Period> periods;
};

// The years a label names: "2021" -> 2021..2021, "1992-1994" / "1992–1994"
// -> 1992..1994, "1997/1998" -> 1997..1998, "1990s" / "1990er" -> 1990..1999;
// nullopt when it names no year.
struct YearRange {
    int first = 0;
    int last = 0;
    bool contains(int y) const { return y >= first && y <= last; }
};
std::optional<YearRange> years_in_label(std::string_view label);

// The years a period's milestones cover (nullopt when it has none).
std::optional<YearRange> years_of(const Period& p);

} // namespace chronik::chronicle
