#include "manifest.hpp"

#include <charconv>

namespace chronik::batch {

namespace {

constexpr std::string_view header = "chronik-manifest 1";

std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (true) {
        const auto tab = line.find('\t', i);
        out.push_back(line.substr(i, tab == std::string_view::npos ? tab : tab - i));
        if (tab == std::string_view::npos)
            return out;
        i = tab + 1;
    }
}

template <class T> bool number(std::string_view s, T& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool is_hash(std::string_view s) {
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

template <class T> std::string text(T v) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

} // namespace

std::optional<Manifest> parse_manifest(std::string_view text) {
    Manifest m;
    ManifestJob* job = nullptr;
    bool first = true;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        if (nl == std::string_view::npos)
            return std::nullopt; // every line ends with a newline: a cut file is no manifest
        const auto line = text.substr(0, nl);
        text.remove_prefix(nl + 1);
        if (first) {
            if (line != header)
                return std::nullopt;
            first = false;
            continue;
        }
        const auto f = fields(line);
        if (f[0] == "job" && f.size() == 3 && !f[1].empty() && is_hash(f[2])) {
            const auto [it, fresh] = m.jobs.emplace(std::string(f[1]), ManifestJob{});
            if (!fresh)
                return std::nullopt;
            it->second.hash = std::string(f[2]);
            job = &it->second;
        } else if ((f[0] == "output" || f[0] == "file") && f.size() == 7 && job && !f[1].empty() &&
                   !f[2].empty()) {
            ManifestOutput o;
            o.path = std::string(f[1]);
            o.format = std::string(f[2]);
            int pages = 0;
            if (!number(f[3], o.bytes) || !number(f[5], o.mtime_ns) || !is_hash(f[6]))
                return std::nullopt;
            if (f[4] != "-") {
                if (!number(f[4], pages) || pages < 0)
                    return std::nullopt;
                o.pages = pages;
            }
            o.sha256 = std::string(f[6]);
            (f[0] == "file" ? job->files : job->outputs).push_back(std::move(o));
        } else {
            return std::nullopt;
        }
    }
    if (first)
        return std::nullopt;
    return m;
}

std::string serialise(const Manifest& m) {
    std::string out = std::string(header) + "\n";
    for (const auto& [name, job] : m.jobs) {
        out += "job\t" + name + "\t" + job.hash + "\n";
        for (const auto* list : {&job.outputs, &job.files})
            for (const auto& o : *list)
                out += (list == &job.files ? "file\t" : "output\t") + o.path + "\t" + o.format +
                       "\t" + text(o.bytes) + "\t" + (o.pages ? text(*o.pages) : std::string("-")) +
                       "\t" + text(o.mtime_ns) + "\t" + o.sha256 + "\n";
    }
    return out;
}

} // namespace chronik::batch
