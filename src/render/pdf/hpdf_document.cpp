#include "hpdf_document.hpp"

#include "stream_compression.hpp"
#include "truetype_subset.hpp"
#include "support/png_file.hpp"

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <future>
#include <iterator>
#include <ostream>
#include <stdexcept>
#include <thread>

// A definition here takes precedence over libharu's own: libhpdf.so calls
// even its own exported functions through its PLT, and the executable's
// symbols come first in the dynamic lookup order. It gives the same
// results as the original, only faster. Where a platform's libharu binds
// its calls directly, the original runs: slower, same output. (libharu's
// zlib compression is not used: StreamCompression takes every stream.)

// A font's glyph for a code point, from its cmap (format 0 or 4).
// HPDF_GetFont asks this for all 65,536 code points to build the font's
// CIDToGIDMap and widths, and libharu's version scans the format-4
// segments one by one: about 3 ms per face for Charis SIL's 600 segments,
// most of the time a brochure spends setting up fonts. This one finds the
// segment by binary search, or at once when the code follows the last one
// asked for on this thread (as libharu asks). The two agree when the segments' end codes
// ascend, as OpenType requires and HpdfDocument::font checks; past the last
// segment or the glyph array, where libharu reads beyond its arrays, it
// answers glyph 0.
extern "C" HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
    const auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
    const HPDF_TTF_CmapRange& cmap = attr->cmap;
    if (cmap.format == 0)
        return cmap.glyph_id_array[unicode & 0xFF];
    const HPDF_UINT segments = cmap.seg_count_x2 / 2u;
    if (segments == 0) {
        HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
        return 0;
    }
    // libharu asks for the code points in order: try the segment of the
    // last answer and the one after it before searching.
    thread_local const HPDF_UINT16* last_ends = nullptr;
    thread_local HPDF_UINT last = 0;
    HPDF_UINT i = last;
    const HPDF_UINT16* ends = cmap.end_count;
    if (!(last_ends == ends && i < segments && unicode <= ends[i] && (i == 0 || unicode > ends[i - 1]))) {
        if (last_ends == ends && i + 1 < segments && unicode > ends[i] && unicode <= ends[i + 1])
            ++i;
        else
            i = static_cast<HPDF_UINT>(std::lower_bound(ends, ends + segments, unicode) - ends);
        last_ends = ends;
        last = i;
    }
    if (i == segments || cmap.start_count[i] > unicode)
        return 0;
    if (cmap.id_range_offset[i] == 0)
        return static_cast<HPDF_UINT16>(unicode + cmap.id_delta[i]);
    // libharu keeps glyphIdArray apart from idRangeOffset, hence the shift.
    const HPDF_UINT at = cmap.id_range_offset[i] / 2u + (unicode - cmap.start_count[i]) - (segments - i);
    if (at >= cmap.glyph_id_array_count)
        return 0;
    return static_cast<HPDF_UINT16>(cmap.glyph_id_array[at] + cmap.id_delta[i]);
}

namespace chronik::render::pdf {

void HpdfDocument::on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
    auto* d = static_cast<HpdfDocument*>(self);
    if (d->error_ == HPDF_OK) { // keep the first, it is the cause
        d->error_ = error;
        d->detail_ = detail;
    }
}

HpdfDocument::HpdfDocument() {
    doc_ = HPDF_New(&HpdfDocument::on_error, this);
    if (!doc_)
        throw std::runtime_error("libharu: cannot create a PDF document (out of memory?)");
    check("set compression", HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL));
    check("use UTF encodings", HPDF_UseUTFEncodings(doc_));
    check("set UTF-8 encoder", HPDF_SetCurrentEncoder(doc_, "UTF-8"));
}

HpdfDocument::~HpdfDocument() {
    compression_.reset(); // its workers and jobs refer to the document's streams
    if (doc_)
        HPDF_Free(doc_);
}

