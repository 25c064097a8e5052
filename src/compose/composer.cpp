#include "composer.hpp"

#include "locale.hpp"
#include "model/overloaded.hpp"
#include "support/civil_time.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace chronik::compose {

namespace {

// Heading and entry ids: ASCII letters, digits and '-', unique per document.
class IdMaker {
public:
    std::string make(std::string_view prefix, std::string_view text) {
        std::string slug(prefix);
        bool dash = false;
        for (char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (std::isalnum(u) && u < 0x80) {
                if (dash && slug.size() > prefix.size())
                    slug += '-';
                dash = false;
                slug += static_cast<char>(std::tolower(u));
            } else {
                dash = true;
            }
        }
        return unique(slug);
    }

    std::string unique(std::string id) {
        if (used_.insert(id).second)
            return id;
        // Remember the next suffix per base, so a thousand milestones of one
        // year cost a thousand look-ups, not half a million.
        int& n = next_suffix_.try_emplace(id, 2).first->second;
        for (;; ++n) {
            std::string candidate = id + "-" + std::to_string(n);
            if (used_.insert(candidate).second)
                return candidate;
        }
    }

private:
    std::unordered_set<std::string> used_;
    std::unordered_map<std::string, int> next_suffix_;
};

struct Span {
    int first, last;
};

// The years a period covers: its milestones', else its label's.
std::optional<Span> span_of(const chronicle::Period& p) {
    if (auto y = chronicle::years_of(p))
        return Span{y->first, y->last};
    if (auto y = chronicle::years_in_label(p.label))
        return Span{y->first, y->last};
    return std::nullopt;
}

bool wanted(const chronicle::Milestone& m, const Options& o) {
    if (o.from_year && m.date.year < *o.from_year)
        return false;
    if (o.to_year && m.date.year > *o.to_year)
        return false;
    if (o.categories.empty())
        return true;
    for (const auto& c : o.categories)
        if (std::find(m.categories.begin(), m.categories.end(), c) != m.categories.end())
            return true;
    return false;
}

// Every field, so a renderer sees the picture as the reader checked it.
model::Image image_of(const chronicle::ImageRef& img) {
    model::Image i;
    i.path = img.path;
    i.source = img.source;
    i.alt = img.alt;
    i.has_alt = img.has_alt;
    i.caption = img.caption;
    i.format = img.format == chronicle::ImageRef::Format::Png ? model::Image::Format::Png
                                                              : model::Image::Format::Jpeg;
    i.width_px = img.width_px;
    i.height_px = img.height_px;
    i.bit_depth = img.bit_depth;
    i.interlaced = img.interlaced;
    i.cmyk = img.cmyk;
    i.orientation = img.orientation;
    switch (img.width) {
    case chronicle::ImageRef::Width::Auto:
        i.width = model::Image::Width::Auto;
        break;
    case chronicle::ImageRef::Width::Column:
        i.width = model::Image::Width::Column;
        break;
    case chronicle::ImageRef::Width::Text:
        i.width = model::Image::Width::Text;
        break;
    }
    i.bytes = img.bytes;
    i.line = img.line;
    return i;
}

model::Paragraph text_paragraph(model::Role role, const std::string& text) {
    return {role, {model::Text{text, 0}}, 0};
}

} // namespace

std::string iso_date(std::int64_t epoch) {
    const CivilTime t = civil_time(epoch);
    return model::iso({t.year, t.month, t.day});
}

