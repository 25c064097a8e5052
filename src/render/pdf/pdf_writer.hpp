// The PDF file, in chronik's terms: pages with their boxes, content streams
// (made by content_stream.hpp), fonts (made by embedded_font.hpp), images,
// links, the outline, the info dictionary, catalog entries and the trailer.
// pdf_writer.cpp is the one file that uses the PDF library underneath; this
// header shows none of it.
//
// Units: PDF user space, points from the page's lower left corner. Every
// call checks the library's status (and the error it may have recorded
// without calling back) and throws WriterError naming what failed and why
// (the library's error callback only records, so nothing unwinds through
// C code). Handles are small numbers, valid for the writer
// that gave them out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::render::pdf {

// What the writer throws when the PDF library refuses a call: `call`
// names the call ("load PNG image"), `reason` says in plain words what the
// library's code means ("more items than one PDF array holds (32767)"),
// `code` and `detail` are its own numbers, for a bug report. Callers that
// know which input the call was for say so, with reason() and code_text().
class WriterError : public std::runtime_error {
public:
    WriterError(std::string call, std::string reason, unsigned code, unsigned detail);
    const std::string& call() const { return call_; }
    const std::string& reason() const { return reason_; }
    unsigned code() const { return code_; }
    // "(libharu error 0x1001, detail 0)"
    std::string code_text() const;

private:
    std::string call_, reason_;
    unsigned code_, detail_;
};

struct Box {
    double left = 0, bottom = 0, right = 0, top = 0;
};

// A page's boundaries (PDF 32000-1, 14.11.2). TrimBox and BleedBox are for
// print output and go into the page dictionary beside the MediaBox when set.
struct PageBoxes {
    Box media;
    std::optional<Box> trim;
    std::optional<Box> bleed;
};

// A TrueType font embedded as a Type0 font with one CIDFontType2 descendant,
// Identity-H: character codes (CIDs) are the Unicode code points (BMP) of
// the characters, as content streams show them.
struct EmbeddedFont {
    std::string postscript_name; // without the subset tag; the writer adds it
    std::string program;         // FontFile2: the subset (truetype_subset.hpp)
    struct Glyph {
        std::uint16_t code; // CID = Unicode code point
        std::uint16_t gid;  // glyph id in `program`
        int width;          // advance, 1/1000 em (the /W entry)
    };
    std::vector<Glyph> glyphs; // the characters shown, ascending codes
    // FontDescriptor (9.8), 1/1000 em.
    int ascent = 0, descent = 0, cap_height = 0, x_height = 0, stem_v = 0;
    double italic_angle = 0;
    std::uint32_t flags = 32; // Nonsymbolic
    int bbox[4] = {0, 0, 0, 0};
};

struct DocumentInfo { // the info dictionary (14.3.3); empty strings are left out
    std::string title, subject, author, creator, keywords;
    struct Date {
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0; // UTC
    };
    std::optional<Date> created, modified;
};

class PdfWriter {
public:
    using PageId = std::size_t;
    using FontId = std::size_t;
    using ImageId = std::size_t;

    // The longest string (title, bookmark, URI) the writer takes, in bytes.
    static std::size_t max_string_bytes();

    PdfWriter();
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    PageId add_page(const PageBoxes& boxes);
    // The whole content stream of `page` (PDF operators); compressed on
    // other threads from now on, written when saving.
    void set_content(PageId page, std::string content);

    // A font whose dictionaries are completed by set_font() before save():
    // the pages can name it while the glyphs shown are still being counted.
    FontId add_font();
    void set_font(FontId font, EmbeddedFont embedded);
    // The name under which `page`'s resources know `font` (for Tf).
    std::string font_resource(PageId page, FontId font);

    // PNG as png_for_pdf leaves it (8-bit, not interlaced), or JPEG
    // (baseline or progressive) as jpeg_for_pdf leaves it (image_for_pdf.hpp).
    ImageId add_png(std::string_view bytes);
    ImageId add_jpeg(std::string_view bytes);
    // The name under which `page`'s resources know `image` (for Do).
    std::string image_resource(PageId page, ImageId image);
    // The registration colour of printer's marks (8.6.6.4: /Separation /All,
    // every plate at once), in `page`'s resources; its name for CS/SCN.
    std::string registration_colour(PageId page);

