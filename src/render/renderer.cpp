// The part of the renderer interface that is code: an option's value.
#include "renderer.hpp"

#include <stdexcept>

namespace chronik::render {

std::string Renderer::option(const Target& target, std::string_view name) const {
    if (const auto it = target.options.find(std::string(name)); it != target.options.end())
        return it->second;
    for (const auto& spec : options())
        if (spec.name == name && !spec.values.empty())
            return spec.values.front();
    throw std::logic_error(std::string(this->name()) + " declares no option " + std::string(name));
}

} // namespace chronik::render