model::Document compose(const chronicle::Chronicle& c, const style::Style& s, const Options& o,
                        Diagnostics& diags) {
    model::Document doc;
    const std::string language = o.language.empty() ? c.language : o.language;
    const Locale* locale = find_locale(language);
    if (!locale) {
        diags.warning(c.source, 0,
                      "no built-in words for language '" + language +
                          "'; dates and labels are written in English");
        locale = &english();
    }

    // Select, then order. Periods left without milestones by a filter are
    // dropped; a period that is empty in the source stays only while no
    // category filter is set and its years meet the year filter.
    std::vector<chronicle::Period> periods;
    for (const auto& p : c.periods) {
        chronicle::Period kept = p;
        kept.milestones.clear();
        for (const auto& m : p.milestones)
            if (wanted(m, o))
                kept.milestones.push_back(m);
        if (kept.milestones.empty()) {
            if (!p.milestones.empty() || !o.categories.empty())
                continue;
            const auto span = span_of(p);
            if (span && ((o.from_year && span->last < *o.from_year) ||
                         (o.to_year && span->first > *o.to_year)))
                continue;
        }
        periods.push_back(std::move(kept));
    }
    if (o.order != Order::AsWritten) {
        const bool oldest = o.order == Order::OldestFirst;
        auto by_date = [&](const chronicle::Milestone& a, const chronicle::Milestone& b) {
            return oldest ? a.date < b.date : b.date < a.date;
        };
        for (auto& p : periods)
            std::stable_sort(p.milestones.begin(), p.milestones.end(), by_date);
        std::stable_sort(periods.begin(), periods.end(), [&](const auto& a, const auto& b) {
            const auto sa = span_of(a), sb = span_of(b);
            if (!sa || !sb)
                return false; // periods without years keep their place among equals
            return oldest ? std::pair(sa->first, sa->last) < std::pair(sb->first, sb->last)
                          : std::pair(sb->last, sb->first) < std::pair(sa->last, sa->first);
        });
    }

    auto& meta = doc.meta;
    meta.title = o.title ? *o.title : c.title;
    meta.subtitle = c.subtitle;
    meta.organization = c.organization;
    meta.language = language;
    meta.epoch = o.epoch;
    meta.date = iso_date(o.epoch);
    meta.source = c.source;
    std::set<std::string> keywords;
    // The front matter is the chronicle's, whatever the filters keep.
    if (!c.cover.path.empty())
        doc.front.cover = image_of(c.cover);
    if (!c.logo.path.empty())
        doc.front.logo = image_of(c.logo);

    auto& blocks = doc.blocks;
    blocks.push_back(text_paragraph(model::Role::Title, meta.title));
    if (!meta.subtitle.empty())
        blocks.push_back(text_paragraph(model::Role::Subtitle, meta.subtitle));
    if (!meta.organization.empty())
        blocks.push_back(text_paragraph(model::Role::Organization, meta.organization));
    if (s.title_page)
        blocks.push_back(model::PageBreak{});
    for (const auto& p : c.intro)
        blocks.push_back(model::Paragraph{model::Role::Intro, p.content, p.line});
    if (s.toc && !periods.empty()) {
        blocks.push_back(model::TableOfContents{locale->contents, 0});
        blocks.push_back(model::PageBreak{});
    }

    IdMaker ids;
    // Explicit milestone ids are reserved first, so generated ones avoid them.
    for (const auto& p : periods)
        for (const auto& m : p.milestones)
            if (!m.id.empty())
                ids.unique(m.id);
    for (const auto& p : periods) {
        const auto span = span_of(p);
        std::string label = p.label;
        if (label.empty())
            label = span ? year_span(span->first, span->last) : std::string();
        model::Heading h;
        h.level = 1;
        h.id = ids.make("p-", label.empty() ? "period" : label);
        h.content = {model::Text{label, p.line}};
        h.first_year = span ? span->first : 0;
        h.last_year = span ? span->last : 0;
        h.line = p.line;
        blocks.push_back(std::move(h));
        const bool single_year = span && span->first == span->last;
        for (const auto& m : p.milestones) {
            model::DatedEntry e;
            e.id = m.id.empty() ? ids.make("m-", model::iso(m.date)) : m.id;
            e.date = m.date;
            e.date_label = locale->format(m.date);
            e.date_is_redundant = m.date.precision() == model::Date::Precision::Year &&
                                  single_year && span->first == m.date.year;
            e.title = m.title;
            e.has_body = !m.body.empty();
            e.categories = m.categories;
            e.line = m.line;
            keywords.insert(m.categories.begin(), m.categories.end());
            blocks.push_back(std::move(e));
            for (const auto& part : m.body) {
                std::visit(
                    model::overloaded{
                        [&](const chronicle::Paragraph& para) {
                            blocks.push_back(
                                model::Paragraph{model::Role::Body, para.content, para.line});
                        },
                        [&](const chronicle::ImageRef& img) { blocks.push_back(image_of(img)); },
                    },
                    part);
            }
        }
    }
    meta.keywords.assign(keywords.begin(), keywords.end());
    if (periods.empty() && !c.periods.empty())
        diags.warning(c.source, 0, "the filters leave no milestone to show");
    return doc;
}

} // namespace chronik::compose
