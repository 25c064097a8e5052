// Compresses a libharu document's streams before it is saved, several at a
// time, with libdeflate. libharu deflates each stream with zlib while it
// writes the file, one after the other on one thread: for a brochure that
// was about half of the time spent saving. Compressed here, the streams
// are written as they are.
#pragma once

#include <hpdf.h>

#include <future>
#include <memory>
#include <vector>

namespace chronik::render::pdf {

// Takes every stream libharu would deflate when saving (the streams made so
// far) and starts deflating them on up to `threads` threads; finish()
// waits and puts the compressed bytes in place. The document must not
// change those streams in between; streams made later are left for
// another StreamCompression. The result does not depend on `threads`.
class StreamCompression {
public:
    StreamCompression(HPDF_Doc doc, unsigned threads);
    ~StreamCompression();
    StreamCompression(const StreamCompression&) = delete;
    StreamCompression& operator=(const StreamCompression&) = delete;

    // False if compressing or writing back failed (nothing sensible to do
    // but fail the render).
    bool finish();

private:
    struct Job;
    std::vector<Job> jobs_;
    std::vector<std::future<void>> workers_;
    bool finished_ = false;
};

} // namespace chronik::render::pdf
