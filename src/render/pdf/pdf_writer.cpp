// The one file of chronik that uses libharu (2.3.0). Its public API makes
// the pages, annotations, destinations, outline, info dictionary and
// images; what it cannot express is written through its object API
// (hpdf_objects.h: HPDF_Dict_New, HPDF_Dict_Add, HPDF_DictStream_New,
// HPDF_Xref_Add, arrays, numbers, names, binaries) and the document's
// catalog and trailer (hpdf_doc.h):
//   - the fonts: Type0 + CIDFontType2 + FontDescriptor + FontFile2 +
//     CIDToGIDMap + W + ToUnicode, all ours (libharu's TrueType loader
//     reads a whole face and asks its slow cmap lookup for 65,536 code
//     points; chronik has the glyph ids and widths from FreeType already);
//   - the pages' content streams and /Font resources;
//   - /Lang in the catalog, TrimBox/BleedBox, the trailer's /ID;
//   - the structure tree of tagged PDF (its dictionaries as text of ours,
//     write_own_entries), XMP metadata, the output intent, MarkInfo and
//     ViewerPreferences;
//   - every stream compressed by StreamCompression, not by libharu.
//   - the file itself, saved through a callback stream into one string.
// Where a libharu struct is touched directly, the comment says why.
#include "pdf_writer.hpp"

#include "content_stream.hpp"
#include "stream_compression.hpp"
#include "support/strings.hpp"
#include "support/utf8.hpp"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <deque>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

namespace chronik::render::pdf {

namespace {

// Status for a call that returned no handle.
constexpr HPDF_STATUS call_failed = 0x1;

HPDF_Rect rect(const Box& b) {
    return HPDF_Rect{static_cast<HPDF_REAL>(b.left), static_cast<HPDF_REAL>(b.bottom),
                     static_cast<HPDF_REAL>(b.right), static_cast<HPDF_REAL>(b.top)};
}

HPDF_Box box(const Box& b) {
    return HPDF_Box{static_cast<HPDF_REAL>(b.left), static_cast<HPDF_REAL>(b.bottom),
                    static_cast<HPDF_REAL>(b.right), static_cast<HPDF_REAL>(b.top)};
}

// A stream whose bytes StreamCompression deflated: libharu writes them as
// they are (filter NONE), and drops a /Filter entry of a stream it does not
// filter itself while writing the dictionary, so the entry comes from the
// dictionary's write hook. This is the one hook on libharu's structs, and
// the only way to put pre-compressed bytes into a libharu stream.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

// The write function of the stream libharu saves the document into.
HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(bytes), size);
    return HPDF_OK;
}

std::string stream_bytes(HPDF_Stream stream) {
    std::string bytes;
    bytes.reserve(stream->size);
    const HPDF_UINT count = HPDF_MemStream_GetBufCount(stream);
    for (HPDF_UINT i = 0; i < count; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* buf = HPDF_MemStream_GetBufPtr(stream, i, &len);
        if (buf)
            bytes.append(reinterpret_cast<const char*>(buf), len);
    }
    return bytes;
}

// What libharu would deflate while saving (its image loaders leave the
// pixels of a PNG and its soft mask so).
bool deflatable(const HPDF_Dict dict) {
    return dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
           dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams &&
           !dict->before_write_fn && !dict->write_fn && !dict->after_write_fn;
}

// The ToUnicode CMap for codes that are Unicode code points: the identity,
// as bfranges of one high byte each (a bfrange may only vary in its last
// byte, 9.10.3), without the surrogates.
const std::string& identity_to_unicode() {
    static const std::string cmap = [] {
        std::string s = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
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
            s += std::to_string(n) + " beginbfrange\n";
            for (std::size_t k = i; k < i + n; ++k) {
                std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[k], highs[k],
                              highs[k]);
                s += line;
            }
            s += "endbfrange\n";
        }
        s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
        return s;
    }();
    return cmap;
}

// libharu's UTF-8 encoder turns every character outside the Basic
// Multilingual Plane into a space (hpdf_encoder_utf.c): an emoji in a
// period label left a blank in the bookmark. Such a text goes in as a text
// string of our own instead, UTF-16BE with its byte order mark (PDF
// 32000-1, 7.9.2.2), surrogate pairs and all; empty when it has no such
// character (libharu's string is right then) or would not fit.
std::string utf16_text_if_needed(std::string_view utf8) {
    bool beyond = false;
    for (const char c : utf8)
        beyond = beyond || (static_cast<unsigned char>(c) & 0xF8) == 0xF0;
    if (!beyond || utf8::first_invalid(utf8))
        return {};
    std::string out = "\xFE\xFF";
    for (const char16_t u : utf8::to_utf16(utf8)) {
        out += static_cast<char>(u >> 8);
        out += static_cast<char>(u & 0xFF);
    }
    return out.size() <= HPDF_LIMIT_MAX_STRING_LEN ? out : std::string();
}

