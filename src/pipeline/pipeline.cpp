#include "pipeline.hpp"

#include "reader/readers.hpp"

#include <sstream>

namespace chronik::pipeline {

std::optional<chronicle::Chronicle> load(const std::string& path, Diagnostics& diags,
                                         const reader::ReadOptions& options) {
    return reader::input_format_for(path).read_file(path, diags, options);
}

std::optional<chronicle::Chronicle> load_text(std::string text, const std::string& display,
                                              const std::string& base_dir, Diagnostics& diags,
                                              const reader::ReadOptions& options) {
    return reader::input_format_for(display).read_text(std::move(text), display, base_dir, diags,
                                                       options);
}

model::Document document(const chronicle::Chronicle& chronicle, const style::Style& style,
                         const compose::Options& options, Diagnostics& diags) {
    return compose::compose(chronicle, style, options, diags);
}

void render(const model::Document& doc, const style::Style& style, const render::Renderer& format,
            const render::Target& target, std::ostream& out, Diagnostics& diags) {
    format.render(doc, style, target, out, diags);
}

Rendered render(const model::Document& doc, const style::Style& style,
                const render::Renderer& format, const std::filesystem::path& folder,
                const render::PdfStandards& pdf_standards, const render::FormatOptions& options,
                Diagnostics& diags) {
    render::Report report;
    std::vector<render::Attachment> attachments;
    const render::Target target{folder.string(), &report, pdf_standards, options.of(format.name()),
                                &attachments};
    std::ostringstream out(std::ios::binary);
    render(doc, style, format, target, out, diags);
    return {std::move(out).str(), report.pages, std::move(attachments)};
}

} // namespace chronik::pipeline
