#include "font_set.hpp"

#include "font_config.hpp"

#include <sys/stat.h>

#include <mutex>
#include <stdexcept>

namespace chronik::text {

namespace {

// The face loaded from `path`, shared process-wide. A file whose size or
// modification time changed since it was loaded (a font package upgrade
// during a long batch) is loaded afresh. Loads happen under the lock: two
// threads asking for the same file load it once.
std::shared_ptr<const FontFace> shared_face(const std::string& path) {
    struct Loaded {
        off_t size = -1;
        timespec modified{};
        std::shared_ptr<const FontFace> face;
    };
    static std::mutex lock;
    static std::unordered_map<std::string, Loaded> loaded;
    struct stat st {};
    const bool known = ::stat(path.c_str(), &st) == 0;
    const std::lock_guard guard(lock);
    auto& entry = loaded[path];
    if (!entry.face || !known || entry.size != st.st_size ||
        entry.modified.tv_sec != st.st_mtim.tv_sec ||
        entry.modified.tv_nsec != st.st_mtim.tv_nsec) {
        entry.face = std::make_shared<const FontFace>(path);
        entry.size = known ? st.st_size : -1;
        entry.modified = known ? st.st_mtim : timespec{};
    }
    return entry.face;
}

} // namespace

namespace {

std::string face_name(const style::Font& f) {
    return f.bold && f.italic ? "bold italic" : f.bold ? "bold" : f.italic ? "italic" : "regular";
}

} // namespace

void FontSet::note(const style::Font& font, std::string message) {
    warnings_.push_back(message);
    notes_.push_back({font, std::move(message)});
}

FontSet::FontSet() {
    load_font_configuration();
}
FontSet::~FontSet() = default;

int FontSet::face(const style::Font& font) {
    // Asked once per run of text: answer repeats without building a key.
    if (!(last_ >= 0 && last_font_.bold == font.bold && last_font_.italic == font.italic &&
          last_font_.family == font.family)) {
        last_font_ = font;
        last_ = lookup(font);
    }
    if (log_)
        log_->emplace_back(font, last_);
    return last_;
}

int FontSet::lookup(const style::Font& font) {
    const std::string key =
        font.family + (font.bold ? ":bold" : ":regular") + (font.italic ? ":italic" : ":roman");
    if (auto it = by_request_.find(key); it != by_request_.end())
        return it->second;
    const FontChoice c = choose_font(font);
    const std::string& file = c.file;
    if (c.fallback)
        note(font, "font family '" + font.family + "' is not installed; using '" + c.family +
                       "' instead");
    if (file.empty())
        throw std::runtime_error("no font found for '" + font.family + "'");
    int id = -1;
    if (auto it = by_path_.find(file); it != by_path_.end()) {
        id = it->second;
    } else {
        id = static_cast<int>(faces_.size());
        faces_.push_back(shared_face(file));
        by_path_.emplace(file, id);
    }
    by_request_.emplace(key, id);
    // fontconfig's nearest face of an installed family may lack the weight
    // or slant asked for (the PDF synthesises neither): said once, naming
    // the face used.
    const FontFace& got = at(id);
    if (!c.fallback && (got.bold() != font.bold || got.italic() != font.italic))
        note(font, "font family '" + font.family + "' has no " + face_name(font) +
                       " face; using its '" + got.style_name() + "' face instead");
    return id;
}

} // namespace chronik::text