// What the library's error codes (hpdf_error.h) mean for chronik's input,
// in the words of a message; the codes that only a bug in this file could
// cause say so.
std::string reason_for(HPDF_STATUS code) {
    switch (code) {
    case HPDF_ARRAY_COUNT_ERR:
        return "more items than one PDF array holds (" + std::to_string(HPDF_LIMIT_MAX_ARRAY) + ")";
    case HPDF_DICT_COUNT_ERR:
        return "more entries than one PDF dictionary holds (" +
               std::to_string(HPDF_LIMIT_MAX_DICT_ELEMENT) + ")";
    case HPDF_XREF_COUNT_ERR:
        return "more objects than a PDF file holds (" +
               std::to_string(HPDF_LIMIT_MAX_XREF_ELEMENT) + ")";
    case HPDF_STRING_OUT_OF_RANGE:
    case HPDF_BINARY_LENGTH_ERR:
        return "a text longer than a PDF string holds (" +
               std::to_string(HPDF_LIMIT_MAX_STRING_LEN) + " bytes)";
    case HPDF_REAL_OUT_OF_RANGE:
        return "a number outside what a PDF number holds (" + std::to_string(HPDF_LIMIT_MAX_REAL) +
               ")";
    case HPDF_PAGE_INVALID_SIZE:
        return "a page size outside " + std::to_string(HPDF_MIN_PAGE_SIZE) + " to " +
               std::to_string(HPDF_MAX_PAGE_SIZE) + " pt";
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR:
        return "the PDF library cannot read this PNG";
    case HPDF_INVALID_JPEG_DATA:
    case HPDF_UNSUPPORTED_JPEG_FORMAT:
        return "the PDF library cannot read this JPEG";
    case HPDF_INVALID_COLOR_SPACE:
    case HPDF_INVALID_BIT_PER_COMPONENT:
        return "a colour space or bit depth the PDF library cannot embed";
    case HPDF_INVALID_URI:
        return "a link target the PDF library refuses";
    case HPDF_INVALID_DATE_TIME:
        return "a date the PDF cannot hold";
    case HPDF_INVALID_DOCUMENT:
        return "an earlier step had failed";
    default:
        return "the PDF library refused it (a fault of chronik's: please report it)";
    }
}

} // namespace

namespace {
std::string code_text_of(unsigned code, unsigned detail) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "(libharu error 0x%04X, detail %u)", code, detail);
    return buf;
}
} // namespace

WriterError::WriterError(std::string call, std::string reason, unsigned code, unsigned detail)
    : std::runtime_error("PDF: " + call + " failed: " + reason + " " + code_text_of(code, detail)),
      call_(std::move(call)), reason_(std::move(reason)), code_(code), detail_(detail) {}

std::string WriterError::code_text() const {
    return code_text_of(code_, detail_);
}

struct PdfWriter::Impl {
    HPDF_Doc doc = nullptr;
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = HPDF_OK;
    std::unique_ptr<StreamCompression> compression; // started at the first use
    std::vector<HPDF_Page> pages;
    std::vector<HPDF_Dict> fonts; // the Type0 dictionaries
    std::vector<bool> font_set;   // set_font() called
    std::vector<HPDF_Image> images;
    HPDF_Array registration = nullptr; // registration_colour()'s colour space
    // Streams whose compressed bytes go in when saving: (dictionary, job).
    std::vector<std::pair<HPDF_Dict, std::size_t>> packed;

    static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
        auto* d = static_cast<Impl*>(self);
        if (d->error == HPDF_OK) { // keep the first, it is the cause
            d->error = error;
            d->detail = detail;
        }
    }

    // Throws naming `what` if libharu recorded an error (or `status` is
    // not HPDF_OK). Many of its calls record an error without calling
    // on_error (HPDF_SetError), and the next call then fails with
    // HPDF_INVALID_DOCUMENT, hiding the cause: so the document's own error
    // is read too, after each call. libharu's errors are sticky: reset,
    // so a caller that catches may go on.
    void check(const char* what, HPDF_STATUS status = HPDF_OK) {
        if (error == HPDF_OK && doc) {
            if (const HPDF_STATUS recorded = HPDF_GetError(doc); recorded != HPDF_OK) {
                error = recorded;
                detail = HPDF_GetErrorDetail(doc);
            }
        }
        if (error == HPDF_OK && status == HPDF_OK)
            return;
        const HPDF_STATUS code = error != HPDF_OK ? error : status;
        const HPDF_STATUS why = detail;
        HPDF_ResetError(doc);
        error = HPDF_OK;
        detail = HPDF_OK;
        throw WriterError(what, reason_for(code), static_cast<unsigned>(code),
                          static_cast<unsigned>(why));
    }
    template <class T> T checked(const char* what, T value) {
        check(what, value ? HPDF_OK : call_failed);
        return value;
    }

    StreamCompression& compressor() {
        if (!compression)
            compression = std::make_unique<StreamCompression>(
                std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
        return *compression;
    }

    // `dict`'s stream (empty) gets `plain` compressed when saving.
    void compress_into(HPDF_Dict dict, std::string plain) {
        HPDF_MemStream_FreeData(dict->stream);
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = write_flate_filter;
        packed.emplace_back(dict, compressor().take(std::move(plain)));
    }

    // A new stream object, compressed.
    HPDF_Dict new_stream(const char* what, std::string plain) {
        HPDF_Dict dict = checked(what, HPDF_DictStream_New(doc->mmgr, doc->xref));
        compress_into(dict, std::move(plain));
        return dict;
    }

    HPDF_Page page(PageId id) const { return pages.at(id); }

    HPDF_Destination destination(PageId target, double top) {
        HPDF_Destination d =
            checked("create destination", HPDF_Page_CreateDestination(page(target)));
        check("set destination", HPDF_Destination_SetFitH(d, static_cast<HPDF_REAL>(top)));
        return d;
    }

    static std::string key_of(std::string_view key) {
        if (key.empty() || key.size() > HPDF_LIMIT_MAX_NAME_LEN)
            throw std::runtime_error("PDF: a dictionary key of " + std::to_string(key.size()) +
                                     " bytes");
        return std::string(key);
    }

    // `dict`'s text string `key`, made by libharu from `utf8`, replaced by
    // our own where libharu's would lose characters (utf16_text_if_needed).
    void replace_text(HPDF_Dict dict, const char* key, std::string_view utf8, const char* what) {
        const std::string utf16 = utf16_text_if_needed(utf8);
        if (!utf16.empty())
            check(what, HPDF_Dict_Add(dict, key, binary(utf16, what)));
    }

    // A string object of these bytes (a text string of ours, UTF-16BE).
    HPDF_Binary binary(const std::string& bytes, const char* what) {
        auto* data = reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(bytes.data())); // copied
        return checked(what,
                       HPDF_Binary_New(doc->mmgr, data, static_cast<HPDF_UINT>(bytes.size())));
    }

    std::vector<std::pair<HPDF_Annotation, PageId>> annotations;
    std::deque<std::string> own_texts; // of dictionaries written by write_own_entries

    // A text string (UTF-16BE from UTF-8, by libharu's encoder or ours).
    void* text_string(std::string_view utf8, const char* what) {
        if (const std::string utf16 = utf16_text_if_needed(utf8); !utf16.empty())
            return binary(utf16, what);
        const std::string text(utf8);
        HPDF_Encoder encoder = checked(what, HPDF_GetEncoder(doc, "UTF-8"));
        return checked(what, HPDF_String_New(doc->mmgr, text.c_str(), encoder));
    }

    AnnotationId link(HPDF_Annotation a, PageId page, std::string_view contents) {
        check("link border", HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0));
        check("link flags", HPDF_Dict_AddNumber(a, "F", 4)); // Print
        if (!contents.empty())
            check("link description", HPDF_Dict_Add(a, "Contents", text_string(contents, "link")));
        annotations.emplace_back(a, page);
        return annotations.size() - 1;
    }

    void write_font(HPDF_Dict type0, const std::string& tag, const EmbeddedFont& f);
    void take_remaining_streams();
    void write_id();
};