void HpdfDocument::check(const char* what, HPDF_STATUS status) {
    if (error_ == HPDF_OK && status == HPDF_OK)
        return;
    char buf[96];
    std::snprintf(buf, sizeof buf, " (libharu error 0x%04X, detail %u)",
                  static_cast<unsigned>(error_ != HPDF_OK ? error_ : status),
                  static_cast<unsigned>(detail_));
    HPDF_ResetError(doc_);
    error_ = HPDF_OK;
    throw std::runtime_error(std::string("PDF: ") + what + " failed" + buf);
}

HPDF_Font HpdfDocument::font(const std::string& path) {
    if (auto it = fonts_.find(path); it != fonts_.end())
        return it->second;
    // Not embedded by libharu: it would copy the whole file (750 KB for a
    // Charis face) to write a subset of its own; save() embeds ours.
    const char* name = HPDF_LoadTTFontFromFile(doc_, path.c_str(), HPDF_FALSE);
    check(("load font " + path).c_str(), name ? HPDF_OK : call_failed);
    HPDF_FontDef def = HPDF_GetFontDef(doc_, name);
    check(("load font " + path).c_str(), def && def->attr ? HPDF_OK : call_failed);
    const HPDF_TTF_CmapRange& cmap = static_cast<HPDF_TTFontDefAttr>(def->attr)->cmap;
    const HPDF_UINT16* ends = cmap.end_count;
    if (cmap.format == 4 && ends && !std::is_sorted(ends, ends + cmap.seg_count_x2 / 2))
        throw std::runtime_error("font " + path + " is damaged: its cmap segments are out of order");
    // A subset's name starts with a tag of six capitals (ISO 32000-1,
    // 9.6.4): AAAAAA, AAAAAB, ... in the order the fonts are loaded.
    char tag[7] = "AAAAAA";
    for (std::size_t n = fonts_.size(), i = 6; i-- > 0; n /= 26)
        tag[i] = static_cast<char>('A' + n % 26);
    HPDF_TTFontDef_SetTagName(def, tag);
    HPDF_Font f = HPDF_GetFont(doc_, name, "UTF-8");
    check(("use font " + path).c_str(), f ? HPDF_OK : call_failed);
    replace_to_unicode(f);
    fonts_.emplace(path, f);
    return f;
}

void HpdfDocument::replace_to_unicode(HPDF_Font font) {
    // With the UTF-8 encoder, libharu's character codes (CIDs) are the
    // Unicode code points themselves, but the ToUnicode CMap it writes says
    // so with a "cidrange", which is not valid in a ToUnicode CMap (poppler
    // warns on every page). Write the identity as bfranges instead, one per
    // high byte (a bfrange may only vary in its last byte), skipping the
    // surrogates. (DEPENDENCIES.md: replaceable through the font's dictionary.)
    auto* tu = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    if (!tu || !tu->stream)
        return;
    std::string cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<int> highs;
    for (int hi = 0; hi < 256; ++hi)
        if (hi < 0xD8 || hi > 0xDF)
            highs.push_back(hi);
    char line[40];
    for (std::size_t i = 0; i < highs.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, highs.size() - i);
        cmap += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k) {
            std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[k], highs[k], highs[k]);
            cmap += line;
        }
        cmap += "endbfrange\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    HPDF_MemStream_FreeData(tu->stream);
    check("write ToUnicode CMap", HPDF_Stream_WriteStr(tu->stream, cmap.c_str()));
}

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

bool read_file(const std::string& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return false;
    const std::streamoff size = in.tellg();
    if (size < 0)
        return false;
    bytes.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    return static_cast<bool>(in.read(bytes.data(), size));
}

