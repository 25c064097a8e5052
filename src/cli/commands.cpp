#include "commands.hpp"

#include "atomic_file.hpp"
#include "batch/job_file.hpp"
#include "batch/plan.hpp"
#include "batch/progress.hpp"
#include "batch/runner.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/pipeline.hpp"
#include "signals.hpp"
#include "style/style_reader.hpp"
#include "support/civil_time.hpp"
#include "support/file_content.hpp"
#include "support/strings.hpp"
#include "xml/source.hpp"

#include <Poco/Environment.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sys/ioctl.h>
#include <unistd.h>

namespace chronik::cli {

namespace fs = std::filesystem;

namespace {

void print(const Diagnostics& d, std::ostream& err) {
    for (const auto& item : d.items())
        err << format(item) << '\n';
}

// One error about a file as a whole (no line), printed as every other.
void print_error(const std::string& file, std::string message, std::ostream& err) {
    err << format(Diagnostic{Severity::Error, file, 0, 0, std::move(message)}) << '\n';
}

// Warnings only when not --quiet (batch: "nothing but errors").
void print_errors(const Diagnostics& d, bool warnings, std::ostream& err) {
    for (const auto& item : d.items())
        if (warnings || item.severity == Severity::Error)
            err << format(item) << '\n';
}

// The root element's name, to tell chronicles, style sheets and job files
// apart ("" when the file does not parse: the chronicle reader says why).
std::string root_element(const std::string& path) {
    Diagnostics ignored;
    const auto src = xml::Source::load(path, path, ignored);
    return src ? src->root()->Name() : "";
}

// Columns of the terminal on standard output, 0 when it is none.
int terminal_columns() {
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (const char* term = std::getenv("TERM"); term && std::string_view(term) == "dumb")
        return 0;
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

} // namespace

std::int64_t render_epoch() {
    // The environment, like the command line: a bad value is a usage error
    // (exit 2), found before any work. Every output writes the date with a
    // four-digit year, so the range ends at 9999-12-31T23:59:59Z.
    if (const char* s = std::getenv("SOURCE_DATE_EPOCH"); s && *s) {
        std::int64_t v = 0;
        const std::string_view sv(s);
        const auto [p, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), v);
        if (ec != std::errc() || p != sv.data() + sv.size() || !representable(v))
            throw UsageError(
                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 from " +
                std::to_string(first_epoch) + " to " + std::to_string(last_epoch) +
                " (9999-12-31T23:59:59Z), not '" + std::string(sv) + "'");
        return v;
    }
    return std::clamp(static_cast<std::int64_t>(std::time(nullptr)), first_epoch, last_epoch);
}

namespace {

// Starts the renderers' set-up ahead (Renderer::prepare). Its threads never
// take a signal: Ctrl-C must reach this thread, which holds it back while a
// file is being written (atomic_file.hpp) and, in batch, stops the jobs.
std::vector<std::unique_ptr<render::Preparation>>
prepare(const std::vector<const render::Renderer*>& renderers) {
    const SignalBlock started_with_signals_blocked;
    std::vector<std::unique_ptr<render::Preparation>> prepared;
    for (const auto* r : renderers)
        if (auto p = r->prepare())
            prepared.push_back(std::move(p));
    return prepared;
}

// The style `-s` names, else the default; its problems printed.
std::optional<style::Style> load_style(const Arguments& a, std::ostream& err) {
    Diagnostics d;
    auto style =
        a.style.empty() ? std::optional(style::default_style()) : style::resolve_style(a.style, d);
    print(d, err);
    return style;
}

} // namespace

int run_check(const Arguments& a, const render::Registry& formats, std::ostream& out,
              std::ostream& err) {
    // A chronicle is checked as `render` would make it, in every format,
    // into memory: whatever render would refuse (a PDF over the page limit,
    // a font it cannot embed, an image a renderer cannot take) check
    // reports with the same message, and nothing is written.
    // --print: the print PDF alone, the one a print shop gets (its
    // preflight runs inside the PDF renderer, as in a print render).
    const auto renderers =
        a.print ? std::vector<const render::Renderer*>{formats.find("pdf")} : formats.all();
    if (std::find(renderers.begin(), renderers.end(), nullptr) != renderers.end())
        throw UsageError("--print needs the PDF format, which this chronik has not");
    const auto prepared = prepare(renderers);
    compose::Options options = a.compose;
    options.epoch = render_epoch();
    const auto style = load_style(a, err);
    if (!style)
        return 1;
    std::error_code ec;
    const fs::path here = fs::current_path(ec); // where render would write by default
    bool failed = false;
    reader::ReadOptions ro;
    ro.allow_outside_images = a.allow_outside_images;
    for (const auto& file : a.files) {
        Diagnostics d;
        const std::string root = root_element(file);
        if (root == batch::job_file_root) {
            // The job file, and what its jobs name: as `batch` would load it.
            const auto jobs = batch::read_job_file(file, formats, d);
            std::optional<batch::Plan> plan;
            if (jobs) {
                batch::PlanOptions po;
                po.check_only = true;
                po.read = ro;
                po.epoch = options.epoch;
                plan = batch::make_plan(*jobs, formats, po, d);
            }
            // Every job as batch would render it, into memory.
            bool rendered = true;
            for (const auto& j : plan ? plan->jobs : std::vector<batch::PlannedJob>{}) {
                if (j.action == batch::Action::Fail || !j.chronicle || !j.style)
                    continue;
                const auto doc = pipeline::document(*j.chronicle, *j.style, j.options, d);
                for (const auto& o : j.outputs) {
                    try {
                        pipeline::render(doc, *j.style, *o.renderer, o.file.parent_path(),
                                         j.job->pdf_standards, j.job->format_options, d);
                    } catch (const Failure& f) {
                        d.add(f.diagnostic());
                        rendered = false;
                    }
                }
            }
            print(d, err);
            const bool ok =
                rendered && plan && plan->count(batch::Action::Fail) == 0 && !d.has_errors();
            if (ok && !a.quiet) {
                std::size_t outputs = 0;
                for (const auto& j : plan->jobs)
                    outputs += j.outputs.size();
                out << file << ": ok (job file: " << plan->jobs.size()
                    << (plan->jobs.size() == 1 ? " job, " : " jobs, ") << outputs
                    << (outputs == 1 ? " output" : " outputs") << ")\n";
            }
            failed = failed || !ok;
            continue;
        }
        if (root == "style") {
            const auto s = style::read_style(file, d);
            print(d, err);
            if (s && !a.quiet)
                out << file << ": ok (style sheet '" << s->name << "')\n";
            failed = failed || !s;
            continue;
        }
        const auto c = pipeline::load(file, d, ro);
        if (!c) {
            print(d, err);
            failed = true;
            continue;
        }
        const auto doc = pipeline::document(*c, *style, options, d);
        bool rendered = true;
        std::optional<int> print_pages;
        for (const auto* r : renderers) {
            try {
                print_pages = pipeline::render(doc, *style, *r, here, a.pdf_standards, {}, d).pages;
            } catch (const Failure& f) {
                d.add(f.diagnostic());
                rendered = false;
            }
        }
        print(d, err);
        if (!rendered) {
            failed = true;
            continue;
        }
        if (!a.quiet) {
            std::size_t milestones = 0;
            for (const auto& p : c->periods)
                milestones += p.milestones.size();
            out << file << ": ok (";
            if (a.print && print_pages)
                out << "print PDF of " << *print_pages
                    << (*print_pages == 1 ? " page, " : " pages, ");
            out << c->periods.size() << " periods, " << milestones << " milestones";
            const auto w = std::count_if(d.items().begin(), d.items().end(), [](const auto& i) {
                return i.severity == Severity::Warning;
            });
            if (w > 0)
                out << ", " << w << (w == 1 ? " warning" : " warnings");
            out << ")\n";
        }
    }
    return failed ? 1 : 0;
}

int run_render(const Arguments& a, const render::Registry& formats, std::ostream& out,
               std::ostream& err) {
    // Resolve everything that can be a usage error before any work.
    std::vector<const render::Renderer*> renderers;
    const auto wanted = a.formats.empty() || a.formats == std::vector<std::string>{"all"}
                            ? formats.names()
                            : a.formats;
    std::set<std::string> seen_formats;
    for (const auto& name : wanted) {
        const auto* r = formats.find(name);
        if (!r) {
            const std::string list = join(formats.names());
            throw UsageError("unknown format '" + name + "' (available: " + list + ")");
        }
        if (seen_formats.insert(name).second)
            renderers.push_back(r);
    }
    render::FormatOptions format_options;
    for (const auto& o : a.format_options) {
        try {
            format_options.set(formats, o);
        } catch (const std::invalid_argument& e) {
            throw UsageError("-O '" + o + "' " + e.what());
        }
    }
    // Set-up that does not need the input starts now, beside reading it.
    const auto prepared = prepare(renderers);
    std::map<std::string, std::string> stems;
    for (const auto& file : a.files) {
        const auto stem = fs::path(file).stem().string();
        if (auto [it, fresh] = stems.emplace(stem, file); !fresh)
            throw UsageError("'" + it->second + "' and '" + file +
                             "' would write outputs of the same name into " + a.output_dir);
    }
    compose::Options options = a.compose;
    options.epoch = render_epoch();

    const auto style = load_style(a, err);
    if (!style)
        return 1;

    reader::ReadOptions ro;
    ro.allow_outside_images = a.allow_outside_images;
    bool failed = false;
    // Every chronicle is read before anything is written: no output may
    // replace a file the run reads (pipeline/inputs.hpp).
    pipeline::ReadFiles reads;
    if (!a.style.empty())
        reads.add("style sheet", a.style, a.style);
    for (const auto& file : a.files)
        reads.add("chronicle", file, file);
    struct Loaded {
        std::string file;
        std::optional<chronicle::Chronicle> chronicle;
        Diagnostics diags;
    };
    std::vector<Loaded> loaded;
    for (const auto& file : a.files) {
        Loaded l{file, std::nullopt, {}};
        l.chronicle = pipeline::load(file, l.diags, ro);
        if (l.chronicle)
            reads.add(*l.chronicle);
        loaded.push_back(std::move(l));
    }
    auto output_path = [&](const std::string& file, const render::Renderer& r) {
        return fs::path(a.output_dir) /
               (fs::path(file).stem().string() + std::string(r.extension()));
    };
    bool replaces = false;
    for (const auto& l : loaded)
        for (const auto* r : renderers)
            if (const auto* input = reads.replaced_by(output_path(l.file, *r))) {
                print_error(output_path(l.file, *r).string(),
                            "this output would replace the " +
                                pipeline::ReadFiles::describe(*input) +
                                " (the same file), which the run reads; nothing was written",
                            err);
                replaces = true;
            }
    if (replaces)
        return 1;

    std::error_code ec;
    fs::create_directories(a.output_dir, ec);
    if (ec || !fs::is_directory(a.output_dir)) {
        print_error(a.output_dir,
                    "cannot create the output folder" + (ec ? ": " + ec.message() : std::string()),
                    err);
        return 1;
    }
    for (auto& l : loaded) {
        const auto& file = l.file;
        Diagnostics& d = l.diags;
        if (!l.chronicle) {
            print(d, err);
            failed = true;
            continue;
        }
        const auto doc = pipeline::document(*l.chronicle, *style, options, d);
        for (const auto* r : renderers) {
            const fs::path path = output_path(file, *r);
            try {
                const auto folder = fs::absolute(path).lexically_normal().parent_path();
                const auto rendered =
                    pipeline::render(doc, *style, *r, folder, a.pdf_standards, format_options, d);
                // The files beside the output first: a page never shows
                // before its pictures are there.
                for (const auto& at : rendered.attachments)
                    if (const auto* input = reads.replaced_by(path.parent_path() / at.path))
                        throw Failure({Severity::Error, (path.parent_path() / at.path).string(), 0,
                                       0,
                                       "this file would replace the " +
                                           pipeline::ReadFiles::describe(*input) +
                                           " (the same file), which the run reads; nothing "
                                           "was written"});
                for (const auto& at : rendered.attachments) {
                    const fs::path file = path.parent_path() / at.path;
                    if (file_has_content(file, *at.bytes))
                        continue; // an earlier render's, or another output's in this folder
                    fs::create_directories(file.parent_path());
                    write_atomically(file, *at.bytes);
                }
                write_atomically(path, rendered.bytes);
                if (!a.quiet)
                    out << "wrote " << path.string() << " (" << rendered.bytes.size()
                        << " bytes)\n";
            } catch (const Failure& f) {
                d.add(f.diagnostic());
                failed = true;
            } catch (const std::system_error& e) {
                d.error(path.string(), 0, 0, e.what());
                failed = true;
            }
        }
        print(d, err);
    }
    return failed ? 1 : 0;
}

int run_batch(const Arguments& a, const render::Registry& formats, std::ostream& out,
              std::ostream& err) {
    const auto t0 = std::chrono::steady_clock::now();
    const bool warnings = !a.quiet;
    batch::PlanOptions po;
    po.epoch = render_epoch(); // a malformed SOURCE_DATE_EPOCH is a usage error, before any work
    const char* fixed = std::getenv("SOURCE_DATE_EPOCH");
    po.epoch_fixed = fixed && *fixed;
    po.force = a.force;
    po.read.allow_outside_images = a.allow_outside_images;

    Diagnostics d;
    auto jobs = batch::read_job_file(a.files.front(), formats, d);
    print_errors(d, warnings, err);
    if (!jobs)
        return 1;
    if (a.output_given)
        jobs->output = fs::absolute(a.output_dir).lexically_normal();

    // Set-up that does not need the input starts now, beside reading it.
    std::set<std::string> used_formats;
    for (const auto& job : jobs->jobs)
        used_formats.insert(job.formats.begin(), job.formats.end());
    std::vector<const render::Renderer*> used;
    for (const auto& name : used_formats)
        if (const auto* r = formats.find(name))
            used.push_back(r);
    auto prepared = prepare(used);

    // Every chronicle and style sheet loaded once, here; their problems
    // are reported once, whichever jobs use them.
    d.clear();
    const batch::Plan plan = batch::make_plan(*jobs, formats, po, d);
    print_errors(d, warnings, err);
    bool failed = plan.count(batch::Action::Fail) > 0;

    if (a.dry_run) {
        if (!a.quiet)
            batch::print_summary(plan, batch::preview(plan), 0, true, out);
        return failed ? 1 : 0;
    }

    std::error_code ec;
    fs::create_directories(plan.output, ec);
    if (ec || !fs::is_directory(plan.output)) {
        print_error(plan.output.string(),
                    "cannot create the output folder" + (ec ? ": " + ec.message() : std::string()),
                    err);
        return 1;
    }

    const int columns = terminal_columns();
    const auto display = a.quiet       ? batch::Display::Quiet
                         : columns > 0 ? batch::Display::Bar
                                       : batch::Display::Lines;
    const unsigned threads = a.jobs ? a.jobs : std::max(1u, Poco::Environment::processorCount());
    // The runner forks its workers: no other thread may be running then
    // (destroying the preparations waits for theirs).
    prepared.clear();
    // Before any worker starts: they inherit the blocked signals, so that
    // Ctrl-C reaches this process alone, which stops them in good order.
    SignalBlock signals;
    batch::Progress progress(plan, display, out, err, columns);
    int stopped_by = 0;
    {
        batch::Runner runner(plan, threads, write_atomically, remove_temporaries, progress);
        runner.start();
        while (!runner.wait_for(std::chrono::milliseconds(100))) {
            if (const int s = signals.poll()) {
                if (stopped_by) {
                    // Again: stop now. The workers are killed; what they
                    // were writing is removed, what they wrote is whole.
                    progress.close();
                    runner.stop_now();
                    err << "chronik: stopped; no file is partial, the manifest is as it was\n";
                    err.flush();
                    out.flush();
                    std::_Exit(128 + s);
                }
                stopped_by = s;
                runner.cancel();
                progress.note("interrupted: finishing the jobs that are running (interrupt "
                              "again to stop at once)");
            }
            progress.tick();
        }
        if (const int s = signals.poll(); s && !stopped_by)
            stopped_by = s;
        progress.close();

        const auto& results = runner.results();
        for (const auto& r : results)
            failed = failed || r.status == batch::Status::Failed;
        // The manifest records what is on disk now, interrupted or not.
        const std::string manifest = serialise(batch::updated_manifest(plan, results));
        if (manifest != plan.manifest_text && !plan.manifest_is_input) {
            try {
                write_atomically(plan.manifest_file(), manifest);
            } catch (const std::system_error& e) {
                print_error(plan.manifest_file().string(), e.what(), err);
                failed = true;
            }
        }
        if (!a.quiet)
            batch::print_summary(
                plan, results,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), false,
                out);
    }
    if (stopped_by)
        return 128 + stopped_by;
    return failed ? 1 : 0;
}

int run_formats(const render::Registry& formats, std::ostream& out) {
    std::size_t name_width = 0, ext_width = 0;
    for (const auto* r : formats.all()) {
        name_width = std::max(name_width, r->name().size());
        ext_width = std::max(ext_width, r->extension().size());
    }
    for (const auto* r : formats.all()) {
        out << r->name() << std::string(name_width - r->name().size() + 2, ' ') << r->extension()
            << std::string(ext_width - r->extension().size() + 2, ' ') << r->description() << '\n';
        // Its options, as -O takes them: the first value is the default.
        for (const auto& o : r->options())
            out << std::string(name_width + 2, ' ') << "-O " << r->name() << '.' << o.name << '='
                << join(o.values, "|") << "  " << o.help << '\n';
    }
    return 0;
}

} // namespace chronik::cli
