#include "docx_widths.hpp"

#include "support/utf8.hpp"

#include <stdexcept>

namespace chronik::render::docx {

Widths::Widths() {
    try {
        fonts_.emplace();
    } catch (const std::exception&) {
        // No font configuration: typical widths (em() below).
    }
}

const text::FontFace* Widths::face(const style::TextStyle& t) {
    if (!fonts_)
        return nullptr;
    try {
        return &fonts_->at(fonts_->face(t.font));
    } catch (const std::exception&) {
        return nullptr;
    }
}

double Widths::em(std::string_view text, const style::TextStyle& t) {
    const text::FontFace* f = face(t);
    double w = 0;
    for (std::size_t i = 0; i < text.size();)
        w += em(utf8::next(text, i), f);
    return w;
}

} // namespace chronik::render::docx