// libharu reads a JPEG's header as marker segments back to back up to the
// frame header, and fails on fill bytes (0xFF padding before a marker, ITU
// T.81 B.1.1.2) or markers without a segment there. Both are valid, and the
// reader accepts them, so that part is rewritten without them; the rest
// (frame header, tables, scans) is passed on as it is.
std::string without_fill_before_frame(const std::string& b) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    std::string out = b.substr(0, 2);
    for (std::size_t pos = 2; pos + 1 < b.size();) {
        if (byte(pos) != 0xFF)
            return b; // not for us to judge: libharu says what it thinks
        while (pos + 1 < b.size() && byte(pos + 1) == 0xFF)
            ++pos;
        if (pos + 1 >= b.size())
            return b;
        const unsigned m = byte(pos + 1);
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            pos += 2;
            continue;
        }
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
            return out.append(b, pos, std::string::npos); // the frame header and the rest
        if (pos + 4 > b.size())
            return b;
        const std::size_t length = (static_cast<std::size_t>(byte(pos + 2)) << 8) | byte(pos + 3);
        if (length < 2 || length > b.size() - pos - 2)
            return b;
        out.append(b, pos, 2 + length);
        pos += 2 + length;
    }
    return b;
}

} // namespace

HPDF_Image HpdfDocument::image(const std::string& path, bool png) {
    if (auto it = images_.find(path); it != images_.end())
        return it->second;
    // From memory, so libharu sees exactly the bytes checked here, and a
    // PNG only as png::for_pdf leaves it: libharu's libpng error handler
    // returns, which libpng answers with abort() (support/png_file.hpp).
    // The reader has refused what fails here; the file may have changed since.
    std::string bytes;
    if (!read_file(path, bytes))
        throw std::runtime_error("cannot read image " + path);
    if (png) {
        const auto parsed = chronik::png::parse(bytes);
        std::string problem = parsed.error;
        if (problem.empty())
            bytes = chronik::png::for_pdf(parsed, problem);
        if (!problem.empty())
            throw std::runtime_error("image " + path + " " +
                                     (parsed.error.empty() ? "is a corrupt PNG file (" + problem + ")"
                                                           : problem));
    } else {
        bytes = without_fill_before_frame(bytes);
    }
    if (bytes.size() > 0xFFFFFFFFu)
        throw std::runtime_error("image " + path + " is too large");
    const auto* data = reinterpret_cast<const HPDF_BYTE*>(bytes.data());
    const auto size = static_cast<HPDF_UINT>(bytes.size());
    HPDF_Image img = png ? HPDF_LoadPngImageFromMem(doc_, data, size)
                         : HPDF_LoadJpegImageFromMem(doc_, data, size);
    check(("load image " + path).c_str(), img ? HPDF_OK : call_failed);
    // A PNG with transparency gets a soft mask, which needs PDF 1.4.
    if (png && doc_->pdf_version < HPDF_VER_14)
        doc_->pdf_version = HPDF_VER_14;
    images_.emplace(path, img);
    return img;
}

void HpdfDocument::set_language(const std::string& bcp47) {
    // /Lang in the catalog (PDF 1.4, 14.9.2): screen readers and hyphenating
    // reflow tools use it. libharu has no call for it.
    HPDF_String lang = HPDF_String_New(doc_->mmgr, bcp47.c_str(), nullptr);
    check("set language", lang ? HPDF_Dict_Add(doc_->catalog, "Lang", lang) : call_failed);
}

HPDF_Encoder HpdfDocument::utf8_encoder() {
    return checked("get UTF-8 encoder", HPDF_GetEncoder(doc_, "UTF-8"));
}

StreamCompression& HpdfDocument::compression() {
    if (!compression_)
        compression_ = std::make_unique<StreamCompression>(
            std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    return *compression_;
}

void HpdfDocument::set_content(HPDF_Page page, std::string content) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    check("write page", attr && attr->contents && attr->contents->stream ? HPDF_OK : call_failed);
    compression().take(attr->contents, std::move(content));
}

std::vector<bool>& HpdfDocument::shown(HPDF_Font font) {
    auto& used = used_[font];
    if (used.empty())
        used.resize(0x10000, false);
    return used;
}

namespace {

HPDF_Dict descendant(HPDF_Font font) {
    auto* fonts = static_cast<HPDF_Array>(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY));
    return fonts ? static_cast<HPDF_Dict>(HPDF_Array_GetItem(fonts, 0, HPDF_OCLASS_DICT)) : nullptr;
}

} // namespace

