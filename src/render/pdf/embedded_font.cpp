#include "embedded_font.hpp"

#include "text/truetype_subset.hpp"

#include "text/font_program.hpp"

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

} // namespace

EmbeddedFont embedded_font(const std::string& path,
                           const std::vector<std::pair<char32_t, int>>& shown) {
    const MappedFile file(path);
    std::vector<char32_t> codes;
    for (const auto& [cp, width] : shown)
        if (cp <= 0xFFFF)
            codes.push_back(cp);
    const text::FontProgramFacts facts = text::font_program_facts(file.bytes(), path, codes);
    EmbeddedFont e;
    std::vector<text::truetype::Mapping> mapping;
    std::size_t next = 0;
    for (const auto& [cp, width] : shown) {
        if (cp > 0xFFFF)
            continue;
        const std::uint32_t gid = facts.glyphs.at(next++);
        if (gid == 0 || gid > 0xFFFF)
            continue;
        const auto code = static_cast<std::uint16_t>(cp);
        e.glyphs.push_back({code, static_cast<std::uint16_t>(gid), width});
        mapping.push_back({code, static_cast<std::uint16_t>(gid)});
    }
    try {
        e.program = text::truetype::subset(file.bytes(), mapping);
    } catch (const std::runtime_error& err) {
        throw std::runtime_error("cannot embed font " + path + ": " + err.what());
    }
    e.postscript_name = facts.postscript_name;
    e.ascent = facts.ascent;
    e.descent = facts.descent;
    for (int i = 0; i < 4; ++i)
        e.bbox[i] = facts.bbox[i];
    e.cap_height = facts.cap_height;
    e.x_height = facts.x_height;
    // StemV: TrueType has no such value; 0 (unknown), as libharu wrote.
    e.italic_angle = facts.italic_angle;
    // Flags (9.8.2): Nonsymbolic (Latin text), FixedPitch, Italic, ForceBold.
    e.flags = 32;
    if (facts.fixed_pitch)
        e.flags |= 1;
    if (facts.italic)
        e.flags |= 64;
    if (facts.bold)
        e.flags |= 262144;
    return e;
}

} // namespace chronik::render::pdf
