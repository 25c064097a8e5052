#include "font_set.hpp"

#include "font_config.hpp"

#include <stdexcept>

namespace chronik::text {

FontSet::FontSet() { load_font_configuration(); }
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
    const auto [file, chosen_family, fallback] = choose_font(font);
    if (fallback)
        warnings_.push_back("font family '" + font.family + "' is not installed; using '" +
                            chosen_family + "' instead");
    if (file.empty())
        throw std::runtime_error("no font found for '" + font.family + "'");
    if (auto it = by_path_.find(file); it != by_path_.end()) {
        by_request_.emplace(key, it->second);
        return it->second;
    }
    const int id = static_cast<int>(faces_.size());
    faces_.push_back(std::make_unique<FontFace>(file));
    by_path_.emplace(file, id);
    by_request_.emplace(key, id);
    return id;
}

} // namespace chronik::text