std::vector<truetype::Mapping> HpdfDocument::write_cid_map(HPDF_Font font,
                                                             const std::vector<bool>& used) {
    // Character codes are Unicode code points (the UTF-8 encoder); the map
    // gives each code shown its glyph and ends after the last of them.
    HPDF_Dict cid = descendant(font);
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    check("write CIDToGIDMap", cid && attr && !attr->map_stream ? HPDF_OK : call_failed);
    std::vector<truetype::Mapping> shown;
    std::vector<HPDF_BYTE> bytes(2, 0); // at least CID 0
    for (std::size_t cp = 1; cp < used.size(); ++cp) {
        if (!used[cp])
            continue;
        const HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(attr->fontdef, static_cast<HPDF_UINT16>(cp));
        if (gid != 0)
            shown.push_back({static_cast<std::uint16_t>(cp), gid});
        bytes.resize(cp * 2 + 2, 0);
        bytes[cp * 2] = static_cast<HPDF_BYTE>(gid >> 8);
        bytes[cp * 2 + 1] = static_cast<HPDF_BYTE>(gid & 0xFF);
    }
    HPDF_Dict map = checked("write CIDToGIDMap", HPDF_DictStream_New(doc_->mmgr, attr->xref));
    check("write CIDToGIDMap",
          HPDF_Stream_Write(map->stream, bytes.data(), static_cast<HPDF_UINT>(bytes.size())));
    check("write CIDToGIDMap", HPDF_Dict_Add(cid, "CIDToGIDMap", map));
    attr->map_stream = map; // libharu hands the font's filter on to it
    return shown;
}

void HpdfDocument::prune_widths(HPDF_Font font, const std::vector<truetype::Mapping>& shown) {
    // libharu's W array lists the width of every code point the font covers
    // (some 3,500 numbers a face, written out as text); the ones shown suffice.
    HPDF_Dict cid = descendant(font);
    auto* all = cid ? static_cast<HPDF_Array>(HPDF_Dict_GetItem(cid, "W", HPDF_OCLASS_ARRAY)) : nullptr;
    if (!all)
        return;
    std::map<std::uint16_t, HPDF_INT32> widths; // of the code points shown
    std::size_t next_shown = 0;
    for (HPDF_UINT i = 0; i + 1 < HPDF_Array_Items(all); i += 2) {
        auto* first = static_cast<HPDF_Number>(HPDF_Array_GetItem(all, i, HPDF_OCLASS_NUMBER));
        auto* run = static_cast<HPDF_Array>(HPDF_Array_GetItem(all, i + 1, HPDF_OCLASS_ARRAY));
        check("read widths", first && run ? HPDF_OK : call_failed);
        const HPDF_UINT n = HPDF_Array_Items(run);
        const auto from = static_cast<std::uint32_t>(first->value);
        while (next_shown < shown.size() && shown[next_shown].code < from)
            ++next_shown;
        for (std::size_t k = next_shown; k < shown.size() && shown[k].code < from + n; ++k) {
            auto* w = static_cast<HPDF_Number>(
                HPDF_Array_GetItem(run, shown[k].code - from, HPDF_OCLASS_NUMBER));
            check("read widths", w ? HPDF_OK : call_failed);
            widths.emplace(shown[k].code, w->value);
        }
    }
    HPDF_Array pruned = checked("write widths", HPDF_Array_New(doc_->mmgr));
    check("write widths", HPDF_Dict_Add(cid, "W", pruned));
    HPDF_Array run = nullptr;
    int previous = -2;
    for (const auto& [code, width] : widths) {
        if (code != previous + 1) {
            check("write widths", HPDF_Array_AddNumber(pruned, code));
            run = checked("write widths", HPDF_Array_New(doc_->mmgr));
            check("write widths", HPDF_Array_Add(pruned, run));
        }
        check("write widths", HPDF_Array_AddNumber(run, width));
        previous = code;
    }
}