std::size_t PdfWriter::max_string_bytes() {
    return HPDF_LIMIT_MAX_STRING_LEN;
}

PdfWriter::PdfWriter() : impl_(std::make_unique<Impl>()) {
    Impl& d = *impl_;
    d.doc = HPDF_New(&Impl::on_error, &d);
    if (!d.doc)
        throw std::runtime_error("libharu: cannot create a PDF document (out of memory?)");
    // Images are deflated (by StreamCompression, see take_remaining_streams).
    d.check("set compression", HPDF_SetCompressionMode(d.doc, HPDF_COMP_ALL));
    // Outline titles and info strings are UTF-8.
    d.check("use UTF encodings", HPDF_UseUTFEncodings(d.doc));
    d.check("set UTF-8 encoder", HPDF_SetCurrentEncoder(d.doc, "UTF-8"));
}

PdfWriter::~PdfWriter() {
    impl_->compression.reset(); // its workers first
    if (impl_->doc)
        HPDF_Free(impl_->doc);
}

PdfWriter::PageId PdfWriter::add_page(const PageBoxes& boxes) {
    Impl& d = *impl_;
    HPDF_Page pg = d.checked("add page", HPDF_AddPage(d.doc));
    // libharu's MediaBox starts at 0 0.
    d.check("set page width", HPDF_Page_SetWidth(pg, static_cast<HPDF_REAL>(boxes.media.right)));
    d.check("set page height", HPDF_Page_SetHeight(pg, static_cast<HPDF_REAL>(boxes.media.top)));
    if (boxes.media.left != 0 || boxes.media.bottom != 0)
        d.check("set MediaBox",
                HPDF_Dict_Add(pg, "MediaBox", HPDF_Box_Array_New(d.doc->mmgr, box(boxes.media))));
    // No TrimBox/BleedBox call before libharu 2.4: into the page dictionary.
    if (boxes.trim)
        d.check("set TrimBox",
                HPDF_Dict_Add(pg, "TrimBox", HPDF_Box_Array_New(d.doc->mmgr, box(*boxes.trim))));
    if (boxes.bleed)
        d.check("set BleedBox",
                HPDF_Dict_Add(pg, "BleedBox", HPDF_Box_Array_New(d.doc->mmgr, box(*boxes.bleed))));
    d.pages.push_back(pg);
    return d.pages.size() - 1;
}

void PdfWriter::set_content(PageId page, std::string content) {
    Impl& d = *impl_;
    // The page's contents stream, which libharu made with the page.
    auto* attr = static_cast<HPDF_PageAttr>(d.page(page)->attr);
    d.check("write page", attr && attr->contents && attr->contents->stream ? HPDF_OK : call_failed);
    d.compress_into(attr->contents, std::move(content));
}

PdfWriter::FontId PdfWriter::add_font() {
    Impl& d = *impl_;
    // Indirect now, filled by set_font(): pages refer to it meanwhile.
    HPDF_Dict font = d.checked("add font", HPDF_Dict_New(d.doc->mmgr));
    d.check("add font", HPDF_Xref_Add(d.doc->xref, font));
    d.fonts.push_back(font);
    d.font_set.push_back(false);
    return d.fonts.size() - 1;
}

std::string PdfWriter::font_resource(PageId page, FontId font) {
    Impl& d = *impl_;
    // libharu adds any dictionary to the page's /Font resources under a
    // fresh name (F1, F2 ...); it does not look inside.
    return d.checked("set font", HPDF_Page_GetLocalFontName(
                                     d.page(page), reinterpret_cast<HPDF_Font>(d.fonts.at(font))));
}

void PdfWriter::set_font(FontId font, EmbeddedFont embedded) {
    Impl& d = *impl_;
    if (d.font_set.at(font))
        throw std::logic_error("PdfWriter::set_font: font set twice");
    // A subset's name starts with a tag of six capitals (9.6.4): AAAAAA,
    // AAAAAB, ... in the order of the fonts.
    std::string tag = "AAAAAA";
    for (std::size_t n = font, i = 6; i-- > 0; n /= 26)
        tag[i] = static_cast<char>('A' + n % 26);
    d.write_font(d.fonts[font], tag, embedded);
    d.font_set[font] = true;
}

