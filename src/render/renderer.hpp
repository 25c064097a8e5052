// The interface every output format implements, and the registry that
// maps format names to renderers. A renderer sees only the document model
// and the style; it never knows another renderer.
//
// Adding a format: a folder src/render/<name>/ with a class derived from
// Renderer, and one line in registry.cpp (docs/extending.md has every step).
// The CLI's help, `chronik formats` and the job file reader take the names
// from the registry; callers render through pipeline::render.
#pragma once

#include "attachment.hpp"
#include "format_options.hpp"
#include "model/document.hpp"
#include "standards.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::render {

// What a renderer tells its caller about an output it made (chronik batch
// shows it in its summary). Each renderer fills in what it knows; the rest
// stays unset.
struct Report {
    std::optional<int> pages; // paged formats: the number of pages
};

struct Target {
    // Folder the output will live in (absolute), to make relative links to
    // images; empty when rendering to memory.
    std::string output_dir;
    // Where to report facts about the output; null when nobody asks.
    Report* report = nullptr;
    // What a PDF claims and meets (standards.hpp); other formats ignore it.
    PdfStandards pdf_standards;
    // The values given for this format's options, by name (checked against
    // its OptionSpecs: format_options.hpp); Renderer::option() adds the
    // defaults of those not given.
    std::map<std::string, std::string> options;
    // Where the format puts the files it makes beside its output
    // (attachment.hpp); null when nobody would write them (rendering into
    // memory): a format then embeds them in the output instead.
    std::vector<Attachment>* attachments = nullptr;
};

// Work a renderer started ahead (see Renderer::prepare); destroying it
// waits for that work to end.
class Preparation {
public:
    virtual ~Preparation() = default;
};

class Renderer {
public:
    virtual ~Renderer() = default;
    // Starts, on another thread, set-up that every render of this format
    // needs and that does not depend on the document (loading a
    // configuration, say), so that it overlaps with reading the input.
    // Callers keep the result until their renders are done; null when
    // there is nothing to start. Optional: render() works without it.
    virtual std::unique_ptr<Preparation> prepare() const { return nullptr; }
    virtual std::string_view name() const = 0;        // "md", "pdf", "docx"
    virtual std::string_view extension() const = 0;   // ".md"
    virtual std::string_view description() const = 0; // one line for `chronik formats`
    // The options the format takes (`-O FORMAT.NAME=VALUE`); none by default.
    virtual std::vector<OptionSpec> options() const { return {}; }
    // The value of one of them for this render: the target's, else the
    // default. Throws std::logic_error for a name the format does not declare.
    std::string option(const Target& target, std::string_view name) const;
    // Writes the whole output to `out`. Throws chronik::Failure on errors
    // it cannot recover from; warnings go to `diags`.
    virtual void render(const model::Document& doc, const style::Style& style, const Target& target,
                        std::ostream& out, Diagnostics& diags) const = 0;
};

class Registry {
public:
    void add(std::unique_ptr<Renderer> r);
    const Renderer* find(std::string_view name) const; // nullptr when unknown
    std::vector<const Renderer*> all() const;          // in registration order
    std::vector<std::string> names() const;

private:
    std::vector<std::unique_ptr<Renderer>> renderers_;
};

// The formats built into chronik.
Registry builtin_registry();

} // namespace chronik::render
