// Pictures on the print pages: resolution at the size they are placed, and
// bleed where they reach the trim.
#include "rules.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace chronik::preflight {

namespace {

using layout::ImageItem;
using layout::Length;

// The image as the chronicle wrote its src (the item carries the absolute
// path), found by path and line among the document's pictures.
class Names {
public:
    explicit Names(const model::Document& doc) {
        auto add = [&](const model::Image& i) {
            if (!i.path.empty())
                by_place_.emplace(std::pair{i.path, i.line}, i.source);
        };
        add(doc.front.cover);
        add(doc.front.logo);
        for (const auto& b : doc.blocks)
            if (const auto* i = std::get_if<model::Image>(&b))
                add(*i);
    }
    const std::string& operator()(const ImageItem& im) const {
        const auto it = by_place_.find({im.name, im.line});
        return it != by_place_.end() ? it->second : im.name;
    }

private:
    std::map<std::pair<std::string, int>, std::string> by_place_;
};

// Each image once, in the order first met on the pages.
template <class T> class PerImage {
public:
    T& at(const ImageItem& im, const T& fresh) {
        const auto [it, added] = index_.emplace(std::pair{im.name, im.line}, items_.size());
        if (added)
            items_.push_back({&im, fresh});
        return items_[it->second].second;
    }
    const std::vector<std::pair<const ImageItem*, T>>& items() const { return items_; }

private:
    std::map<std::pair<std::string, int>, std::size_t> index_;
    std::vector<std::pair<const ImageItem*, T>> items_;
};

double to_mm(Length l) {
    return static_cast<double>(l) / 1000.0 * 25.4 / 72.0;
}

// Pixels per inch where the picture is placed, along its poorer axis. EXIF
// orientations 5 to 8 turn it a quarter: its stored width runs upright. A
// cropped picture (a clip box) is scaled to cover its box, which may need
// more than the item's own size says: the lower of the two counts.
double effective_ppi(const ImageItem& im, int& px_w, int& px_h) {
    px_w = im.width_px;
    px_h = im.height_px;
    if (im.orientation >= 5 && im.orientation <= 8)
        std::swap(px_w, px_h);
    if (px_w <= 0 || px_h <= 0 || im.width <= 0 || im.height <= 0)
        return 0;
    constexpr double mpt_per_inch = 72000.0;
    double ppi = std::min(px_w * mpt_per_inch / static_cast<double>(im.width),
                          px_h * mpt_per_inch / static_cast<double>(im.height));
    if (im.clip_w > 0 && im.clip_h > 0) {
        const double per_pixel =
            std::max(static_cast<double>(im.clip_w) / px_w, static_cast<double>(im.clip_h) / px_h);
        ppi = std::min(ppi, mpt_per_inch / per_pixel);
    }
    return ppi;
}

struct Resolution {
    double ppi = 0; // the lowest met
    int px_w = 0, px_h = 0;
    Length width = 0, height = 0; // where it was lowest
    std::vector<int> pages;
};

} // namespace

void check_image_resolution(const Inputs& in) {
    const double limit = in.style.images.warn_below_ppi;
    PerImage<Resolution> low;
    for (std::size_t p = 0; p < in.pages.pages.size(); ++p)
        for (const auto& item : in.pages.pages[p].items) {
            const auto* im = std::get_if<ImageItem>(&item);
            if (!im)
                continue;
            int px_w = 0, px_h = 0;
            const double ppi = effective_ppi(*im, px_w, px_h);
            if (ppi <= 0 || ppi >= limit)
                continue;
            Resolution& r = low.at(*im, {ppi + 1, 0, 0, 0, 0, {}});
            if (ppi < r.ppi)
                r = {ppi, px_w, px_h, im->width, im->height, std::move(r.pages)};
            r.pages.push_back(static_cast<int>(p) + 1);
        }
    const Names names(in.doc);
    for (const auto& [im, r] : low.items())
        in.diags.warning(in.doc.meta.source, im->line,
                         "image '" + names(*im) + "' has " + whole(r.ppi) +
                             " ppi at its placed size (" + std::to_string(r.px_w) + " x " +
                             std::to_string(r.px_h) + " pixels on " + one_decimal(to_mm(r.width)) +
                             " x " + one_decimal(to_mm(r.height)) + " mm, " + pages_text(r.pages) +
                             "), under the " + whole(limit) + " ppi print needs");
}

namespace {

enum Edge { Top, Right, Bottom, Left };
constexpr const char* edge_names[] = {"top", "right", "bottom", "left"};

struct Short {
    std::set<int> edges;
    Length reach = 0; // the least it runs past the trim at an edge it touches
    std::vector<int> pages;
};

// "top edge", "top and left edges", "top, right and left edges"
std::string edges_text(const std::set<int>& edges) {
    std::string s;
    std::size_t i = 0;
    for (const int e : edges) {
        s += i == 0 ? "" : i + 1 == edges.size() ? " and " : ", ";
        s += edge_names[e];
        ++i;
    }
    return s + (edges.size() == 1 ? " edge" : " edges");
}

} // namespace

void check_image_bleed(const Inputs& in) {
    const Length bleed = layout::mm(in.style.print.bleed);
    // The design rounds the bleed to millipoints as we do; a hair of slack.
    constexpr Length slack = 10;
    PerImage<Short> shorts;
    for (std::size_t p = 0; p < in.pages.pages.size(); ++p) {
        const auto& page = in.pages.pages[p];
        for (const auto& item : page.items) {
            const auto* im = std::get_if<ImageItem>(&item);
            if (!im || im->width <= 0 || im->height <= 0)
                continue;
            // What shows: the item, cut to its clip box when it has one.
            Length x0 = im->x, y0 = im->y, x1 = im->x + im->width, y1 = im->y + im->height;
            if (im->clip_w > 0 && im->clip_h > 0) {
                x0 = std::max(x0, im->clip_x);
                y0 = std::max(y0, im->clip_y);
                x1 = std::min(x1, im->clip_x + im->clip_w);
                y1 = std::min(y1, im->clip_y + im->clip_h);
            }
            // How far past each edge of the trim it runs (negative: inside).
            const Length past[] = {-y0, x1 - page.width, y1 - page.height, -x0};
            Short found;
            found.reach = bleed;
            // With no bleed at all (<print bleed="0">) an image at the trim
            // has none to run into: every edge it touches is short.
            for (int e = Top; e <= Left; ++e)
                if (past[e] >= 0 && (bleed == 0 || past[e] + slack < bleed)) {
                    found.edges.insert(e);
                    found.reach = std::min(found.reach, past[e]);
                }
            if (found.edges.empty())
                continue;
            Short& s = shorts.at(*im, {{}, bleed, {}});
            s.edges.insert(found.edges.begin(), found.edges.end());
            s.reach = std::min(s.reach, found.reach);
            s.pages.push_back(static_cast<int>(p) + 1);
        }
    }
    const Names names(in.doc);
    for (const auto& [im, s] : shorts.items()) {
        const std::string where = "image '" + names(*im) + "' touches the trim (" +
                                  edges_text(s.edges) + ", " + pages_text(s.pages) + ")";
        in.diags.warning(in.doc.meta.source, im->line,
                         bleed == 0
                             ? where + " with no bleed past it (the style's <print bleed> "
                                       "is 0; 3 mm is usual): trimming leaves a white edge"
                             : where + " but runs " + one_decimal(to_mm(s.reach)) +
                                   " mm past it, not the " + one_decimal(in.style.print.bleed) +
                                   " mm bleed the print needs: trimming leaves a white edge");
    }
}

} // namespace chronik::preflight
