// Compresses byte strings (a PDF's streams) on worker threads, with
// libdeflate. Writing one stream after the other on one thread with zlib
// was about half the time a brochure took to save; here the page contents
// compress while later pages are painted, and the writer puts the
// compressed bytes in place when it saves (pdf_writer.cpp).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace chronik::render::pdf {

// take() hands byte strings to the workers, which start on them at once;
// finish() waits for all of them; packed(n) is then the zlib stream
// (RFC 1950, what /FlateDecode reads) of the n-th string taken. The result
// does not depend on the number of threads.
class StreamCompression {
public:
    explicit StreamCompression(unsigned threads);
    ~StreamCompression();
    StreamCompression(const StreamCompression&) = delete;
    StreamCompression& operator=(const StreamCompression&) = delete;

    // The number of the string (0, 1, ... in the order taken).
    std::size_t take(std::string plain);
    // Several at once, compressed largest first so the threads finish
    // together; their numbers in the order given.
    std::vector<std::size_t> take(std::vector<std::string> plains);
    // Waits for every string taken; false if one could not be compressed.
    // Nothing can be taken afterwards.
    bool finish();
    // After a successful finish().
    const std::string& packed(std::size_t n) const { return jobs_.at(n).packed; }

private:
    struct Job {
        std::string plain;
        std::string packed;
        bool ok = false;
    };
    void work();
    void stop(); // ends the workers; unfinished jobs are dropped

    std::deque<Job> jobs_;           // stable addresses while workers hold them
    std::vector<std::size_t> order_; // jobs_ indices in the order workers take them
    std::size_t next_ = 0;           // first entry of order_ no worker has taken
    bool closed_ = false;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::thread> workers_;
};

// CRC-32 of `bytes` (libdeflate's, a tenth of a cycle a byte): what the
// writer's /ID is made from.
std::uint32_t crc32(std::string_view bytes);

} // namespace chronik::render::pdf