void PdfWriter::Impl::write_font(HPDF_Dict type0, const std::string& tag, const EmbeddedFont& f) {
    const char* what = "embed font";
    HPDF_MMgr mmgr = doc->mmgr;
    const std::string name = tag + "+" + f.postscript_name;
    if (name.size() > HPDF_LIMIT_MAX_NAME_LEN)
        throw std::runtime_error("PDF: the font name " + name + " is too long");
    auto number = [&](HPDF_Dict dict, const char* key, double value) {
        check(what, HPDF_Dict_AddReal(dict, key, static_cast<HPDF_REAL>(value)));
    };
    auto integer = [&](HPDF_Dict dict, const char* key, long value) {
        check(what, HPDF_Dict_AddNumber(dict, key, static_cast<HPDF_INT32>(value)));
    };

    // FontFile2 and the descriptor (9.8, 9.9).
    HPDF_Dict file = new_stream(what, f.program);
    integer(file, "Length1", static_cast<long>(f.program.size()));
    HPDF_Dict descriptor = checked(what, HPDF_Dict_New(mmgr));
    check(what, HPDF_Xref_Add(doc->xref, descriptor));
    check(what, HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor"));
    check(what, HPDF_Dict_AddName(descriptor, "FontName", name.c_str()));
    integer(descriptor, "Flags", static_cast<long>(f.flags));
    HPDF_Box bbox{static_cast<HPDF_REAL>(f.bbox[0]), static_cast<HPDF_REAL>(f.bbox[1]),
                  static_cast<HPDF_REAL>(f.bbox[2]), static_cast<HPDF_REAL>(f.bbox[3])};
    check(what, HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr, bbox)));
    number(descriptor, "ItalicAngle", f.italic_angle);
    integer(descriptor, "Ascent", f.ascent);
    integer(descriptor, "Descent", f.descent);
    integer(descriptor, "CapHeight", f.cap_height);
    integer(descriptor, "XHeight", f.x_height);
    integer(descriptor, "StemV", f.stem_v);
    check(what, HPDF_Dict_Add(descriptor, "FontFile2", file));

    // CIDToGIDMap: two bytes a CID, up to the last one shown (9.7.4.2).
    std::string map(2, '\0');
    for (const auto& g : f.glyphs) {
        if (map.size() < g.code * 2u + 2u)
            map.resize(g.code * 2u + 2u, '\0');
        map[g.code * 2u] = static_cast<char>(g.gid >> 8);
        map[g.code * 2u + 1] = static_cast<char>(g.gid & 0xFF);
    }
    HPDF_Dict cid_to_gid = new_stream(what, std::move(map));

    // W: runs of consecutive CIDs, "c [w1 w2 ...]" (9.7.4.3).
    HPDF_Array widths = checked(what, HPDF_Array_New(mmgr));
    HPDF_Array run = nullptr;
    int previous = -2;
    for (const auto& g : f.glyphs) {
        if (g.code != previous + 1) {
            check(what, HPDF_Array_AddNumber(widths, g.code));
            run = checked(what, HPDF_Array_New(mmgr));
            check(what, HPDF_Array_Add(widths, run));
        }
        check(what, HPDF_Array_AddNumber(run, g.width));
        previous = g.code;
    }

    HPDF_Dict cid = checked(what, HPDF_Dict_New(mmgr));
    check(what, HPDF_Xref_Add(doc->xref, cid));
    check(what, HPDF_Dict_AddName(cid, "Type", "Font"));
    check(what, HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2"));
    check(what, HPDF_Dict_AddName(cid, "BaseFont", name.c_str()));
    HPDF_Dict system = checked(what, HPDF_Dict_New(mmgr));
    check(what, HPDF_Dict_Add(cid, "CIDSystemInfo", system));
    check(what, HPDF_Dict_Add(system, "Registry", HPDF_String_New(mmgr, "Adobe", nullptr)));
    check(what, HPDF_Dict_Add(system, "Ordering", HPDF_String_New(mmgr, "Identity", nullptr)));
    check(what, HPDF_Dict_AddNumber(system, "Supplement", 0));
    check(what, HPDF_Dict_Add(cid, "FontDescriptor", descriptor));
    check(what, HPDF_Dict_Add(cid, "W", widths));
    check(what, HPDF_Dict_Add(cid, "CIDToGIDMap", cid_to_gid));

    check(what, HPDF_Dict_AddName(type0, "Type", "Font"));
    check(what, HPDF_Dict_AddName(type0, "Subtype", "Type0"));
    check(what, HPDF_Dict_AddName(type0, "BaseFont", name.c_str()));
    check(what, HPDF_Dict_AddName(type0, "Encoding", "Identity-H"));
    HPDF_Array descendants = checked(what, HPDF_Array_New(mmgr));
    check(what, HPDF_Dict_Add(type0, "DescendantFonts", descendants));
    check(what, HPDF_Array_Add(descendants, cid));
    check(what, HPDF_Dict_Add(type0, "ToUnicode", new_stream(what, identity_to_unicode())));
}

PdfWriter::ImageId PdfWriter::add_png(std::string_view bytes) {
    Impl& d = *impl_;
    if (bytes.size() > 0xFFFFFFFFu)
        throw std::runtime_error("PDF: image too large");
    HPDF_Image img =
        d.checked("load PNG image",
                  HPDF_LoadPngImageFromMem(d.doc, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                           static_cast<HPDF_UINT>(bytes.size())));
    // A PNG with transparency gets a soft mask, which needs PDF 1.4; libharu
    // has no call to raise the version.
    if (d.doc->pdf_version < HPDF_VER_14)
        d.doc->pdf_version = HPDF_VER_14;
    d.images.push_back(img);
    return d.images.size() - 1;
}

