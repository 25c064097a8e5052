#include "job_file.hpp"

#include "compose/locale.hpp"
#include "support/language.hpp"
#include "support/strings.hpp"
#include "xml/source.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace chronik::batch {

namespace fs = std::filesystem;
using tinyxml2::XMLElement;

namespace {

// What <defaults> and <job> may both set; unset values come from
// <defaults>, then from chronik's own defaults.
struct Settings {
    std::optional<std::string> input;
    Place input_at;
    std::optional<std::string> style;
    Place style_at;
    std::optional<std::vector<std::string>> formats;
    std::optional<int> from, to;
    Place from_at, to_at;
    std::optional<std::vector<std::string>> categories;
    std::optional<std::string> language;
    std::optional<compose::Order> order;
    std::optional<std::string> title;
    std::optional<render::PdfStandards> pdf_standards;
    std::vector<std::string> format_options; // options="..." as written, each checked
};

bool is_job_name(std::string_view s) {
    auto word = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    if (s.empty() || !word(s[0]))
        return false;
    return std::all_of(s.begin(), s.end(), [&](char c) { return word(c) || c == '.' || c == '-'; });
}

// Space-separated names (XML's list type); empty names cannot occur.
std::vector<std::string> split_spaces(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && xml::is_space(s[i]))
            ++i;
        std::size_t j = i;
        while (j < s.size() && !xml::is_space(s[j]))
            ++j;
        if (j > i)
            out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

// A value for a message: control characters shown as \t, \n, \xHH.
std::string printable(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (u < 0x20 || u == 0x7F) {
            out += "\\x";
            append_hex_byte(out, u);
        } else {
            out += c;
        }
    }
    return out;
}

class Reader {
public:
    Reader(const xml::Source& src, const fs::path& folder, const render::Registry& formats,
           Diagnostics& d)
        : src_(src), folder_(folder), formats_(formats), d_(d) {}

    JobFile read() {
        JobFile f;
        f.display = src_.name();
        f.display_folder = fs::path(src_.name()).parent_path();
        f.folder = folder_;
        f.output = folder_;
        const XMLElement* root = src_.root();
        if (std::string_view(root->Name()) != job_file_root) {
            src_.error(root,
                       "the root element of a job file must be <jobs>, not <" +
                           std::string(root->Name()) + ">",
                       d_);
            return f;
        }
        allow(root, {"version", "output"});
        if (const char* v = root->Attribute("version"); v && std::string_view(v) != "1")
            src_.error(root, "version",
                       "unsupported job file version '" + std::string(v) +
                           "' (this chronik reads version 1)",
                       d_);
        if (const char* o = root->Attribute("output")) {
            if (!*o || xml::is_blank(o))
                src_.error(root, "output",
                           "the output folder is empty (leave the attribute "
                           "out for the job file's own folder)",
                           d_);
            else
                f.output = (folder_ / o).lexically_normal();
        }

        Settings defaults;
        const XMLElement* first_job = nullptr;
        const XMLElement* seen_defaults = nullptr;
        for (auto* n = root->FirstChild(); n; n = n->NextSibling()) {
            if (auto* t = n->ToText(); t && !xml::is_blank(t->Value())) {
                src_.error(n, "text is not allowed in <jobs> (only <defaults> and <job>)", d_);
                continue;
            }
            const XMLElement* e = n->ToElement();
            if (!e)
                continue;
            const std::string_view name = e->Name();
            must_be_empty(e);
            if (name == "defaults") {
                if (seen_defaults)
                    src_.error(e,
                               "<defaults> is given twice (first at line " +
                                   std::to_string(seen_defaults->GetLineNum()) + ")",
                               d_);
                else if (first_job)
                    src_.error(e, "<defaults> must come before the first <job>", d_);
                seen_defaults = e;
                allow(e, {"input", "style", "formats", "from", "to", "category", "lang", "order",
                          "title", "pdf-standard", "options"});
                defaults = settings(e);
            } else if (name == "job") {
                first_job = first_job ? first_job : e;
                if (auto job = read_job(e, defaults))
                    f.jobs.push_back(std::move(*job));
            } else {
                src_.error(e,
                           "unknown element <" + std::string(name) +
                               "> in <jobs> (allowed: defaults, job)",
                           d_);
            }
        }
        if (!first_job)
            src_.error(root, "the job file has no <job>", d_);
        check_outputs(f);
        return f;
    }

private:
    void allow(const XMLElement* e, std::initializer_list<std::string_view> names) {
        xml::check_attributes(src_, e, names, d_);
    }

