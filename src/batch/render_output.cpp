#include "render_output.hpp"

#include <sstream>

namespace chronik::batch {

Rendered render_output(const render::Renderer &renderer, const model::Document &doc,
                       const style::Style &style, const std::filesystem::path &folder,
                       Diagnostics &diags) {
    render::Report report;
    const render::Target target{folder.string(), &report};
    std::ostringstream out(std::ios::binary);
    renderer.render(doc, style, target, out, diags);
    return {std::move(out).str(), report.pages};
}

} // namespace chronik::batch
