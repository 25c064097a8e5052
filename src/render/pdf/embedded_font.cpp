#include "embedded_font.hpp"

#include "truetype_subset.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>
#include <string_view>

namespace chronik::render::pdf {

namespace {

// A file mapped read-only: pages come from the page cache as they are
// read, instead of being copied into fresh memory (page faults are costly).
class MappedFile {
public:
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size <= 0) {
            if (fd >= 0)
                ::close(fd);
            throw std::runtime_error("cannot read " + path);
        }
        size_ = static_cast<std::size_t>(st.st_size);
        data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (data_ == MAP_FAILED)
            throw std::runtime_error("cannot read " + path);
    }
    ~MappedFile() { ::munmap(data_, size_); }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

// One FreeType library and face for this call (FreeType objects are not
// shared between threads).
struct Face {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    Face(std::string_view bytes, const std::string& path) {
        if (FT_Init_FreeType(&lib) != 0)
            throw std::runtime_error("cannot start FreeType");
        if (FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                               static_cast<FT_Long>(bytes.size()), 0, &face) != 0) {
            FT_Done_FreeType(lib);
            throw std::runtime_error("cannot read font " + path);
        }
    }
    ~Face() {
        FT_Done_Face(face);
        FT_Done_FreeType(lib);
    }
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;
};

} // namespace

EmbeddedFont embedded_font(const std::string& path,
                           const std::vector<std::pair<char32_t, int>>& shown) {
    const MappedFile file(path);
    const Face f(file.bytes(), path);
    FT_Face face = f.face;
    EmbeddedFont e;
    std::vector<truetype::Mapping> mapping;
    for (const auto& [cp, width] : shown) {
        if (cp > 0xFFFF)
            continue;
        const FT_UInt gid = FT_Get_Char_Index(face, cp);
        if (gid == 0 || gid > 0xFFFF)
            continue;
        const auto code = static_cast<std::uint16_t>(cp);
        e.glyphs.push_back({code, static_cast<std::uint16_t>(gid), width});
        mapping.push_back({code, static_cast<std::uint16_t>(gid)});
    }
    try {
        e.program = truetype::subset(file.bytes(), mapping);
    } catch (const std::runtime_error& err) {
        throw std::runtime_error("cannot embed font " + path + ": " + err.what());
    }
    // Font units to 1/1000 em, truncated as PDF widths are.
    const long upem = face->units_per_EM > 0 ? face->units_per_EM : 1000;
    auto em = [&](long units) { return static_cast<int>(units * 1000 / upem); };
    const char* ps = FT_Get_Postscript_Name(face);
    e.postscript_name = ps ? ps : "Font";
    e.ascent = em(face->ascender);
    e.descent = em(face->descender);
    e.bbox[0] = em(face->bbox.xMin);
    e.bbox[1] = em(face->bbox.yMin);
    e.bbox[2] = em(face->bbox.xMax);
    e.bbox[3] = em(face->bbox.yMax);
    e.cap_height = e.ascent; // until OS/2 says better
    // StemV: TrueType has no such value; 0 (unknown), as libharu wrote.
    if (const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
        os2 && os2->version != 0xFFFF) {
        if (os2->version >= 2) {
            e.cap_height = em(os2->sCapHeight);
            e.x_height = em(os2->sxHeight);
        }
    }
    if (const auto* post = static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST)))
        e.italic_angle = static_cast<double>(post->italicAngle) / 65536.0;
    // Flags (9.8.2): Nonsymbolic (Latin text), FixedPitch, Italic, ForceBold.
    e.flags = 32;
    if (FT_IS_FIXED_WIDTH(face))
        e.flags |= 1;
    if (face->style_flags & FT_STYLE_FLAG_ITALIC)
        e.flags |= 64;
    if (face->style_flags & FT_STYLE_FLAG_BOLD)
        e.flags |= 262144;
    return e;
}

} // namespace chronik::render::pdf
