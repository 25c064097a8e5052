// TimelineJS3 JSON (Knight Lab's web timeline, docs/timeline.md): the
// chronicle's title slide, one event per milestone with its date, headline,
// text and first picture, grouped by period, and the periods as eras.
#pragma once

#include "render/renderer.hpp"

namespace chronik::render::timeline {

class TimelineRenderer final : public Renderer {
public:
    std::string_view name() const override { return "timeline"; }
    std::string_view extension() const override { return ".json"; }
    std::string_view description() const override {
        return "TimelineJS3 JSON: an event per milestone, grouped by period, for the web";
    }
    std::vector<OptionSpec> options() const override {
        return {{"images",
                 {"copy", "embed"},
                 "copy: pictures as files in images/ beside the JSON; embed: as data: URIs"},
                {"groups",
                 {"period", "none"},
                 "period: a row of the time axis per period; none: one row (many short "
                 "periods crowd it)"}};
    }
    void render(const model::Document& doc, const style::Style& style, const Target& target,
                std::ostream& out, Diagnostics& diags) const override;
};

} // namespace chronik::render::timeline
