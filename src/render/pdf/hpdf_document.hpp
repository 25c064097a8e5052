// A thin RAII wrapper around a libharu document. libharu reports errors
// through a callback and keeps them until reset ("sticky"); our callback
// only records, and every call made through this wrapper is checked
// afterwards and turned into a C++ exception here, never unwound through C.
#pragma once

#include "stream_compression.hpp"
#include "truetype_subset.hpp"

#include <hpdf.h>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chronik::render::pdf {

class HpdfDocument {
public:
    // Status for a call that returned no handle.
    static constexpr HPDF_STATUS call_failed = 0x1;

    HpdfDocument();
    ~HpdfDocument();
    HpdfDocument(const HpdfDocument&) = delete;
    HpdfDocument& operator=(const HpdfDocument&) = delete;

    HPDF_Doc get() const { return doc_; }

    // Throws std::runtime_error naming `what` if libharu recorded an error
    // (or `status` is not HPDF_OK).
    void check(const char* what, HPDF_STATUS status = HPDF_OK);
    template <class T> T checked(const char* what, T value) {
        check(what, value ? HPDF_OK : call_failed);
        return value;
    }

    // TrueType font, embedded and subset, UTF-8 encoded; loaded once per file.
    HPDF_Font font(const std::string& path);
    // PNG or JPEG, loaded once per file.
    HPDF_Image image(const std::string& path, bool png);
    HPDF_Encoder utf8_encoder();
    void set_language(const std::string& bcp47);

    // The BMP code points shown in `font`, to be set by the caller (the
    // painter): the font's subset and CIDToGIDMap hold just these.
    std::vector<bool>& shown(HPDF_Font font);

    // The whole content stream of `page` (PDF operators); compressed on
    // other threads from now on, written when saving.
    void set_content(HPDF_Page page, std::string content);

    // Writes the document to `out`.
    void save(std::ostream& out);

private:
    void replace_to_unicode(HPDF_Font font);
    std::vector<truetype::Mapping> write_cid_map(HPDF_Font font, const std::vector<bool>& used);
    void prune_widths(HPDF_Font font, const std::vector<truetype::Mapping>& shown);
    void embed(HPDF_Font font, const std::string& program);
    static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self);

    StreamCompression& compression();

    HPDF_Doc doc_ = nullptr;
    std::unique_ptr<StreamCompression> compression_; // started at the first use
    HPDF_STATUS error_ = HPDF_OK;
    HPDF_STATUS detail_ = HPDF_OK;
    std::map<std::string, HPDF_Font> fonts_;
    std::map<HPDF_Font, std::vector<bool>> used_; // BMP code points shown, per font
    std::map<std::string, HPDF_Image> images_;
};

} // namespace chronik::render::pdf
