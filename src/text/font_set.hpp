// The faces a document uses, each loaded once, chosen by style font.
//
// Thread safety: a FontSet is for one document at a time (face() fills its
// tables); the faces it hands out are immutable and may be read from any
// thread (font_face.hpp). They are shared by every FontSet of the process:
// each font file is loaded once, however many documents are laid out or
// measured (chronik batch, the layout's helper thread, PDF and DOCX of one
// input), and again only when the file has changed.
#pragma once

#include "font_face.hpp"
#include "style/style.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chronik::text {

class FontSet {
public:
    FontSet(); // loads fontconfig's configuration (font_config.hpp) if need be
    ~FontSet();
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    // The face id for a style's font; finds a fallback when the family is
    // not installed and records a warning naming both. Throws when no font
    // can be found or loaded at all. Faces of any outline format FreeType
    // reads are returned: whoever embeds them checks FontFace::is_truetype.
    int face(const style::Font& font);
    const FontFace& at(int id) const { return *faces_.at(static_cast<std::size_t>(id)); }
    std::size_t size() const { return faces_.size(); }
    const std::vector<std::string>& warnings() const { return warnings_; }
    // The same, with the font each was about (for the style sheet's line).
    struct Note {
        style::Font asked;
        std::string message;
    };
    const std::vector<Note>& notes() const { return notes_; }

    // While `log` is set, every request to face() is appended to it with
    // its answer (the layout sets paragraphs on other threads with their own
    // FontSet, then replays the requests on its own).
    void record(std::vector<std::pair<style::Font, int>>* log) { log_ = log; }

private:
    int lookup(const style::Font& font);

    style::Font last_font_;
    int last_ = -1;
    std::vector<std::shared_ptr<const FontFace>> faces_;
    std::unordered_map<std::string, int> by_request_;
    std::unordered_map<std::string, int> by_path_;
    std::vector<std::string> warnings_;
    std::vector<Note> notes_;
    void note(const style::Font& font, std::string message);
    std::vector<std::pair<style::Font, int>>* log_ = nullptr;
};

} // namespace chronik::text
