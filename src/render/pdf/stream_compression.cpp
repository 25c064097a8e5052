#include "stream_compression.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include <algorithm>

namespace chronik::render::pdf {

namespace {

// libdeflate's fastest level: files a few per cent smaller than zlib's
// fastest (which libharu used here), in less time.
constexpr int level = 1;

std::string contents(HPDF_Stream stream) {
    std::string bytes;
    bytes.reserve(stream->size);
    const HPDF_UINT count = HPDF_MemStream_GetBufCount(stream);
    for (HPDF_UINT i = 0; i < count; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* buf = HPDF_MemStream_GetBufPtr(stream, i, &len);
        if (buf)
            bytes.append(reinterpret_cast<const char*>(buf), len);
    }
    return bytes;
}

// libharu drops a stream's Filter entry when it does not filter the stream
// itself, so the entry is written by the dictionary's write hook.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

bool deflatable(const HPDF_Dict dict) {
    return dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
           dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams &&
           !dict->before_write_fn && !dict->write_fn && !dict->after_write_fn;
}

} // namespace

StreamCompression::StreamCompression(unsigned threads) {
    try {
        for (unsigned t = 0; t < std::max(1u, threads); ++t)
            workers_.emplace_back([this] { work(); });
    } catch (...) { // std::system_error when the system has no thread to give
        if (workers_.empty()) { // no thread at all: nothing can be compressed
            stop();
            throw;
        }
        // Fewer threads than asked for will do.
    }
}

StreamCompression::~StreamCompression() { stop(); }

void StreamCompression::stop() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = true;
        next_ = jobs_.size(); // what no worker has begun stays undone
    }
    wake_.notify_all();
    for (auto& w : workers_)
        if (w.joinable())
            w.join();
}

void StreamCompression::take(HPDF_Doc doc) {
    std::vector<Job> found;
    const HPDF_List entries = doc->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; ++i) {
        const auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(entries, i));
        auto* header = entry ? static_cast<HPDF_Obj_Header*>(entry->obj) : nullptr;
        if (!header || (header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        auto dict = static_cast<HPDF_Dict>(entry->obj);
        if (!deflatable(dict))
            continue;
        found.push_back(Job{dict, contents(dict->stream), {}});
        // Taken: a later take() passes it by, libharu writes it as it is;
        // its bytes come back compressed in finish().
        HPDF_MemStream_FreeData(dict->stream);
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = write_flate_filter;
    }
    queue(std::move(found));
}

void StreamCompression::take(HPDF_Dict dict, std::string content) {
    HPDF_MemStream_FreeData(dict->stream);
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    std::vector<Job> one;
    one.push_back(Job{dict, std::move(content), {}});
    queue(std::move(one));
}

void StreamCompression::queue(std::vector<Job> found) {
    // Largest first, so the threads finish together.
    std::stable_sort(found.begin(), found.end(),
                     [](const Job& a, const Job& b) { return a.plain.size() > b.plain.size(); });
    {
        const std::lock_guard lock(mutex_);
        for (auto& job : found)
            jobs_.push_back(std::move(job));
    }
    if (found.size() == 1)
        wake_.notify_one();
    else
        wake_.notify_all();
}

void StreamCompression::work() {
    libdeflate_compressor* c = libdeflate_alloc_compressor(level);
    for (;;) {
        Job* job = nullptr;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return closed_ || next_ < jobs_.size(); });
            if (next_ == jobs_.size())
                break; // closed and done
            job = &jobs_[next_++];
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
    if (!std::all_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.ok; }))
        return false;
    bool ok = true;
    for (auto& job : jobs_) {
        ok = ok && HPDF_Stream_Write(job.dict->stream, job.packed.data(),
                                     static_cast<HPDF_UINT>(job.packed.size())) == HPDF_OK;
    }
    jobs_.clear();
    return ok;
}

} // namespace chronik::render::pdf