    void must_be_empty(const XMLElement* e) {
        for (auto* c = e->FirstChild(); c; c = c->NextSibling()) {
            if (c->ToElement() || (c->ToText() && !xml::is_blank(c->Value()))) {
                src_.error(
                    e, std::string("<") + e->Name() + "> must be empty (it takes attributes)", d_);
                return;
            }
        }
    }

    Place place(const XMLElement* e, const char* attribute) const {
        const auto* a = e->FindAttribute(attribute);
        return {a ? a->GetLineNum() : e->GetLineNum(), src_.column(e, attribute)};
    }

    void error_at(const Place& p, std::string message) {
        d_.error(src_.name(), p.line, p.column, std::move(message));
    }

    // A non-blank attribute value, or nullopt (an error if present but blank).
    std::optional<std::string> value(const XMLElement* e, const char* attribute) {
        const char* v = e->Attribute(attribute);
        if (!v)
            return std::nullopt;
        if (xml::is_blank(v)) {
            src_.error(e, attribute, std::string(attribute) + " is empty", d_);
            return std::nullopt;
        }
        return std::string(v);
    }

    std::optional<int> year(const XMLElement* e, const char* attribute) {
        const auto v = value(e, attribute);
        if (!v)
            return std::nullopt;
        int y = 0;
        const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), y);
        if (ec != std::errc() || p != v->data() + v->size() || y < 1 || y > 9999) {
            src_.error(e, attribute,
                       std::string(attribute) + " needs a year (1 to 9999), not '" + *v + "'", d_);
            return std::nullopt;
        }
        return y;
    }

    Settings settings(const XMLElement* e) {
        Settings s;
        s.input = value(e, "input");
        s.input_at = place(e, "input");
        s.style = value(e, "style");
        s.style_at = place(e, "style");
        if (auto v = value(e, "formats"))
            s.formats = format_list(e, *v);
        s.from = year(e, "from");
        s.from_at = place(e, "from");
        s.to = year(e, "to");
        s.to_at = place(e, "to");
        if (auto v = value(e, "category"))
            s.categories = split_spaces(*v);
        if (auto v = value(e, "lang")) {
            if (!is_language_tag(*v))
                src_.error(e, "lang",
                           "lang '" + *v + "' is not a BCP 47 language tag (for example de, en)",
                           d_);
            else if (!compose::find_locale(*v))
                src_.error(e, "lang",
                           "lang '" + *v + "': no built-in words for it (" +
                               join(compose::locale_names()) + ")",
                           d_);
            else
                s.language = *v;
        }
        if (auto v = value(e, "order")) {
            if (*v == "written")
                s.order = compose::Order::AsWritten;
            else if (*v == "oldest")
                s.order = compose::Order::OldestFirst;
            else if (*v == "newest")
                s.order = compose::Order::NewestFirst;
            else
                src_.error(e, "order", "order '" + *v + "' is not one of: written, oldest, newest",
                           d_);
        }
        if (const char* v = e->Attribute("title")) {
            if (xml::is_blank(v))
                src_.error(e, "title",
                           "title is empty (leave the attribute out to keep the chronicle's)", d_);
            else
                s.title = std::string(v);
        }
        if (auto v = value(e, "pdf-standard")) {
            // Spelled as on the command line, separated by spaces like formats.
            if (v->find(',') != std::string::npos)
                src_.error(e, "pdf-standard",
                           "pdf-standard names are separated by spaces, not commas ('ua-1 a-2a')",
                           d_);
            else
                try {
                    s.pdf_standards = render::parse_pdf_standards(split_spaces(*v));
                } catch (const render::PdfStandardsError& x) {
                    src_.error(e, "pdf-standard", "pdf-standard '" + *v + "' " + x.what(), d_);
                }
        }
        if (auto v = value(e, "options")) {
            // FORMAT.NAME=VALUE as -O takes it, separated by spaces.
            for (auto& o : split_spaces(*v)) {
                try {
                    render::FormatOptions check;
                    check.set(formats_, o);
                    s.format_options.push_back(std::move(o));
                } catch (const std::invalid_argument& x) {
                    src_.error(e, "options", "option '" + o + "' " + x.what(), d_);
                }
            }
        }
        return s;
    }

    std::vector<std::string> format_list(const XMLElement* e, const std::string& v) {
        std::vector<std::string> out;
        if (v.find(',') != std::string::npos) {
            src_.error(e, "formats", "formats are separated by spaces, not commas ('pdf docx')",
                       d_);
            return out;
        }
        for (auto& name : split_spaces(v)) {
            if (!formats_.find(name)) {
                src_.error(e, "formats",
                           "unknown format '" + name + "' (available: " + join(formats_.names()) +
                               ")",
                           d_);
            } else if (std::find(out.begin(), out.end(), name) != out.end()) {
                src_.error(e, "formats", "format '" + name + "' is named twice", d_);
            } else {
                out.push_back(std::move(name));
            }
        }
        return out;
    }

    std::optional<Job> read_job(const XMLElement* e, const Settings& defaults) {
        const auto start = d_.mark();
        allow(e, {"name", "output", "input", "style", "formats", "from", "to", "category", "lang",
                  "order", "title", "pdf-standard", "options"});
        Job job;
        job.at = {e->GetLineNum(), src_.column(e)};
        if (const auto name = value(e, "name")) {
            if (!is_job_name(*name)) {
                src_.error(e, "name",
                           "job name '" + *name +
                               "' may hold only letters, digits, '_', '.' and '-', and starts "
                               "with a letter, digit or '_'",
                           d_);
            } else if (const auto [it, fresh] = names_.emplace(*name, e->GetLineNum()); !fresh) {
                src_.error(e, "name",
                           "job name '" + *name + "' is used twice (first at line " +
                               std::to_string(it->second) + ")",
                           d_);
            }
            job.name = *name;
        } else if (!e->Attribute("name")) {
            xml::missing_attribute(src_, e, "name", {}, d_);
        }

        const Settings own = settings(e);
        auto pick = [](const auto& mine, const auto& theirs) { return mine ? mine : theirs; };
        const auto input = pick(own.input, defaults.input);
        if (input) {
            job.input = *input;
            job.input_at = own.input ? own.input_at : defaults.input_at;
        } else if (!e->Attribute("input")) {
            src_.error(e,
                       "job '" + job.name +
                           "' names no input chronicle (give input= here or in <defaults>)",
                       d_);
        }
        if (const auto style = pick(own.style, defaults.style)) {
            job.style = *style;
            job.style_at = own.style ? own.style_at : defaults.style_at;
        }
        if (const auto f = pick(own.formats, defaults.formats))
            job.formats = *f;
        else
            job.formats = formats_.names(); // none named: every format, as `render` does
        auto& o = job.options;
        o.from_year = pick(own.from, defaults.from);
        o.to_year = pick(own.to, defaults.to);
        if (o.from_year && o.to_year && *o.from_year > *o.to_year) {
            const Place p = own.from ? own.from_at
                            : own.to ? own.to_at
                                     : Place{e->GetLineNum(), src_.column(e)};
            error_at(p, "from " + std::to_string(*o.from_year) + " lies after to " +
                            std::to_string(*o.to_year));
        }
        if (const auto c = pick(own.categories, defaults.categories))
            o.categories = *c;
        if (const auto l = pick(own.language, defaults.language))
            o.language = *l;
        if (const auto r = pick(own.order, defaults.order))
            o.order = *r;
        o.title = pick(own.title, defaults.title);
        if (const auto p = pick(own.pdf_standards, defaults.pdf_standards))
            job.pdf_standards = *p;
        // The defaults' options, then the job's own: an option the job sets
        // replaces the defaults' value of it.
        for (const auto* list : {&defaults.format_options, &own.format_options})
            for (const auto& o : *list)
                job.format_options.set(formats_, o);

        const char* out = e->Attribute("output");
        const std::string wanted = out ? std::string(out) : job.name;
        job.output_at = out ? place(e, "output") : job.at;
        if (!wanted.empty()) {
            std::string why;
            if (auto safe = confined_output_path(wanted, why)) {
                job.output = *safe;
                for (const auto& f : job.formats) {
                    const auto ext = formats_.find(f)->extension();
                    if (job.output.size() > ext.size() && job.output.ends_with(ext)) {
                        error_at(job.output_at,
                                 "output '" + wanted + "' ends with the extension '" +
                                     std::string(ext) +
                                     "'; give the name without it (each format adds its own)");
                        break;
                    }
                }
            } else {
                error_at(job.output_at, "output '" + printable(wanted) + "' " + why);
            }
        }
        if (d_.errors_since(start))
            return std::nullopt;
        return job;
    }

    // No two outputs the same file, and no output a folder of another.
    void check_outputs(const JobFile& f) {
        std::map<std::string, const Job*> files; // output file -> the job writing it
        for (const auto& job : f.jobs) {
            for (const auto& format : job.formats) {
                const std::string file =
                    job.output + std::string(formats_.find(format)->extension());
                if (const auto [it, fresh] = files.emplace(file, &job); !fresh)
                    error_at(job.output_at, "job '" + job.name + "' writes '" + file +
                                                "', as job '" + it->second->name + "' (line " +
                                                std::to_string(it->second->at.line) + ") does");
            }
        }
        for (const auto& job : f.jobs) {
            for (auto folder = fs::path(job.output).parent_path(); !folder.empty();
                 folder = folder.parent_path()) {
                if (const auto it = files.find(folder.generic_string()); it != files.end())
                    error_at(job.output_at, "job '" + job.name + "' needs a folder '" + it->first +
                                                "', which job '" + it->second->name +
                                                "' writes as a file");
            }
        }
    }

    const xml::Source& src_;
    fs::path folder_;
    const render::Registry& formats_;
    Diagnostics& d_;
    std::map<std::string, int> names_; // job name -> line
};