    // Links without a border, printable (/F 4, as PDF/A wants), with
    // `contents` (UTF-8) describing them (/Contents, as PDF/UA wants). A
    // URI is bytes (percent-encode it before); an internal link shows
    // `target` with `top` at the window's top.
    using AnnotationId = std::size_t;
    AnnotationId add_uri_link(PageId page, const Box& area, std::string_view uri,
                              std::string_view contents);
    AnnotationId add_internal_link(PageId page, const Box& area, PageId target, double top,
                                   std::string_view contents);
    // A top-level bookmark (UTF-8 title) to `target` at `top`.
    void add_outline(std::string_view title, PageId target, double top);

    void set_info(const DocumentInfo& info);
    // /Lang in the catalog (14.9.2).
    void set_language(std::string_view bcp47);

    // The logical structure of tagged PDF (ISO 32000-1, 14.7), written at
    // once: the StructTreeRoot with its elements, the ParentTree mapping
    // each page's marked content and each annotation back to its element
    // (/StructParents, /StructParent), /Tabs /S on every page.
    struct StructureTree {
        struct Kid {
            enum class Kind { Element, Content, Annotation } kind = Kind::Element;
            std::size_t index = 0; // element index, MCID, or annotation id
            PageId page = 0;       // of Content
        };
        // The strings are views: set_structure() copies what it keeps.
        struct Element {
            std::string_view role;  // standard structure type (14.8.4)
            std::size_t parent = 0; // elements[0], the root, has none
            std::string_view alt, lang, actual_text;
            std::optional<Box> bbox;    // /A << /O /Layout /BBox >> (a Figure's)
            std::optional<PageId> page; // /Pg: where most of its content is
            std::vector<Kid> kids;      // in reading order
        };
        std::vector<Element> elements;
        // For each page, the element of each MCID (0, 1, ...) on it.
        std::vector<std::vector<std::size_t>> page_content;
        // For each annotation, its page and the element it belongs to.
        std::vector<std::pair<AnnotationId, std::size_t>> annotations;
    };
    void set_structure(const StructureTree& tree);

    // Writes the document to `out`. The trailer's /ID (14.4) is two equal
    // MD5 digests made from the whole file (pdf_writer.cpp), so the same
    // input gives the same file. The writer is spent afterwards.
    void save(std::ostream& out);

    // --- The standards' catalog entries (pdf_standards.cpp makes these calls).
    // The PDF library's version ("2.3.0"), for the /Producer.
    static std::string library_version();
    // The header's version, whatever libharu chose: %PDF-1.7 (ISO 32000-1),
    // or %PDF-1.6 for PDF/X-4 (ISO 15930-7).
    void set_version_1_7();
    void set_version_1_6();
    // /Trapped in the info dictionary (14.3.3), which PDF/X asks for: /False
    // when the file has no trapping.
    void set_trapped(bool trapped);
    // The info dictionary's /Producer (14.3.3), which the XMP repeats.
    void set_producer(std::string_view producer);
    // The catalog's /Metadata (14.3.2): `xmp`, an XMP packet, as a stream
    // /Type /Metadata /Subtype /XML, never compressed (PDF/A-2 6.6.2.1: a
    // reader must find it without decoding the PDF).
    void set_metadata(std::string_view xmp);
    // The catalog's /OutputIntents (14.11.5): one /OutputIntent for each of
    // `subtypes` (GTS_PDFA1, GTS_PDFX), all with the one /DestOutputProfile
    // stream (PDF/A-2 6.2.3 wants them the same), the ICC profile `icc` with
    // `components` colour components (/N), compressed. Empty strings are
    // left out.
    struct OutputIntent {
        std::string_view icc;
        int components = 3;
        std::string_view condition_identifier; // "FOGRA39", "sRGB IEC61966-2.1"
        std::string_view condition;            // /OutputCondition, in words
        std::string_view registry;             // /RegistryName: where the identifier is
        std::string_view info;
    };
    void add_output_intents(const std::vector<std::string_view>& subtypes,
                            const OutputIntent& intent);
    // /ViewerPreferences << /DisplayDocTitle true >> (12.2): a viewer's
    // title bar shows the title, not the file name (PDF/UA-1 7.1).
    void set_display_doc_title();
    // /MarkInfo << /Marked true >> (14.7.1): the file is tagged PDF.
    void set_marked();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace chronik::render::pdf
