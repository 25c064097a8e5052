// The OPC package: parts zipped with Poco::Zip in the order they are
// added, each stamped with the same time, so that equal inputs give equal
// bytes (reproducible builds: SOURCE_DATE_EPOCH).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace chronik::render::docx {

struct Part {
    std::string name; // "word/document.xml", no leading slash
    std::string_view bytes;
    bool compress = true; // false for images, which are compressed already
};

// Writes the zip to `out`. ZIP (DOS) times cover 1980-2107 only; an epoch
// outside is clamped to the nearest end.
void write_package(const std::vector<Part>& parts, std::int64_t epoch, std::ostream& out);

} // namespace chronik::render::docx
