#include "commands.hpp"

#include "atomic_file.hpp"
#include "reader/chronicle_reader.hpp"
#include "style/style_reader.hpp"
#include "xml/source.hpp"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace chronik::cli {

namespace fs = std::filesystem;

namespace {

void print(const Diagnostics& d, std::ostream& err) {
    for (const auto& item : d.items())
        err << format(item) << '\n';
}

bool is_style_sheet(const std::string& path) {
    Diagnostics ignored;
    const auto src = xml::Source::load(path, path, ignored);
    return src && std::string_view(src->root()->Name()) == "style";
}

} // namespace

std::int64_t render_epoch() {
    if (const char* s = std::getenv("SOURCE_DATE_EPOCH"); s && *s) {
        std::int64_t v = 0;
        const std::string_view sv(s);
        const auto [p, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), v);
        if (ec != std::errc() || p != sv.data() + sv.size() || v < 0)
            throw UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, "
                             "not '" + std::string(sv) + "'");
        return v;
    }
    return static_cast<std::int64_t>(std::time(nullptr));
}

int run_check(const Arguments& a, std::ostream& out, std::ostream& err) {
    bool failed = false;
    reader::ReadOptions ro;
    ro.allow_outside_images = a.allow_outside_images;
    for (const auto& file : a.files) {
        Diagnostics d;
        if (is_style_sheet(file)) {
            const auto s = style::read_style(file, d);
            print(d, err);
            if (s && !a.quiet)
                out << file << ": ok (style sheet '" << s->name << "')\n";
            failed = failed || !s;
            continue;
        }
        const auto c = reader::read_chronicle(file, d, ro);
        print(d, err);
        if (!c) {
            failed = true;
            continue;
        }
        if (!a.quiet) {
            std::size_t milestones = 0;
            for (const auto& p : c->periods)
                milestones += p.milestones.size();
            out << file << ": ok (" << c->periods.size() << " periods, " << milestones
                << " milestones";
            if (const auto w = d.items().size())
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
            std::string list;
            for (const auto& n : formats.names())
                list += (list.empty() ? "" : ", ") + n;
            throw UsageError("unknown format '" + name + "' (available: " + list + ")");
        }
        if (seen_formats.insert(name).second)
            renderers.push_back(r);
    }
    std::map<std::string, std::string> stems;
    for (const auto& file : a.files) {
        const auto stem = fs::path(file).stem().string();
        if (auto [it, fresh] = stems.emplace(stem, file); !fresh)
            throw UsageError("'" + it->second + "' and '" + file +
                             "' would write outputs of the same name into " + a.output_dir);
    }
    compose::Options options = a.compose;
    options.epoch = render_epoch();

    Diagnostics style_diags;
    const auto style = a.style.empty() ? std::optional(style::default_style())
                                       : style::resolve_style(a.style, style_diags);
    print(style_diags, err);
    if (!style)
        return 1;

    std::error_code ec;
    fs::create_directories(a.output_dir, ec);
    if (ec || !fs::is_directory(a.output_dir)) {
        err << a.output_dir << ": error: cannot create the output folder"
            << (ec ? ": " + ec.message() : std::string()) << '\n';
        return 1;
    }
    render::Target target{fs::absolute(a.output_dir).lexically_normal().string()};

    reader::ReadOptions ro;
    ro.allow_outside_images = a.allow_outside_images;
    bool failed = false;
    for (const auto& file : a.files) {
        Diagnostics d;
        const auto chronicle = reader::read_chronicle(file, d, ro);
        if (!chronicle) {
            print(d, err);
            failed = true;
            continue;
        }
        const auto doc = compose::compose(*chronicle, *style, options, d);
        for (const auto* r : renderers) {
            const fs::path path = fs::path(a.output_dir) /
                                  (fs::path(file).stem().string() + std::string(r->extension()));
            try {
                std::ostringstream bytes(std::ios::binary);
                r->render(doc, *style, target, bytes, d);
                write_atomically(path, bytes.view());
                if (!a.quiet)
                    out << "wrote " << path.string() << " (" << bytes.view().size()
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

int run_formats(const render::Registry& formats, std::ostream& out) {
    for (const auto* r : formats.all())
        out << r->name() << std::string(r->name().size() < 6 ? 6 - r->name().size() : 1, ' ')
            << r->extension() << std::string(r->extension().size() < 7 ? 7 - r->extension().size() : 1, ' ')
            << r->description() << '\n';
    return 0;
}

} // namespace chronik::cli
