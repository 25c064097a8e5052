#include "font.hpp"

#include "support/utf8.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

#include <algorithm>
#include <cctype>
#include <mutex>
#include <tuple>
#include <stdexcept>

namespace chronik::layout {

namespace {

// FreeType library handle, one per process: FT_Library is safe to share
// for reading faces created from it, and creating one per face is costly.
FT_Library freetype() {
    static FT_Library lib = [] {
        FT_Library l = nullptr;
        if (FT_Init_FreeType(&l) != 0)
            throw std::runtime_error("cannot initialise FreeType");
        return l;
    }();
    return lib;
}

// Several threads may lay out documents at once (chronik batch). FreeType
// allows one FT_Library across threads "as long as a mutex lock is used
// around FT_New_Face and FT_Done_Face" (API reference, FT_Library); each
// FT_Face itself belongs to one FontSet and so to one thread.
std::mutex& face_lifecycle() {
    static std::mutex m;
    return m;
}

// A glyph's advance in 1/1000 em, truncated as libharu does (-1 if the
// font cannot say). FT_Get_Advance reads 'hmtx' without loading the outline.
int advance_of(FT_Face face, FT_UInt glyph, int upem) {
    FT_Fixed units = 0;
    if (FT_Get_Advance(face, glyph, FT_LOAD_NO_SCALE, &units) != 0)
        return -1;
    return static_cast<int>(static_cast<unsigned long>(units) * 1000 / static_cast<unsigned long>(upem));
}

} // namespace

struct FontFace::Impl {
    FT_Face face = nullptr;
    int upem = 1000;
    ~Impl() {
        if (face) {
            const std::lock_guard lock(face_lifecycle());
            FT_Done_Face(face);
        }
    }
};

FontFace::FontFace(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
    {
        const std::lock_guard lock(face_lifecycle());
        if (FT_New_Face(freetype(), path.c_str(), 0, &impl_->face) != 0)
            throw std::runtime_error("cannot open font file " + path);
    }
    FT_Face f = impl_->face;
    family_ = f->family_name ? f->family_name : "";
    impl_->upem = f->units_per_EM ? f->units_per_EM : 1000;
    FT_ULong len = 0;
    // libharu loads only TrueType outlines ('glyf'), not CFF.
    truetype_ = FT_Load_Sfnt_Table(f, FT_MAKE_TAG('g', 'l', 'y', 'f'), 0, nullptr, &len) == 0;
    auto scale = [&](long v) { return static_cast<int>(v * 1000 / impl_->upem); };
    ascender_ = scale(f->ascender);
    descender_ = scale(f->descender);
    if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2)); os2 && os2->sCapHeight)
        cap_height_ = scale(os2->sCapHeight);
    else
        cap_height_ = ascender_ * 7 / 10;
    ascii_.assign(256, -1);
    for (char32_t c = 0; c < 256; ++c) {
        const FT_UInt g = FT_Get_Char_Index(f, c);
        if (g == 0)
            continue;
        ascii_[c] = advance_of(f, g, impl_->upem);
    }
}

FontFace::~FontFace() = default;

bool FontFace::has_glyph(char32_t cp) const {
    if (cp < 256)
        return ascii_[cp] >= 0;
    return FT_Get_Char_Index(impl_->face, cp) != 0;
}

int FontFace::advance(char32_t cp) const {
    if (cp < 256)
        return ascii_[cp] < 0 ? 0 : ascii_[cp];
    if (auto it = cache_.find(cp); it != cache_.end())
        return it->second;
    const FT_UInt g = FT_Get_Char_Index(impl_->face, cp);
    const int w = g == 0 ? 0 : std::max(0, advance_of(impl_->face, g, impl_->upem));
    cache_.emplace(cp, w);
    return w;
}

Length FontFace::width(std::string_view s, Length size) const {
    Length units = 0;
    for (std::size_t i = 0; i < s.size();)
        units += advance(utf8::next(s, i));
    return units * size / 1000;
}

int FontFace::kerning(char32_t left, char32_t right) const {
    FT_Face f = impl_->face;
    if (!FT_HAS_KERNING(f))
        return 0;
    FT_Vector k{0, 0};
    if (FT_Get_Kerning(f, FT_Get_Char_Index(f, left), FT_Get_Char_Index(f, right),
                       FT_KERNING_UNSCALED, &k) != 0)
        return 0;
    return static_cast<int>(k.x * 1000 / impl_->upem);
}

// --- choosing fonts ----------------------------------------------------------

namespace {

// Best match for a pattern in fontconfig's current configuration: file and
// family, or "" when fontconfig has nothing.
std::pair<std::string, std::string> match(const std::string& pattern) {
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
    std::pair<std::string, std::string> out;
    if (FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch)
        out.first = reinterpret_cast<const char*>(file);
    if (FcPatternGetString(found, FC_FAMILY, 0, &family) == FcResultMatch)
        out.second = reinterpret_cast<const char*>(family);
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

struct Choice {
    std::string file;   // "" when there is no font at all
    std::string family; // the family found
    bool fallback = false;
};

Choice choose(const style::Font& font) {
    const std::string traits = std::string(font.bold ? ":weight=bold" : ":weight=regular") +
                               (font.italic ? ":slant=italic" : ":slant=roman");
    // Prefer the TrueType build: libharu cannot embed CFF outlines.
    auto [file, family] = match(escape_family(font.family) + traits + ":fontformat=TrueType");
    if (file.empty() || lower(family) != lower(font.family))
        std::tie(file, family) = match(escape_family(font.family) + traits);
    if (lower(family) == lower(font.family))
        return {file, family, false};
    // Not installed: fall back to a serif text face we can embed.
    std::tie(file, family) = match(std::string("serif") + traits + ":fontformat=TrueType");
    return {file, family, true};
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

std::string font_file(const style::Font& font) { return choose(font).file; }

// --- FontSet -----------------------------------------------------------------

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
    const auto [file, chosen_family, fallback] = choose(font);
    if (fallback)
        warnings_.push_back("font family '" + font.family + "' is not installed; using '" +
                            chosen_family + "' instead");
    if (file.empty())
        throw std::runtime_error("no font found for '" + font.family + "'");
    if (auto it = by_path_.find(file); it != by_path_.end()) {
        by_request_.emplace(key, it->second);
        return it->second;
    }
    auto face = std::make_unique<FontFace>(file);
    if (!face->is_truetype())
        throw std::runtime_error("font '" + chosen_family + "' (" + file +
                                 ") has no TrueType outlines; chronik can embed only TrueType "
                                 "fonts");
    const int id = static_cast<int>(faces_.size());
    faces_.push_back(std::move(face));
    by_path_.emplace(file, id);
    by_request_.emplace(key, id);
    return id;
}

} // namespace chronik::layout
