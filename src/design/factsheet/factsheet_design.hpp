// The press fact sheet: one page with the title block in a coloured band,
// the intro, and the most recent milestones (date, title, first paragraph),
// newest first. It uses the engine as it is; what does not fit on the page
// is left out with a warning.
#pragma once

#include "design/design.hpp"

namespace chronik::design {

class FactSheetDesign final : public Design {
public:
    std::string_view name() const override { return "factsheet"; }
    std::string_view description() const override {
        return "one-page press fact sheet: title, intro, the most recent milestones";
    }
    layout::PageTree lay_out(const Inputs& in) const override;
};

} // namespace chronik::design
