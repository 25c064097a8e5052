#include "font_config.hpp"

#include <fontconfig/fontconfig.h>

#include <cctype>
#include <mutex>
#include <stdexcept>

namespace chronik::text {

namespace {

struct Match {
    std::string file, family;
};

// Best match for a pattern in fontconfig's current configuration: file and
// family, or "" when fontconfig has nothing.
Match match(const std::string& pattern) {
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str()));
    if (!pat)
        return {};
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcPattern* found = FcFontMatch(nullptr, pat, &result);
    FcPatternDestroy(pat);
    if (!found)
        return {};
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    Match out;
    if (FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch)
        out.file = reinterpret_cast<const char*>(file);
    if (FcPatternGetString(found, FC_FAMILY, 0, &family) == FcResultMatch)
        out.family = reinterpret_cast<const char*>(family);
    FcPatternDestroy(found);
    return out;
}

std::string escape_family(const std::string& family) {
    // fontconfig's name syntax gives '-', ':' and ',' meaning
    std::string out;
    for (char c : family) {
        if (c == '-' || c == ':' || c == ',' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

void load_font_configuration() {
    // fontconfig's current configuration, loaded once per process: loading
    // a private one would cost several milliseconds a render. Callers on
    // other threads wait here rather than load a second one side by side.
    static std::mutex loading;
    const std::lock_guard lock(loading);
    if (!FcInit())
        throw std::runtime_error("cannot load the fontconfig configuration");
}

FontChoice choose_font(const style::Font& font) {
    const std::string traits = std::string(font.bold ? ":weight=bold" : ":weight=regular") +
                               (font.italic ? ":slant=italic" : ":slant=roman");
    // Prefer the TrueType build: the PDF writer cannot embed CFF outlines.
    Match m = match(escape_family(font.family) + traits + ":fontformat=TrueType");
    if (m.file.empty() || lower(m.family) != lower(font.family))
        m = match(escape_family(font.family) + traits);
    const bool fallback = lower(m.family) != lower(font.family);
    // Not installed: fall back to a serif text face the PDF can embed.
    if (fallback)
        m = match(std::string("serif") + traits + ":fontformat=TrueType");
    return {m.file, m.family, fallback};
}

std::string font_file(const style::Font& font) {
    return choose_font(font).file;
}

FontConfigurationAhead::FontConfigurationAhead()
    : loading_(std::async(std::launch::async, [] {
          try {
              load_font_configuration();
          } catch (const std::exception&) {
              // reported by the next load
          }
      })) {}

} // namespace chronik::text