PdfWriter::ImageId PdfWriter::add_jpeg(std::string_view bytes) {
    Impl& d = *impl_;
    if (bytes.size() > 0xFFFFFFFFu)
        throw std::runtime_error("PDF: image too large");
    HPDF_Image img =
        d.checked("load JPEG image",
                  HPDF_LoadJpegImageFromMem(d.doc, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                            static_cast<HPDF_UINT>(bytes.size())));
    d.images.push_back(img);
    return d.images.size() - 1;
}

std::string PdfWriter::image_resource(PageId page, ImageId image) {
    Impl& d = *impl_;
    return d.checked("image", HPDF_Page_GetXObjectName(d.page(page), d.images.at(image)));
}

std::string PdfWriter::registration_colour(PageId page) {
    Impl& d = *impl_;
    const char* what = "write the registration colour";
    HPDF_MMgr mmgr = d.doc->mmgr;
    if (!d.registration) {
        // [/Separation /All /DeviceCMYK f]: f(t) = t t t t, all inks.
        HPDF_Dict f = d.checked(what, HPDF_Dict_New(mmgr));
        d.check(what, HPDF_Dict_AddNumber(f, "FunctionType", 2));
        d.check(what, HPDF_Dict_AddNumber(f, "N", 1));
        const auto numbers = [&](std::initializer_list<int> values) {
            HPDF_Array a = d.checked(what, HPDF_Array_New(mmgr));
            for (int v : values)
                d.check(what, HPDF_Array_AddNumber(a, v));
            return a;
        };
        d.check(what, HPDF_Dict_Add(f, "Domain", numbers({0, 1})));
        d.check(what, HPDF_Dict_Add(f, "C0", numbers({0, 0, 0, 0})));
        d.check(what, HPDF_Dict_Add(f, "C1", numbers({1, 1, 1, 1})));
        HPDF_Array cs = d.checked(what, HPDF_Array_New(mmgr));
        d.check(what, HPDF_Xref_Add(d.doc->xref, cs));
        d.check(what, HPDF_Array_AddName(cs, "Separation"));
        d.check(what, HPDF_Array_AddName(cs, "All"));
        d.check(what, HPDF_Array_AddName(cs, "DeviceCMYK"));
        d.check(what, HPDF_Array_Add(cs, f));
        d.registration = cs;
    }
    auto* resources =
        static_cast<HPDF_Dict>(HPDF_Dict_GetItem(d.page(page), "Resources", HPDF_OCLASS_DICT));
    d.check(what, resources ? HPDF_OK : call_failed);
    auto* spaces =
        static_cast<HPDF_Dict>(HPDF_Dict_GetItem(resources, "ColorSpace", HPDF_OCLASS_DICT));
    if (!spaces) {
        spaces = d.checked(what, HPDF_Dict_New(mmgr));
        d.check(what, HPDF_Dict_Add(resources, "ColorSpace", spaces));
    }
    if (!HPDF_Dict_GetItem(spaces, "CSr", HPDF_OCLASS_ARRAY))
        d.check(what, HPDF_Dict_Add(spaces, "CSr", d.registration));
    return "CSr";
}

PdfWriter::AnnotationId PdfWriter::add_uri_link(PageId page, const Box& area, std::string_view uri,
                                                std::string_view contents) {
    Impl& d = *impl_;
    const std::string u(uri);
    HPDF_Annotation a =
        d.checked("link", HPDF_Page_CreateURILinkAnnot(d.page(page), rect(area), u.c_str()));
    return d.link(a, page, contents);
}

PdfWriter::AnnotationId PdfWriter::add_internal_link(PageId page, const Box& area, PageId target,
                                                     double top, std::string_view contents) {
    Impl& d = *impl_;
    HPDF_Annotation a = d.checked(
        "link", HPDF_Page_CreateLinkAnnot(d.page(page), rect(area), d.destination(target, top)));
    return d.link(a, page, contents);
}

void PdfWriter::add_outline(std::string_view title, PageId target, double top) {
    Impl& d = *impl_;
    const std::string t(title);
    HPDF_Encoder utf8 = d.checked("get UTF-8 encoder", HPDF_GetEncoder(d.doc, "UTF-8"));
    HPDF_Outline outline =
        d.checked("create outline", HPDF_CreateOutline(d.doc, nullptr, t.c_str(), utf8));
    d.replace_text(outline, "Title", t, "create outline");
    d.check("set outline destination",
            HPDF_Outline_SetDestination(outline, d.destination(target, top)));
}

void PdfWriter::set_info(const DocumentInfo& info) {
    Impl& d = *impl_;
    auto attr = [&](HPDF_InfoType type, const char* key, const std::string& value) {
        if (value.empty())
            return;
        d.check("set document info", HPDF_SetInfoAttr(d.doc, type, value.c_str()));
        if (d.doc->info)
            d.replace_text(d.doc->info, key, value, "set document info");
    };
    attr(HPDF_INFO_TITLE, "Title", info.title);
    attr(HPDF_INFO_SUBJECT, "Subject", info.subject);
    attr(HPDF_INFO_AUTHOR, "Author", info.author);
    attr(HPDF_INFO_CREATOR, "Creator", info.creator);
    attr(HPDF_INFO_KEYWORDS, "Keywords", info.keywords);
    auto date = [&](HPDF_InfoType type, const std::optional<DocumentInfo::Date>& t) {
        if (!t)
            return;
        // '+' with 0,0: libharu mishandles 'Z' (../shared/DEPENDENCIES.md).
        HPDF_Date hd{t->year, t->month, t->day, t->hour, t->minute, t->second, '+', 0, 0};
        d.check("set document date", HPDF_SetInfoDateAttr(d.doc, type, hd));
    };
    date(HPDF_INFO_CREATION_DATE, info.created);
    date(HPDF_INFO_MOD_DATE, info.modified);
}

