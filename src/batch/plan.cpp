#include "plan.hpp"

#include "content_hash.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/pipeline.hpp"
#include "style/builtin_styles.hpp"
#include "style/style_reader.hpp"
#include "support/strings.hpp"
#include "text/font_config.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#ifndef CHRONIK_VERSION
#define CHRONIK_VERSION "0.0.0"
#endif

namespace chronik::batch {

namespace fs = std::filesystem;

std::string_view chronik_version() {
    return CHRONIK_VERSION;
}

std::size_t Plan::count(Action a) const {
    return static_cast<std::size_t>(
        std::count_if(jobs.begin(), jobs.end(), [a](const auto& j) { return j.action == a; }));
}

namespace {

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string chronicle_hash(const fs::path& file, const chronicle::Chronicle& c) {
    ContentHash h;
    h.add("chronicle", sha256_of_file(file).value_or("unreadable"));
    for (const auto& period : c.periods)
        for (const auto& m : period.milestones)
            for (const auto& part : m.body)
                if (const auto* img = std::get_if<chronicle::ImageRef>(&part))
                    h.add("image", img->path)
                        .add("image-bytes", sha256_of_file(img->path).value_or("unreadable"));
    return h.hex();
}

// The font files a style resolves to, as the text stage finds them: a
// font package upgrade then re-renders. (Path, size and modification
// time; hashing megabytes of fonts on every run would cost more than it
// tells.)
void add_fonts(ContentHash& h, const style::Style& s) {
    try {
        text::load_font_configuration();
        std::vector<std::string> paths;
        for (const auto& role : s.roles) {
            const std::string path = text::font_file(role.font);
            if (path.empty())
                throw std::runtime_error("no font found for '" + role.font.family + "'");
            if (std::find(paths.begin(), paths.end(), path) == paths.end())
                paths.push_back(path);
        }
        for (const auto& p : paths) {
            std::error_code ec;
            const auto size = fs::file_size(p, ec);
            h.add("font", p)
                .add("font-size", static_cast<std::int64_t>(ec ? 0 : size))
                .add("font-time", modified_ns(p).value_or(0));
        }
    } catch (const std::exception& e) {
        // No usable font: the PDF render will say so; the hash notes it.
        h.add("font-error", e.what());
    }
}

std::string display_path(const JobFile& f, const std::string& written) {
    const fs::path p(written);
    return p.is_absolute() ? p.lexically_normal().string()
                           : (f.display_folder / p).lexically_normal().string();
}

class Planner {
public:
    Planner(const JobFile& f, const render::Registry& formats, const PlanOptions& o, Diagnostics& d,
            Plan& plan)
        : f_(f), formats_(formats), o_(o), d_(d), plan_(plan) {}

    void run() {
        plan_.output = f_.output;
        if (!o_.check_only)
            read_manifest();
        for (const auto& job : f_.jobs)
            plan_.jobs.push_back(plan(job));
        refuse_replacing_inputs();
    }

private:
    // No job may write over a file the run reads: the job file, any job's
    // chronicle or the images it shows, any style sheet. Checked for every
    // job once all are loaded, before any runs; such a job fails.
    void refuse_replacing_inputs() {
        pipeline::ReadFiles reads;
        reads.add("job file", f_.display, f_.folder / fs::path(f_.display).filename());
        for (const auto& [key, c] : plan_.chronicles)
            if (c->value)
                reads.add(*c->value);
        for (const auto& [key, st] : plan_.styles)
            if (key.rfind("file:", 0) == 0)
                reads.add("style sheet", key.substr(5), key.substr(5));
        if (const auto* input = reads.replaced_by(plan_.manifest_file())) {
            // The manifest is written after every run: no job may run.
            d_.error(f_.display, 0, 0,
                     "the manifest " + plan_.manifest_file().string() + " would replace the " +
                         pipeline::ReadFiles::describe(*input) +
                         " (the same file), which the run reads; choose another output folder");
            plan_.manifest_is_input = true;
            for (auto& p : plan_.jobs) {
                p.action = Action::Fail;
                p.reason = "the manifest would replace a file the run reads";
            }
            return;
        }
        for (auto& p : plan_.jobs)
            for (const auto& out : p.outputs)
                if (const auto* input = reads.replaced_by(out.file)) {
                    error_at(p.job->output_at, "output '" + out.path + "' would replace the " +
                                                   pipeline::ReadFiles::describe(*input) +
                                                   " (the same file), which the run reads");
                    p.action = Action::Fail;
                    p.reason = "its output would replace a file the run reads";
                }
    }

