#include "timeline_renderer.hpp"

#include "inline_html.hpp"
#include "json_writer.hpp"
#include "model/overloaded.hpp"

#include <algorithm>
#include <optional>

namespace chronik::render::timeline {

namespace {

using namespace chronik::model;

JsonValue str(std::string s) {
    return JsonValue{std::move(s)};
}

// A date object: the parts the chronicle gives, as strings (as TimelineJS's
// own examples write them; it parses either), and the localised label as
// display_date, which TimelineJS shows instead of formatting the date itself.
JsonObject date_object(const Date& d, const std::string& label) {
    JsonObject o{{"year", str(std::to_string(d.year))}};
    if (d.month)
        o.emplace_back("month", str(std::to_string(d.month)));
    if (d.day)
        o.emplace_back("day", str(std::to_string(d.day)));
    if (!label.empty())
        o.emplace_back("display_date", str(label));
    return o;
}

std::string paragraph(const Inlines& in) {
    return "<p>" + inline_html(in) + "</p>";
}

class Mapper {
public:
    Mapper(const Target& target, bool embed) : target_(target), embed_(embed) {}

    // The picture's url: a file among the attachments, or the picture itself.
    std::string url(const Image& img) { return picture_uri(img, target_.attachments, embed_); }

    JsonObject media(const Image& img) {
        JsonObject o{{"url", str(url(img))}};
        if (!img.caption.empty())
            o.emplace_back("caption", str(inline_html(img.caption)));
        // TimelineJS sets alt as a DOM property, but pages that reuse the data
        // may insert any field as markup: every text of the JSON is HTML.
        if (img.has_alt)
            o.emplace_back("alt", str(escape_html(img.alt)));
        return o;
    }

private:
    const Target& target_;
    bool embed_;
};

struct Event {
    JsonObject start_date;
    std::string headline;
    std::string text;
    std::optional<JsonObject> media;
    std::string group;
    std::string id;
};

JsonValue event_json(Event e) {
    JsonObject text{{"headline", str(std::move(e.headline))}};
    if (!e.text.empty())
        text.emplace_back("text", str(std::move(e.text)));
    JsonObject o{{"start_date", JsonValue{std::move(e.start_date)}},
                 {"text", JsonValue{std::move(text)}}};
    if (e.media)
        o.emplace_back("media", JsonValue{std::move(*e.media)});
    if (!e.group.empty())
        o.emplace_back("group", str(std::move(e.group)));
    o.emplace_back("unique_id", str(std::move(e.id)));
    return JsonValue{std::move(o)};
}

} // namespace

void TimelineRenderer::render(const Document& doc, const style::Style&, const Target& target,
                              std::ostream& os, Diagnostics&) const {
    Mapper mapper(target, option(target, "images") == "embed");
    const bool grouped = option(target, "groups") == "period";
    std::string headline = escape_html(doc.meta.title);
    std::string title_text;
    std::vector<Event> events;
    JsonArray eras;
    std::string group;
    for (const auto& block : doc.blocks) {
        std::visit(
            overloaded{
                [&](const Paragraph& p) {
                    switch (p.role) {
                    case Role::Title:
                        headline = inline_html(p.content);
                        break;
                    case Role::Subtitle:
                    case Role::Organization:
                    case Role::Intro:
                        title_text += paragraph(p.content);
                        break;
                    case Role::Body:
                        (events.empty() ? title_text : events.back().text) += paragraph(p.content);
                        break;
                    }
                },
                [&](const Heading& h) {
                    if (h.level != 1)
                        return;
                    // TimelineJS shows the group label as markup
                    group = escape_html(plain_text(h.content));
                    // An era runs from the first day of its first year to the
                    // last day of its last: TimelineJS drops an end_date whose
                    // start's fields it equals (a period of one year) and then
                    // refuses the era, and with it the whole timeline.
                    if (h.first_year && h.last_year)
                        eras.push_back(JsonValue{JsonObject{
                            {"start_date",
                             JsonValue{JsonObject{{"year", str(std::to_string(h.first_year))},
                                                  {"month", str("1")},
                                                  {"day", str("1")}}}},
                            {"end_date",
                             JsonValue{JsonObject{{"year", str(std::to_string(h.last_year))},
                                                  {"month", str("12")},
                                                  {"day", str("31")}}}},
                            {"text",
                             JsonValue{JsonObject{{"headline", str(inline_html(h.content))}}}},
                        }});
                },
                [&](const DatedEntry& e) {
                    events.push_back(
                        {date_object(e.date, e.date_label),
                         e.title.empty() ? escape_html(e.date_label) : inline_html(e.title), "",
                         std::nullopt, group, e.id});
                },
                [&](const Image& img) {
                    // a slide has one media: the milestone's first picture
                    if (!events.empty() && !events.back().media)
                        events.back().media = mapper.media(img);
                },
                [&](const TableOfContents&) {},
                [&](const PageBreak&) {},
            },
            block);
    }

    JsonObject title_slide_text{{"headline", str(headline)}};
    if (!title_text.empty())
        title_slide_text.emplace_back("text", str(title_text));
    JsonObject title{{"text", JsonValue{std::move(title_slide_text)}}};
    if (!doc.front.cover.path.empty())
        title.emplace_back("media", JsonValue{mapper.media(doc.front.cover)});

    JsonArray event_values;
    for (auto& e : events) {
        if (!grouped)
            e.group.clear();
        event_values.push_back(event_json(std::move(e)));
    }
    JsonObject root{{"title", JsonValue{std::move(title)}},
                    {"events", JsonValue{std::move(event_values)}}};
    if (!eras.empty())
        root.emplace_back("eras", JsonValue{std::move(eras)});
    root.emplace_back("scale", str("human"));
    os << write_json(JsonValue{std::move(root)});
}

} // namespace chronik::render::timeline