void HpdfDocument::embed(HPDF_Font font, const std::string& program) {
    // What libharu's font would make while saving (CIDFontType2_BeforeWrite),
    // with this program's subset as FontFile2; libharu then only adds the
    // references. Plus CapHeight, which PDF requires and libharu leaves out.
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_FontDef def = attr->fontdef;
    const auto* def_attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
    HPDF_MMgr mmgr = doc_->mmgr;
    HPDF_Dict descriptor = checked("embed font", HPDF_Dict_New(mmgr));
    HPDF_Dict data = checked("embed font", HPDF_DictStream_New(mmgr, attr->xref));
    check("embed font", HPDF_Stream_Write(data->stream, reinterpret_cast<const HPDF_BYTE*>(program.data()),
                                          static_cast<HPDF_UINT>(program.size())));
    check("embed font", HPDF_Dict_Add(descriptor, "FontFile2", data));
    check("embed font", HPDF_Dict_AddNumber(data, "Length1", static_cast<HPDF_INT32>(program.size())));
    data->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    check("embed font", HPDF_Xref_Add(attr->xref, descriptor));
    check("embed font", HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor"));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "Descent", def->descent));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "CapHeight", def->cap_height));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(def->flags)));
    check("embed font", HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr, def->font_bbox)));
    check("embed font", HPDF_Dict_AddName(descriptor, "FontName", def_attr->base_font));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv));
    check("embed font", HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height));
    def->descriptor = descriptor;
}

void HpdfDocument::save(std::ostream& out) {
    static const std::vector<bool> none;
    struct Face {
        HPDF_Font font;
        std::string path;
        std::vector<truetype::Mapping> shown; // CID = Unicode code point, glyph
        std::future<std::string> program;
    };
    // Images compress while the fonts are made (the pages' contents went
    // to the compression as they were painted).
    compression().take(doc_);
    std::vector<Face> faces; // as libharu made them: the order of their objects
    for (const auto& [path, font] : fonts_)
        faces.push_back(Face{font, path, {}, {}});
    std::sort(faces.begin(), faces.end(), [](const Face& a, const Face& b) {
        return a.font->header.obj_id < b.font->header.obj_id;
    });
    for (auto& face : faces) {
        const auto it = used_.find(face.font);
        face.shown = write_cid_map(face.font, it == used_.end() ? none : it->second);
        prune_widths(face.font, face.shown);
        // Each subset is made from the font file alone: all at once.
        face.program = std::async(std::launch::async, [&face] {
            const MappedFile file(face.path);
            return truetype::subset(file.bytes(), face.shown);
        });
    }
    for (auto& face : faces) {
        std::string program;
        try {
            program = face.program.get();
        } catch (const std::runtime_error& e) {
            throw std::runtime_error("cannot embed font " + face.path + ": " + e.what());
        }
        embed(face.font, program);
        // While saving, libharu's font hands its filter on to its
        // CIDToGIDMap and ToUnicode streams; done now, StreamCompression
        // takes them.
        auto* attr = static_cast<HPDF_FontAttr>(face.font->attr);
        for (HPDF_Dict stream : {attr->map_stream, attr->cmap_stream})
            if (stream)
                stream->filter = face.font->filter;
        face.font->filter = HPDF_STREAM_FILTER_NONE;
    }
    compression().take(doc_);
    check("compress streams", compression().finish() ? HPDF_OK : call_failed);
    check("write PDF", HPDF_SaveToStream(doc_));
    // Straight from libharu's buffers, without a copy of the whole file.
    check("read PDF", doc_->stream && doc_->stream->type == HPDF_STREAM_MEMORY ? HPDF_OK : call_failed);
    const HPDF_UINT count = HPDF_MemStream_GetBufCount(doc_->stream);
    for (HPDF_UINT i = 0; i < count; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* buf = HPDF_MemStream_GetBufPtr(doc_->stream, i, &len);
        check("read PDF", buf ? HPDF_OK : call_failed);
        out.write(reinterpret_cast<const char*>(buf), static_cast<std::streamsize>(len));
    }
}

} // namespace chronik::render::pdf