std::optional<JobFile> finish(std::unique_ptr<xml::Source> src, const fs::path& folder,
                              const render::Registry& formats, Diagnostics& diags,
                              Diagnostics::Mark start) {
    if (!src)
        return std::nullopt;
    Reader r(*src, folder, formats, diags);
    JobFile f = r.read();
    if (diags.errors_since(start))
        return std::nullopt;
    return f;
}

} // namespace

std::optional<std::string> confined_output_path(std::string_view path, std::string& why) {
    if (path.empty() || xml::is_blank(path)) {
        why = "is empty";
        return std::nullopt;
    }
    for (const char c : path) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            why = "contains a control character";
            return std::nullopt;
        }
    }
    if (path.front() == '/') {
        why = "is absolute; output paths are relative to the output folder";
        return std::nullopt;
    }
    if (path.back() == '/') {
        why = "names a folder; give a file name without extension, such as 'print/chronik'";
        return std::nullopt;
    }
    // Lexically: "a/../b" is "b", "a/../../b" leads out. (Symbolic links
    // inside the output folder are checked when writing, see runner.cpp.)
    const fs::path normal = fs::path(path).lexically_normal();
    if (*normal.begin() == "..") {
        why = "leads outside the output folder";
        return std::nullopt;
    }
    if (normal == "." || !normal.has_filename()) {
        why = "names a folder, not a file in the output folder";
        return std::nullopt;
    }
    return normal.generic_string();
}

std::optional<JobFile> read_job_file(const std::string& path, const render::Registry& formats,
                                     Diagnostics& diags) {
    const auto start = diags.mark();
    const fs::path folder = fs::absolute(path).lexically_normal().parent_path();
    return finish(xml::Source::load(path, path, diags), folder, formats, diags, start);
}

std::optional<JobFile> read_job_file_text(std::string text, const std::string& display,
                                          const fs::path& folder, const render::Registry& formats,
                                          Diagnostics& diags) {
    const auto start = diags.mark();
    return finish(xml::Source::parse(std::move(text), display, diags),
                  fs::absolute(folder).lexically_normal(), formats, diags, start);
}

} // namespace chronik::batch
