#include "hpdf_document.hpp"

#include <hpdf_doc.h>

#include <cstdio>
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
    fonts_.emplace(path, f);
    return f;
}

HPDF_Image HpdfDocument::image(const std::string& path, bool png) {
    if (auto it = images_.find(path); it != images_.end())
        return it->second;
    HPDF_Image img = png ? HPDF_LoadPngImageFromFile(doc_, path.c_str())
                         : HPDF_LoadJpegImageFromFile(doc_, path.c_str());
    check(("load image " + path).c_str(), img ? HPDF_OK : call_failed);
    // A PNG with transparency gets a soft mask, which needs PDF 1.4.
    if (png && doc_->pdf_version < HPDF_VER_14)
        doc_->pdf_version = HPDF_VER_14;
    images_.emplace(path, img);
    return img;
}

HPDF_Encoder HpdfDocument::utf8_encoder() {
    return checked("get UTF-8 encoder", HPDF_GetEncoder(doc_, "UTF-8"));
}

std::vector<std::uint8_t> HpdfDocument::save() {
    check("write PDF", HPDF_SaveToStream(doc_));
    const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
    std::vector<std::uint8_t> out(size);
    HPDF_UINT32 read = size;
    check("read PDF", HPDF_ReadFromStream(doc_, out.data(), &read));
    out.resize(read);
    return out;
}

} // namespace chronik::render::pdf