void PdfWriter::set_language(std::string_view bcp47) {
    Impl& d = *impl_;
    // /Lang in the catalog (PDF 1.4, 14.9.2): libharu has no call for it.
    const std::string lang(bcp47);
    HPDF_String s = HPDF_String_New(d.doc->mmgr, lang.c_str(), nullptr);
    d.check("set language", s ? HPDF_Dict_Add(d.doc->catalog, "Lang", s) : call_failed);
}

namespace {

// Dictionaries whose entries are written as text of ours (their `attr`
// points at it): the structure tree's tens of thousands of small
// dictionaries, which libharu's own would keep in 140 bytes an entry and
// write a token at a time (a third more time and memory for a long
// document). The second hook on libharu's structs.
HPDF_STATUS write_own_entries(HPDF_Dict dict, HPDF_Stream out) {
    const auto* text = static_cast<const std::string*>(dict->attr);
    return HPDF_Stream_Write(out, reinterpret_cast<const HPDF_BYTE*>(text->data()),
                             static_cast<HPDF_UINT>(text->size()));
}

std::uint32_t object_number(const void* object) {
    return static_cast<const HPDF_Obj_Header*>(object)->obj_id & 0x00FFFFFF;
}

void reference(std::string& out, const void* object) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, object_number(object)).ptr;
    out.append(buf, end);
    out += " 0 R";
}

// A text string as UTF-16BE in hex, with its byte order mark (7.9.2.2).
void text_string(std::string& out, std::string_view utf8) {
    out += "<FEFF";
    for (const char16_t u : utf8::to_utf16(utf8))
        for (int shift = 12; shift >= 0; shift -= 4)
            out += "0123456789ABCDEF"[(u >> shift) & 0xF];
    out += '>';
}

} // namespace

void PdfWriter::set_structure(const StructureTree& tree) {
    Impl& d = *impl_;
    const char* what = "write the structure tree";
    if (tree.elements.empty())
        return;
    auto own = [&](std::string text) {
        HPDF_Dict dict = d.checked(what, HPDF_Dict_New(d.doc->mmgr));
        d.check(what, HPDF_Xref_Add(d.doc->xref, dict));
        d.own_texts.push_back(std::move(text));
        dict->attr = &d.own_texts.back();
        dict->write_fn = write_own_entries;
        return dict;
    };
    HPDF_Dict root = own({});
    std::vector<HPDF_Dict> elements;
    elements.reserve(tree.elements.size());
    for (std::size_t i = 0; i < tree.elements.size(); ++i)
        elements.push_back(own({}));
    for (std::size_t i = 0; i < tree.elements.size(); ++i) {
        const auto& e = tree.elements[i];
        // (/Type /StructElem is optional: left out, in thousands of objects.)
        std::string& out = *static_cast<std::string*>(elements[i]->attr);
        out.reserve(64 + 12 * e.kids.size());
        out += "/S /";
        out += Impl::key_of(e.role);
        out += "\n/P ";
        reference(out, i == 0 ? root : elements.at(e.parent));
        if (e.page) {
            out += "\n/Pg ";
            reference(out, d.page(*e.page));
        }
        if (!e.alt.empty()) {
            out += "\n/Alt ";
            text_string(out, e.alt);
        }
        if (!e.actual_text.empty()) {
            out += "\n/ActualText ";
            text_string(out, e.actual_text);
        }
        if (!e.lang.empty()) {
            out += "\n/Lang ";
            text_string(out, e.lang);
        }
        if (e.bbox) {
            out += "\n/A <</O /Layout /BBox [";
            for (const double v : {e.bbox->left, e.bbox->bottom, e.bbox->right, e.bbox->top}) {
                append_number(out, v);
                out += ' ';
            }
            out.back() = ']';
            out += ">>";
        }
        out += "\n/K [";
        for (const auto& k : e.kids) {
            switch (k.kind) {
            case StructureTree::Kid::Kind::Element:
                reference(out, elements.at(k.index));
                break;
            case StructureTree::Kid::Kind::Content:
                if (e.page && *e.page == k.page) {
                    out += std::to_string(k.index);
                } else { // on another page than the element's /Pg (14.7.4.2)
                    out += "<</Type /MCR /Pg ";
                    reference(out, d.page(k.page));
                    out += " /MCID " + std::to_string(k.index) + ">>";
                }
                break;
            case StructureTree::Kid::Kind::Annotation: {
                const auto& [annot, on] = d.annotations.at(k.index);
                out += "<</Type /OBJR /Obj ";
                reference(out, annot);
                out += " /Pg ";
                reference(out, d.page(on));
                out += ">>";
                break;
            }
            }
            out += ' ';
        }
        if (out.back() == ' ')
            out.pop_back();
        out += "]\n";
    }

    // The ParentTree (14.7.4.4): a number tree from each page's
    // /StructParents to the array of its MCIDs' elements, and from each
    // annotation's /StructParent to its element. Leaves of at most 512
    // pairs under one root, so no array outgrows the limits.
    std::vector<std::pair<int, std::string>> entries;
    int key = 0;
    for (std::size_t pg = 0; pg < tree.page_content.size() && pg < d.pages.size(); ++pg) {
        d.check(what, HPDF_Dict_AddName(d.pages[pg], "Tabs", "S"));
        if (tree.page_content[pg].empty())
            continue;
        std::string parents = "[";
        parents.reserve(12 * tree.page_content[pg].size() + 2);
        for (const std::size_t element : tree.page_content[pg]) {
            reference(parents, elements.at(element));
            parents += ' ';
        }
        parents.back() = ']';
        d.check(what, HPDF_Dict_AddNumber(d.pages[pg], "StructParents", key));
        entries.emplace_back(key++, std::move(parents));
    }
    for (const auto& [annotation, element] : tree.annotations) {
        d.check(what, HPDF_Dict_AddNumber(d.annotations.at(annotation).first, "StructParent", key));
        std::string ref;
        reference(ref, elements.at(element));
        entries.emplace_back(key++, std::move(ref));
    }
    auto nums = [&](std::size_t from, std::size_t to) {
        std::size_t size = 16;
        for (std::size_t i = from; i < to; ++i)
            size += entries[i].second.size() + 12;
        std::string out;
        out.reserve(size);
        out += "/Nums [";
        for (std::size_t i = from; i < to; ++i) {
            out += std::to_string(entries[i].first);
            out += ' ';
            out += entries[i].second;
            out += '\n';
        }
        out += "]\n";
        return out;
    };
    constexpr std::size_t leaf = 512;
    std::string parent_tree;
    if (entries.size() <= leaf) {
        parent_tree = nums(0, entries.size());
    } else {
        parent_tree = "/Kids [";
        for (std::size_t from = 0; from < entries.size(); from += leaf) {
            const std::size_t to = std::min(entries.size(), from + leaf);
            HPDF_Dict node = own("/Limits [" + std::to_string(entries[from].first) + ' ' +
                                 std::to_string(entries[to - 1].first) + "]\n" + nums(from, to));
            reference(parent_tree, node);
            parent_tree += ' ';
        }
        parent_tree.back() = ']';
        parent_tree += '\n';
    }
    HPDF_Dict parent_tree_node = own(std::move(parent_tree));
    std::string& r = *static_cast<std::string*>(root->attr);
    r = "/Type /StructTreeRoot\n/K ";
    reference(r, elements[0]);
    r += "\n/ParentTree ";
    reference(r, parent_tree_node);
    r += "\n/ParentTreeNextKey " + std::to_string(key) + '\n';
    d.check(what, HPDF_Dict_Add(d.doc->catalog, "StructTreeRoot", root));
}

