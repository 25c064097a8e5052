#include "design.hpp"

#include "brochure/brochure_design.hpp"
#include "factsheet/factsheet_design.hpp"

#include <algorithm>

namespace chronik::design {

std::vector<const style::Tunable*> Design::tunables() const {
    std::vector<const style::Tunable*> out;
    for (const auto& t : style::tunables())
        if (t.design.empty() || t.design == name())
            out.push_back(&t);
    return out;
}

std::span<const Design* const> designs() {
    static const BrochureDesign brochure;
    static const FactSheetDesign factsheet;
    static const Design* const all[] = {&brochure, &factsheet};
    return all;
}

const Design* find_design(std::string_view name) {
    for (const Design* d : designs())
        if (d->name() == name)
            return d;
    return nullptr;
}

void warn_without_hyphenator(const Inputs& in) {
    if (!in.hyphenator && std::any_of(in.style.roles.begin(), in.style.roles.end(),
                                      [](const auto& r) { return r.hyphenate; }))
        in.diags.warning(in.doc.meta.source, 0,
                         "no hyphenation dictionary for language '" + in.doc.meta.language +
                             "' is installed; text is not hyphenated");
}

} // namespace chronik::design