    void read_manifest() {
        std::error_code ec;
        if (!fs::is_regular_file(plan_.manifest_file(), ec))
            return;
        plan_.manifest_text = read_all(plan_.manifest_file());
        if (auto m = parse_manifest(plan_.manifest_text))
            plan_.manifest = std::move(*m);
        else
            d_.warning(plan_.manifest_file().string(), 0,
                       "not a manifest chronik can read; every job runs and it is rewritten");
    }

    void error_at(const Place& p, std::string message) {
        d_.error(f_.display, p.line, p.column, std::move(message));
    }

    const LoadedChronicle* chronicle(const Job& job) {
        const fs::path file = (f_.folder / job.input).lexically_normal();
        const std::string key = file.string();
        if (const auto it = plan_.chronicles.find(key); it != plan_.chronicles.end())
            return it->second.get();
        auto loaded = std::make_unique<LoadedChronicle>();
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            error_at(job.input_at, "input '" + job.input + "' " +
                                       (fs::exists(file, ec) ? "is not a file" : "does not exist") +
                                       " (looked for " + display_path(f_, job.input) + ")");
        } else {
            loaded->value = pipeline::load(display_path(f_, job.input), d_, o_.read);
            if (loaded->value && !o_.check_only)
                loaded->hash = chronicle_hash(file, *loaded->value);
        }
        auto* raw = loaded.get();
        plan_.chronicles.emplace(key, std::move(loaded));
        return raw;
    }

    const LoadedStyle* style(const Job& job) {
        // As `render -s` resolves it: a file if there is one, else a built-in name.
        const fs::path file = (f_.folder / job.style).lexically_normal();
        std::error_code ec;
        const bool is_file = !job.style.empty() && fs::is_regular_file(file, ec);
        const std::string key = job.style.empty() ? std::string("builtin:")
                                : is_file         ? "file:" + file.string()
                                                  : "builtin:" + job.style;
        if (const auto it = plan_.styles.find(key); it != plan_.styles.end())
            return it->second.get();
        auto loaded = std::make_unique<LoadedStyle>();
        std::string text;
        if (job.style.empty()) {
            loaded->value = style::default_style();
            text = style::builtin_style_text("brochure");
        } else if (is_file) {
            loaded->value = style::read_style(display_path(f_, job.style), d_);
            text = read_all(file);
        } else if (!style::builtin_style_text(job.style).empty()) {
            text = style::builtin_style_text(job.style);
            loaded->value = style::read_style_text(text, "<built-in " + job.style + ">", d_);
        } else {
            const std::string list = join(style::builtin_style_names());
            error_at(job.style_at, "style '" + job.style + "' is neither a style sheet file (" +
                                       display_path(f_, job.style) +
                                       " does not exist) nor a built-in style (" + list + ")");
        }
        if (loaded->value && !o_.check_only) {
            ContentHash h;
            h.add("style", key).add("style-text", text);
            add_fonts(h, *loaded->value);
            loaded->hash = h.hex();
        }
        auto* raw = loaded.get();
        plan_.styles.emplace(key, std::move(loaded));
        return raw;
    }

    PlannedJob plan(const Job& job) {
        PlannedJob p;
        p.job = &job;
        p.options = job.options;
        p.options.epoch = o_.epoch;
        for (const auto& name : job.formats) {
            const auto* r = formats_.find(name);
            PlannedOutput out;
            out.renderer = r;
            out.path = job.output + std::string(r->extension());
            out.file = (f_.output / out.path).lexically_normal();
            p.outputs.push_back(std::move(out));
        }
        const auto* c = chronicle(job);
        const auto* s = style(job);
        if (!c->value || !s->value) {
            p.action = Action::Fail;
            p.reason = !c->value ? "its chronicle did not load" : "its style did not load";
            return p;
        }
        p.chronicle = &*c->value;
        p.style = &*s->value;
        if (o_.check_only)
            return p;
        p.hash = job_hash(p, *c, *s);
        decide(p);
        return p;
    }

