// Compresses a libharu document's streams before it is saved, several at a
// time. libharu deflates each stream while it writes the file, one after
// the other on one thread; for a brochure that is about half of the time
// spent saving. Compressed here, the streams are written as they are.
#pragma once

#include <hpdf.h>

namespace chronik::render::pdf {

// Deflates (zlib level 1) every stream libharu would deflate while saving
// `doc` and marks it as done, on up to `threads` threads. The result is the
// same whatever the number of threads. Streams whose content libharu makes
// only while saving (a font's FontFile2 before its font was written) are left
// to libharu. Returns false, having changed nothing further, if zlib fails.
bool compress_streams(HPDF_Doc doc, unsigned threads);

} // namespace chronik::render::pdf
