#include "diagnostics.hpp"

#include <algorithm>

namespace chronik {

std::string format(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += d.file;
        if (d.line > 0) {
            out += ':' + std::to_string(d.line);
            if (d.column > 0 && d.severity == Severity::Error)
                out += ':' + std::to_string(d.column);
        }
        out += ": ";
    }
    out += d.severity == Severity::Error     ? "error: "
           : d.severity == Severity::Warning ? "warning: "
                                             : "note: ";
    out += d.message;
    return out;
}

void Diagnostics::error(std::string_view file, int line, int column, std::string message) {
    items_.push_back({Severity::Error, std::string(file), line, column, std::move(message)});
}

void Diagnostics::warning(std::string_view file, int line, std::string message) {
    items_.push_back({Severity::Warning, std::string(file), line, 0, std::move(message)});
}

void Diagnostics::note(std::string_view file, int line, std::string message) {
    items_.push_back({Severity::Note, std::string(file), line, 0, std::move(message)});
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(
        items_.begin(), items_.end(), [](const auto& d) { return d.severity == Severity::Error; }));
}

} // namespace chronik
