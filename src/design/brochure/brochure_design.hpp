// The brochure: title page, intro, table of contents, then the periods
// along a timeline rail: a vertical rule in the left column of the text
// area with a marker for each period and each milestone. Running header
// (title, current period) and page numbers on every page but the title
// page. Everything about its look is decided in brochure_design.cpp.
#pragma once

#include "design/design.hpp"

namespace chronik::design {

class BrochureDesign final : public Design {
public:
    std::string_view name() const override { return "brochure"; }
    std::string_view description() const override {
        return "anniversary brochure: title page, contents, periods along a timeline rail";
    }
    layout::PageTree lay_out(const Inputs& in) const override;
};

} // namespace chronik::design
