#include "stream_compression.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include <algorithm>
#include <atomic>

namespace chronik::render::pdf {

namespace {

// libdeflate's fastest level: files a few per cent smaller than zlib's
// fastest (which libharu used here), in less time.
constexpr int level = 1;

std::vector<HPDF_BYTE> contents(HPDF_Stream stream) {
    std::vector<HPDF_BYTE> bytes;
    bytes.reserve(stream->size);
    const HPDF_UINT count = HPDF_MemStream_GetBufCount(stream);
    for (HPDF_UINT i = 0; i < count; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* buf = HPDF_MemStream_GetBufPtr(stream, i, &len);
        if (buf)
            bytes.insert(bytes.end(), buf, buf + len);
    }
    return bytes;
}

// libharu drops a stream's Filter entry when it does not filter the stream
// itself, so the entry is written by the dictionary's write hook.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

bool ours(const HPDF_Dict dict) {
    return dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
           dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams &&
           !dict->before_write_fn && !dict->write_fn && !dict->after_write_fn;
}

} // namespace

struct StreamCompression::Job {
    HPDF_Dict dict;
    std::vector<HPDF_BYTE> plain;
    std::vector<HPDF_BYTE> packed;
    bool ok = false;
};

StreamCompression::StreamCompression(HPDF_Doc doc, unsigned threads) {
    const HPDF_List entries = doc->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; ++i) {
        const auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(entries, i));
        auto* header = entry ? static_cast<HPDF_Obj_Header*>(entry->obj) : nullptr;
        if (!header || (header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        auto dict = static_cast<HPDF_Dict>(entry->obj);
        if (!ours(dict))
            continue;
        jobs_.push_back(Job{dict, contents(dict->stream), {}});
        // Taken: a later StreamCompression passes it by, libharu writes it as it is.
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = write_flate_filter;
    }
    // Largest first, taken in turn by the threads.
    auto order = std::make_shared<std::vector<std::size_t>>(jobs_.size());
    for (std::size_t i = 0; i < order->size(); ++i)
        (*order)[i] = i;
    std::stable_sort(order->begin(), order->end(), [&](std::size_t a, std::size_t b) {
        return jobs_[a].plain.size() > jobs_[b].plain.size();
    });
    auto next = std::make_shared<std::atomic<std::size_t>>(0);
    const unsigned n = std::clamp<unsigned>(threads, 1, static_cast<unsigned>(std::max<std::size_t>(1, jobs_.size())));
    for (unsigned t = 0; t < n && !jobs_.empty(); ++t)
        workers_.push_back(std::async(std::launch::async, [this, order, next] {
            libdeflate_compressor* c = libdeflate_alloc_compressor(level);
            for (std::size_t k; (k = next->fetch_add(1)) < order->size();) {
                Job& job = jobs_[(*order)[k]];
                if (!c)
                    continue;
                job.packed.resize(libdeflate_zlib_compress_bound(c, job.plain.size()));
                const std::size_t size = libdeflate_zlib_compress(
                    c, job.plain.data(), job.plain.size(), job.packed.data(), job.packed.size());
                job.packed.resize(size);
                job.ok = size > 0 || job.plain.empty();
            }
            libdeflate_free_compressor(c);
        }));
}

StreamCompression::~StreamCompression() {
    for (auto& w : workers_)
        if (w.valid())
            w.wait();
    // Not finished (an error on the way): the streams are libharu's again.
    for (auto& job : jobs_) {
        job.dict->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        job.dict->write_fn = nullptr;
    }
}

bool StreamCompression::finish() {
    for (auto& w : workers_)
        w.get();
    workers_.clear();
    if (!std::all_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.ok; }))
        return false;
    bool ok = true;
    for (auto& job : jobs_) {
        HPDF_MemStream_FreeData(job.dict->stream);
        ok = ok && HPDF_Stream_Write(job.dict->stream, job.packed.data(),
                                     static_cast<HPDF_UINT>(job.packed.size())) == HPDF_OK;
    }
    jobs_.clear();
    return ok;
}

} // namespace chronik::render::pdf