    std::string job_hash(const PlannedJob& p, const LoadedChronicle& c,
                         const LoadedStyle& s) const {
        const auto& o = p.job->options;
        ContentHash h;
        h.add("chronik-batch", "1").add("version", o_.version);
        h.add("chronicle", c.hash).add("style", s.hash);
        h.add("order", static_cast<std::int64_t>(o.order));
        h.add("from", static_cast<std::int64_t>(o.from_year.value_or(0)));
        h.add("to", static_cast<std::int64_t>(o.to_year.value_or(0)));
        h.add("categories", static_cast<std::int64_t>(o.categories.size()));
        for (const auto& cat : o.categories)
            h.add("category", cat);
        h.add("lang", o.language);
        h.add("has-title", static_cast<std::int64_t>(o.title.has_value()));
        h.add("title", o.title.value_or(""));
        h.add("pdf-standard", p.job->pdf_standards.spelled());
        if (!p.job->format_options.empty()) // (absent: the hashes of older manifests hold)
            h.add("options", p.job->format_options.spelled());
        // Without SOURCE_DATE_EPOCH the document date is the moment of the
        // render: outputs written earlier stay valid, so it is no input.
        h.add("epoch", o_.epoch_fixed ? std::to_string(o_.epoch) : std::string("unset"));
        for (const auto& out : p.outputs)
            h.add("format", out.renderer->name())
                .add("path", out.path)
                .add("folder", out.file.parent_path().string());
        return h.hex();
    }

    void decide(PlannedJob& p) {
        p.action = Action::Render;
        if (o_.force) {
            p.reason = "forced";
            return;
        }
        const auto it = plan_.manifest.jobs.find(p.job->name);
        if (it == plan_.manifest.jobs.end()) {
            p.reason = "new";
            return;
        }
        ManifestJob record = it->second;
        bool same_outputs = record.outputs.size() == p.outputs.size();
        for (std::size_t i = 0; same_outputs && i < p.outputs.size(); ++i)
            same_outputs = record.outputs[i].path == p.outputs[i].path &&
                           record.outputs[i].format == p.outputs[i].renderer->name();
        if (record.hash != p.hash || !same_outputs) {
            p.reason = "inputs changed";
            return;
        }
        // Every output and every file made beside one must be as written.
        std::vector<std::pair<ManifestOutput*, fs::path>> written;
        for (std::size_t i = 0; i < p.outputs.size(); ++i)
            written.emplace_back(&record.outputs[i], p.outputs[i].file);
        for (auto& f : record.files)
            written.emplace_back(&f, plan_.output / fs::path(f.path));
        for (auto& [was_p, file] : written) {
            auto& was = *was_p;
            std::error_code ec;
            const auto size = fs::is_regular_file(file, ec) ? fs::file_size(file, ec) : 0;
            if (ec || !fs::is_regular_file(file, ec)) {
                p.reason = "output missing";
                return;
            }
            if (size != was.bytes) {
                p.reason = "output changed";
                return;
            }
            // The modification time is the quick check; the content decides.
            const auto t = modified_ns(file);
            if (t != was.mtime_ns) {
                if (sha256_of_file(file) != was.sha256) {
                    p.reason = "output changed";
                    return;
                }
                was.mtime_ns = t.value_or(0); // touched, not changed
            }
        }
        p.action = Action::Skip;
        p.reason = "up to date";
        p.record = std::move(record);
    }

    const JobFile& f_;
    const render::Registry& formats_;
    const PlanOptions& o_;
    Diagnostics& d_;
    Plan& plan_;
};

} // namespace

Plan make_plan(const JobFile& jobs, const render::Registry& formats, const PlanOptions& options,
               Diagnostics& diags) {
    Plan plan;
    Planner(jobs, formats, options, diags, plan).run();
    return plan;
}

} // namespace chronik::batch
