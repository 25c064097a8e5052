// Compresses a libharu document's streams before it is saved, several at a
// time, with libdeflate. libharu deflates each stream with zlib while it
// writes the file, one after the other on one thread: for a brochure that
// was about half of the time spent saving. Compressed here, the streams
// are written as they are.
#pragma once

#include <hpdf.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace chronik::render::pdf {

// take() hands the streams libharu would deflate when saving (those made
// so far) to worker threads, which start on them at once; finish() waits
// and puts the compressed bytes in place. The document must not change a
// taken stream before finish(), and must not be saved without it (taken
// streams are empty until then). The result does not depend on the number
// of threads.
class StreamCompression {
public:
    explicit StreamCompression(unsigned threads);
    ~StreamCompression();
    StreamCompression(const StreamCompression&) = delete;
    StreamCompression& operator=(const StreamCompression&) = delete;

    void take(HPDF_Doc doc);
    // The whole content of `dict`'s stream, made elsewhere: compressed and
    // put in the (empty) stream by finish().
    void take(HPDF_Dict dict, std::string content);
    // False if compressing or writing back failed.
    bool finish();

private:
    struct Job {
        HPDF_Dict dict;
        std::string plain;
        std::vector<HPDF_BYTE> packed;
        bool ok = false;
    };
    void work();
    void queue(std::vector<Job> found);
    void stop(); // ends the workers; unfinished jobs are dropped

    std::deque<Job> jobs_; // stable addresses while workers hold them
    std::size_t next_ = 0; // first job no worker has taken
    bool closed_ = false;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::thread> workers_;
};

} // namespace chronik::render::pdf