void PdfWriter::Impl::take_remaining_streams() {
    // What libharu would compress itself when saving (the images' pixels
    // and soft masks): found in its cross-reference table, since its image
    // loaders do not say which streams they made.
    std::vector<HPDF_Dict> found;
    std::vector<std::string> plains;
    const HPDF_List entries = doc->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; ++i) {
        const auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(entries, i));
        auto* header = entry ? static_cast<HPDF_Obj_Header*>(entry->obj) : nullptr;
        if (!header || (header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        auto dict = static_cast<HPDF_Dict>(entry->obj);
        if (!deflatable(dict))
            continue;
        found.push_back(dict);
        plains.push_back(stream_bytes(dict->stream));
        HPDF_MemStream_FreeData(dict->stream);
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = write_flate_filter;
    }
    const auto ids = compressor().take(std::move(plains));
    for (std::size_t i = 0; i < found.size(); ++i)
        packed.emplace_back(found[i], ids[i]);
}

void PdfWriter::Impl::write_id() {
    // PDF 32000-1, 14.4: two byte strings, the first made from the file's
    // content when it is first written, the second when it is changed;
    // both the same for a new file. Written here as zeros; save() puts in
    // an MD5 (as 14.4 suggests) made from the whole file as written with
    // them, so every byte of the content counts and the same input gives
    // the same /ID.
    HPDF_BYTE zeros[16] = {}; // libharu takes a non-const pointer; it copies
    HPDF_Array id = checked("write /ID", HPDF_Array_New(doc->mmgr));
    check("write /ID", HPDF_Dict_Add(doc->trailer, "ID", id));
    for (int i = 0; i < 2; ++i)
        check("write /ID", HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, zeros, 16)));
}

void PdfWriter::save(std::ostream& out) {
    Impl& d = *impl_;
    for (std::size_t f = 0; f < d.fonts.size(); ++f)
        if (!d.font_set[f])
            throw std::logic_error("PdfWriter::save: a font without set_font()");
    d.take_remaining_streams();
    d.check("compress streams", d.compressor().finish() ? HPDF_OK : call_failed);
    for (const auto& [dict, job] : d.packed) {
        const std::string& bytes = d.compression->packed(job);
        d.check("write stream",
                HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                  static_cast<HPDF_UINT>(bytes.size())));
    }
    d.write_id();
    // libharu writes the file through a callback of ours into one string:
    // its memory stream copies a byte at a time into 4 KB buffers (a sixth
    // of the time a long document takes to save).
    std::string file;
    file.reserve(1 << 20);
    HPDF_Stream writer =
        d.checked("write PDF", HPDF_CallbackWriter_New(d.doc->mmgr, append_to_string, &file));
    if (d.doc->stream)
        HPDF_Stream_Free(d.doc->stream);
    d.doc->stream = writer; // freed with the document
    d.check("write PDF", HPDF_SaveToStream(d.doc));
    // The /ID: MD5 over the CRC-32 of each 4 KB of the file (with the
    // /ID as zeros), so every byte counts; MD5 over the whole file took
    // libharu's MD5 a fortieth of a long document's time.
    std::string crcs;
    crcs.reserve(file.size() / 1024 + 16);
    for (std::size_t at = 0; at < file.size(); at += 4096) {
        const std::uint32_t crc = crc32(std::string_view(file).substr(at, 4096));
        for (int shift = 24; shift >= 0; shift -= 8)
            crcs += static_cast<char>((crc >> shift) & 0xFF);
    }
    crcs += std::to_string(file.size());
    HPDF_MD5_CTX md5;
    HPDF_MD5Init(&md5);
    HPDF_MD5Update(&md5, reinterpret_cast<const HPDF_BYTE*>(crcs.data()),
                   static_cast<HPDF_UINT32>(crcs.size()));
    HPDF_BYTE digest[16];
    HPDF_MD5Final(digest, &md5);
    const std::string zeros(32, '0');
    const std::string placeholder = "/ID [ <" + zeros + "> <" + zeros + "> ]";
    const std::size_t tail_from = file.size() > 1024 ? file.size() - 1024 : 0;
    const std::size_t where = file.rfind(placeholder);
    d.check("write /ID", where != std::string::npos && where >= tail_from ? HPDF_OK : call_failed);
    std::string hex;
    for (const HPDF_BYTE byte : digest)
        append_hex_byte(hex, byte);
    file.replace(where + 7, 32, hex);
    file.replace(where + 7 + 32 + 3, 32, hex);
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
}

