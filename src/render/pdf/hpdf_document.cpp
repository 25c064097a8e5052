#include "hpdf_document.hpp"

#include "support/png_file.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

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
    const char* name = HPDF_LoadTTFontFromFile(doc_, path.c_str(), HPDF_TRUE);
    check(("load font " + path).c_str(), name ? HPDF_OK : call_failed);
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
    std::ifstream in(path, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof())
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

bool HpdfDocument::mark_used(HPDF_Font font, char32_t cp) {
    auto& used = used_[font];
    if (used.empty())
        used.resize(0x10000, false);
    if (cp >= 0x10000 || used[cp])
        return false;
    used[cp] = true;
    return true;
}

void HpdfDocument::prune_cid_map(HPDF_Font font, const std::vector<bool>& used) {
    // libharu writes a CIDToGIDMap for every code point the font covers
    // (128 KB, about 50 KB compressed, per face). Only the code points shown
    // need a glyph; the others map to glyph 0. The map then compresses to
    // almost nothing, which also saves compression time.
    auto* fonts = static_cast<HPDF_Array>(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY));
    auto* cid = fonts ? static_cast<HPDF_Dict>(HPDF_Array_GetItem(fonts, 0, HPDF_OCLASS_DICT)) : nullptr;
    auto* map = cid ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT)) : nullptr;
    if (!map || !map->stream)
        return;
    std::vector<HPDF_BYTE> bytes;
    const HPDF_UINT count = HPDF_MemStream_GetBufCount(map->stream);
    for (HPDF_UINT i = 0; i < count; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* buf = HPDF_MemStream_GetBufPtr(map->stream, i, &len);
        if (buf)
            bytes.insert(bytes.end(), buf, buf + len);
    }
    for (std::size_t cp = 0; cp * 2 + 1 < bytes.size(); ++cp)
        if (cp >= used.size() || !used[cp])
            bytes[cp * 2] = bytes[cp * 2 + 1] = 0;
    HPDF_MemStream_FreeData(map->stream);
    check("write CIDToGIDMap",
          HPDF_Stream_Write(map->stream, bytes.data(), static_cast<HPDF_UINT>(bytes.size())));
}

std::vector<std::uint8_t> HpdfDocument::save() {
    static const std::vector<bool> none;
    for (const auto& [path, font] : fonts_) {
        const auto it = used_.find(font);
        prune_cid_map(font, it == used_.end() ? none : it->second);
    }
    check("write PDF", HPDF_SaveToStream(doc_));
    const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
    std::vector<std::uint8_t> out(size);
    HPDF_UINT32 read = size;
    check("read PDF", HPDF_ReadFromStream(doc_, out.data(), &read));
    out.resize(read);
    return out;
}

} // namespace chronik::render::pdf
