// The one way through chronik: load an input into a Chronicle (through the
// readers table), compose it into a Document, render the Document into one
// format (through the renderer registry). `chronik render`, `chronik check`,
// `chronik batch` and the fuzz targets all go through these functions, so
// none of them wires reader, composer and renderer itself.
//
// Errors and warnings go to the Diagnostics sink the caller passes; the
// caller decides what to print and which exit status follows.
#pragma once

#include "chronicle/chronicle.hpp"
#include "compose/composer.hpp"
#include "model/document.hpp"
#include "reader/chronicle_reader.hpp"
#include "render/renderer.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace chronik::pipeline {

// A file, read by the reader its extension names (reader/readers.hpp).
// nullopt when there was any error; warnings alone still give a chronicle.
std::optional<chronicle::Chronicle> load(const std::string& path, Diagnostics& diags,
                                         const reader::ReadOptions& options = {});

// Text in memory, named `display` in messages; `base_dir` resolves image
// paths. Read by the reader `display`'s extension names.
std::optional<chronicle::Chronicle> load_text(std::string text, const std::string& display,
                                              const std::string& base_dir, Diagnostics& diags,
                                              const reader::ReadOptions& options = {});

// The chronicle as a document, with the style's words and the options'
// selection, order and language.
model::Document document(const chronicle::Chronicle& chronicle, const style::Style& style,
                         const compose::Options& options, Diagnostics& diags);

// One document in one format into `out`. Throws chronik::Failure as the
// renderer does; warnings go to `diags`.
void render(const model::Document& doc, const style::Style& style, const render::Renderer& format,
            const render::Target& target, std::ostream& out, Diagnostics& diags);

struct Rendered {
    std::string bytes;
    std::optional<int> pages; // when the format has pages (the renderer's Report)
    // Files the format made beside the output (render/attachment.hpp), for
    // the caller to write before the output itself.
    std::vector<render::Attachment> attachments;
};

// The same into memory: the step `chronik render` and `chronik batch` share
// before they write a file atomically. `folder` is the absolute folder the
// output will be written to (relative image links in Markdown are made
// from it). `pdf_standards`: what a PDF claims and meets (other formats
// ignore it). `options`: the formats' options (-O); this format takes its own.
Rendered render(const model::Document& doc, const style::Style& style,
                const render::Renderer& format, const std::filesystem::path& folder,
                const render::PdfStandards& pdf_standards, const render::FormatOptions& options,
                Diagnostics& diags);

} // namespace chronik::pipeline
