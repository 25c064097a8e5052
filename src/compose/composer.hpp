// Builds the document model from a chronicle, a style and the user's
// options: what goes in (filters), in which order, in which language.
#pragma once

#include "chronicle/chronicle.hpp"
#include "model/document.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chronik::compose {

enum class Order { AsWritten, OldestFirst, NewestFirst };

struct Options {
    Order order = Order::AsWritten;
    std::optional<int> from_year;        // keep milestones of this year and later
    std::optional<int> to_year;          // ... and of this year and earlier
    std::vector<std::string> categories; // keep milestones in any of these (empty: all)
    std::string language;                // overrides the chronicle's (empty: keep)
    std::optional<std::string> title;    // overrides the chronicle's title
    std::int64_t epoch = 0;              // the moment of the render (SOURCE_DATE_EPOCH)
};

// Warnings (an unsupported language, filters that leave nothing) go to `diags`.
model::Document compose(const chronicle::Chronicle& c, const style::Style& s, const Options& o,
                        Diagnostics& diags);

// "2024-05-01" for seconds since 1970 (UTC).
std::string iso_date(std::int64_t epoch);

} // namespace chronik::compose