// --- The standards' catalog entries -------------------------------------

std::string PdfWriter::library_version() {
    return HPDF_VERSION_TEXT;
}

void PdfWriter::set_version_1_7() {
    // libharu has no call for the header's version; the field is what it writes.
    impl_->doc->pdf_version = HPDF_VER_17;
}

void PdfWriter::set_version_1_6() {
    impl_->doc->pdf_version = HPDF_VER_16;
}

void PdfWriter::set_trapped(bool trapped) {
    Impl& d = *impl_;
    // The dictionary set_info() made (libharu makes it with the first entry).
    d.check("set document info", d.doc->info ? HPDF_OK : call_failed);
    d.check("set document info",
            HPDF_Dict_AddName(d.doc->info, "Trapped", trapped ? "True" : "False"));
}

void PdfWriter::set_producer(std::string_view producer) {
    Impl& d = *impl_;
    const std::string p(producer);
    d.check("set document info", HPDF_SetInfoAttr(d.doc, HPDF_INFO_PRODUCER, p.c_str()));
    if (d.doc->info)
        d.replace_text(d.doc->info, "Producer", p, "set document info");
}

void PdfWriter::set_metadata(std::string_view xmp) {
    Impl& d = *impl_;
    const char* what = "write the XMP metadata";
    // A stream libharu neither filters (HPDF_DictStream_New leaves its
    // filter NONE) nor StreamCompression packs: the bytes as they are.
    HPDF_Dict stream = d.checked(what, HPDF_DictStream_New(d.doc->mmgr, d.doc->xref));
    d.check(what, stream->filter == HPDF_STREAM_FILTER_NONE ? HPDF_OK : call_failed);
    d.check(what, HPDF_Dict_AddName(stream, "Type", "Metadata"));
    d.check(what, HPDF_Dict_AddName(stream, "Subtype", "XML"));
    d.check(what, HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()),
                                    static_cast<HPDF_UINT>(xmp.size())));
    d.check(what, HPDF_Dict_Add(d.doc->catalog, "Metadata", stream));
}

void PdfWriter::add_output_intents(const std::vector<std::string_view>& subtypes,
                                   const OutputIntent& oi) {
    Impl& d = *impl_;
    const char* what = "write the output intent";
    HPDF_MMgr mmgr = d.doc->mmgr;
    HPDF_Dict profile = d.new_stream(what, std::string(oi.icc));
    d.check(what, HPDF_Dict_AddNumber(profile, "N", oi.components));
    auto* intents = static_cast<HPDF_Array>(
        HPDF_Dict_GetItem(d.doc->catalog, "OutputIntents", HPDF_OCLASS_ARRAY));
    if (!intents) {
        intents = d.checked(what, HPDF_Array_New(mmgr));
        d.check(what, HPDF_Dict_Add(d.doc->catalog, "OutputIntents", intents));
    }
    for (const auto subtype : subtypes) {
        HPDF_Dict intent = d.checked(what, HPDF_Dict_New(mmgr));
        d.check(what, HPDF_Xref_Add(d.doc->xref, intent));
        const std::string s(subtype);
        d.check(what, HPDF_Dict_AddName(intent, "Type", "OutputIntent"));
        d.check(what, HPDF_Dict_AddName(intent, "S", s.c_str()));
        const auto text = [&](const char* key, std::string_view value) {
            if (value.empty())
                return;
            const std::string v(value);
            d.check(what, HPDF_Dict_Add(intent, key, HPDF_String_New(mmgr, v.c_str(), nullptr)));
        };
        text("OutputConditionIdentifier", oi.condition_identifier);
        text("OutputCondition", oi.condition);
        text("RegistryName", oi.registry);
        text("Info", oi.info);
        d.check(what, HPDF_Dict_Add(intent, "DestOutputProfile", profile));
        d.check(what, HPDF_Array_Add(intents, intent));
    }
}

void PdfWriter::set_display_doc_title() {
    Impl& d = *impl_;
    HPDF_Dict prefs = d.checked("set viewer preferences", HPDF_Dict_New(d.doc->mmgr));
    d.check("set viewer preferences", HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE));
    d.check("set viewer preferences", HPDF_Dict_Add(d.doc->catalog, "ViewerPreferences", prefs));
}

void PdfWriter::set_marked() {
    Impl& d = *impl_;
    HPDF_Dict mark = d.checked("set mark info", HPDF_Dict_New(d.doc->mmgr));
    d.check("set mark info", HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE));
    d.check("set mark info", HPDF_Dict_Add(d.doc->catalog, "MarkInfo", mark));
}

} // namespace chronik::render::pdf
