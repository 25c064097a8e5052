#include "docx_package.hpp"

#include "docx_units.hpp"

#include <Poco/DateTime.h>
#include <Poco/MemoryStream.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <sstream>

namespace chronik::render::docx {

void write_package(const std::vector<Part>& parts, std::int64_t epoch, std::ostream& out) {
    // 1980-01-01T00:00:00Z .. 2107-12-31T23:59:58Z, what a DOS date can hold.
    const std::int64_t clamped = std::clamp<std::int64_t>(epoch, 315532800, 4354819198);
    const CivilTime t = civil_time(clamped);
    const Poco::DateTime when(t.year, t.month, t.day, t.hour, t.minute, t.second);

    // Poco seeks back to fill in sizes and CRCs, so it writes to a seekable
    // buffer first; `out` may be any stream.
    std::stringstream zip(std::ios::in | std::ios::out | std::ios::binary);
    Poco::Zip::Compress c(zip, true);
    for (const auto& p : parts) {
        Poco::MemoryInputStream in(p.bytes.data(), p.bytes.size());
        // The whole part name as the path's file name, with no folders:
        // Poco adds an entry for each new folder of a path ("word/",
        // "word/_rels/"), and an OPC package has parts only (ECMA-376
        // Part 2, 9.1.1; Word and LibreOffice write no folder entries).
        Poco::Path name;
        name.setFileName(p.name);
        c.addFile(in, when, name,
                  p.compress ? Poco::Zip::ZipCommon::CM_DEFLATE : Poco::Zip::ZipCommon::CM_STORE,
                  // zlib's default level: the sample x100 packs in half the
                  // time of CL_MAXIMUM for 25 % more bytes (100 KB vs 80 KB).
                  Poco::Zip::ZipCommon::CL_NORMAL);
    }
    c.close();
    out << zip.rdbuf();
}

} // namespace chronik::render::docx
