#include "stream_compression.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <numeric>

namespace chronik::render::pdf {

namespace {

// libdeflate's fastest level: files a few per cent smaller than zlib's
// fastest, in less time.
constexpr int level = 1;

} // namespace

StreamCompression::StreamCompression(unsigned threads) {
    try {
        for (unsigned t = 0; t < std::max(1u, threads); ++t)
            workers_.emplace_back([this] { work(); });
    } catch (...) {             // std::system_error when the system has no thread to give
        if (workers_.empty()) { // no thread at all: nothing can be compressed
            stop();
            throw;
        }
        // Fewer threads than asked for will do.
    }
}

StreamCompression::~StreamCompression() {
    stop();
}

void StreamCompression::stop() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = true;
        next_ = order_.size(); // what no worker has begun stays undone
    }
    wake_.notify_all();
    for (auto& w : workers_)
        if (w.joinable())
            w.join();
}

std::size_t StreamCompression::take(std::string plain) {
    std::size_t n = 0;
    {
        const std::lock_guard lock(mutex_);
        n = jobs_.size();
        jobs_.push_back(Job{std::move(plain), {}, false});
        order_.push_back(n);
    }
    wake_.notify_one();
    return n;
}

std::vector<std::size_t> StreamCompression::take(std::vector<std::string> plains) {
    std::vector<std::size_t> ids(plains.size());
    std::vector<std::size_t> by_size(plains.size());
    std::iota(by_size.begin(), by_size.end(), std::size_t{0});
    // Largest first, so the threads finish together.
    std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
        return plains[a].size() > plains[b].size();
    });
    {
        const std::lock_guard lock(mutex_);
        const std::size_t first = jobs_.size();
        for (std::size_t i = 0; i < plains.size(); ++i) {
            ids[i] = first + i;
            jobs_.push_back(Job{std::move(plains[i]), {}, false});
        }
        for (std::size_t i : by_size)
            order_.push_back(first + i);
    }
    wake_.notify_all();
    return ids;
}

void StreamCompression::work() {
    libdeflate_compressor* c = libdeflate_alloc_compressor(level);
    for (;;) {
        Job* job = nullptr;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return closed_ || next_ < order_.size(); });
            if (next_ == order_.size())
                break; // closed and done
            job = &jobs_[order_[next_++]];
        }
        if (!c)
            continue; // out of memory: job.ok stays false
        job->packed.resize(libdeflate_zlib_compress_bound(c, job->plain.size()));
        const std::size_t size = libdeflate_zlib_compress(c, job->plain.data(), job->plain.size(),
                                                          job->packed.data(), job->packed.size());
        job->packed.resize(size);
        job->ok = size > 0;
        if (job->ok)
            std::string().swap(job->plain); // a long document's pages: megabytes
    }
    libdeflate_free_compressor(c);
}

bool StreamCompression::finish() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_)
        w.join();
    workers_.clear();
    return std::all_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.ok; });
}

std::uint32_t crc32(std::string_view bytes) {
    return libdeflate_crc32(0, bytes.data(), bytes.size());
}

} // namespace chronik::render::pdf
