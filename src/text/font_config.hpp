// Finding font files by family through fontconfig.
//
// Thread safety: load_font_configuration() may be called from any thread
// (callers wait for one load); once it has returned, choose_font() and
// font_file() may run on several threads at once (they only read
// fontconfig's current configuration).
#pragma once

#include "style/style.hpp"

#include <future>
#include <string>

namespace chronik::text {

// Loads fontconfig's configuration, once per process (FontSet does it too;
// a caller may do it ahead, on another thread). Throws if it cannot.
void load_font_configuration();

// load_font_configuration() started on another thread, for work that can
// overlap with it (a renderer's prepare()); the destructor waits for it. A
// failure is dropped here: the next load_font_configuration() reports it.
class FontConfigurationAhead {
public:
    FontConfigurationAhead();

private:
    std::future<void> loading_; // its destructor waits
};

struct FontChoice {
    std::string file;      // "" when fontconfig has no font at all
    std::string family;    // the family found
    bool fallback = false; // the requested family is not installed
};

// The file for `font`: the TrueType build of the family where there is one
// (the PDF embeds only TrueType outlines), else its other build; a serif
// TrueType face when the family is not installed. Needs the configuration
// loaded.
FontChoice choose_font(const style::Font& font);

// choose_font(font).file, without loading it: for loading fonts ahead.
std::string font_file(const style::Font& font);

} // namespace chronik::text
