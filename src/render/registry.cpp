#include "renderer.hpp"

#include "docx/docx_renderer.hpp"
#include "html/html_renderer.hpp"
#include "md/markdown_renderer.hpp"
#include "pdf/pdf_renderer.hpp"
#include "timeline/timeline_renderer.hpp"

#include <stdexcept>

namespace chronik::render {

void Registry::add(std::unique_ptr<Renderer> r) {
    if (find(r->name()))
        throw std::logic_error("format registered twice: " + std::string(r->name()));
    renderers_.push_back(std::move(r));
}

const Renderer* Registry::find(std::string_view name) const {
    for (const auto& r : renderers_)
        if (r->name() == name)
            return r.get();
    return nullptr;
}

std::vector<const Renderer*> Registry::all() const {
    std::vector<const Renderer*> out;
    for (const auto& r : renderers_)
        out.push_back(r.get());
    return out;
}

std::vector<std::string> Registry::names() const {
    std::vector<std::string> out;
    for (const auto& r : renderers_)
        out.emplace_back(r->name());
    return out;
}

Registry builtin_registry() {
    Registry r;
    r.add(std::make_unique<pdf::PdfRenderer>());
    r.add(std::make_unique<docx::DocxRenderer>());
    r.add(std::make_unique<md::MarkdownRenderer>());
    r.add(std::make_unique<html::HtmlRenderer>());
    r.add(std::make_unique<timeline::TimelineRenderer>());
    return r;
}

} // namespace chronik::render
