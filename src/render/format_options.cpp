#include "format_options.hpp"

#include "renderer.hpp"
#include "support/strings.hpp"

#include <algorithm>
#include <stdexcept>

namespace chronik::render {

namespace {

std::string names_of(const std::vector<OptionSpec>& specs) {
    std::vector<std::string> names;
    for (const auto& s : specs)
        names.push_back(s.name);
    return chronik::join(names);
}

} // namespace

void FormatOptions::set(const Registry& formats, std::string_view spelled) {
    const auto dot = spelled.find('.');
    const auto eq = spelled.find('=');
    if (dot == std::string_view::npos || eq == std::string_view::npos || dot > eq || dot == 0 ||
        eq == dot + 1)
        throw std::invalid_argument("is not FORMAT.NAME=VALUE (for example html.images=embed)");
    const std::string format(spelled.substr(0, dot));
    const std::string name(spelled.substr(dot + 1, eq - dot - 1));
    const std::string value(spelled.substr(eq + 1));
    const Renderer* r = formats.find(format);
    if (!r)
        throw std::invalid_argument(
            "names the format '" + format +
            "', which chronik does not have (available: " + chronik::join(formats.names()) + ")");
    const auto specs = r->options();
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end())
        throw std::invalid_argument(
            format + " has no option '" + name + "'" +
            (specs.empty() ? " (it has none)" : " (it has: " + names_of(specs) + ")"));
    if (std::find(spec->values.begin(), spec->values.end(), value) == spec->values.end())
        throw std::invalid_argument(format + "." + name + " is one of " +
                                    chronik::join(spec->values, "|") + ", not '" + value + "'");
    values_[format][name] = value;
}

std::map<std::string, std::string> FormatOptions::of(std::string_view format) const {
    const auto it = values_.find(format);
    return it == values_.end() ? std::map<std::string, std::string>{} : it->second;
}

std::string FormatOptions::spelled() const {
    std::string out;
    for (const auto& [format, options] : values_)
        for (const auto& [name, value] : options)
            out += (out.empty() ? "" : " ") + format + "." + name + "=" + value;
    return out;
}

} // namespace chronik::render
