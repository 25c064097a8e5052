#include "stream_compression.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <vector>

namespace chronik::render::pdf {

namespace {

struct Job {
    HPDF_Dict dict;
    std::vector<HPDF_BYTE> plain;
    std::vector<HPDF_BYTE> packed;
    bool ok = false;
};

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

// The same settings as libharu's own deflate with this program's
// deflateInit_ (hpdf_document.cpp): level 1, 32 KB window.
bool deflate_into(Job& job) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    job.packed.resize(deflateBound(&z, static_cast<uLong>(job.plain.size())));
    z.next_in = job.plain.data();
    z.avail_in = static_cast<uInt>(job.plain.size());
    z.next_out = job.packed.data();
    z.avail_out = static_cast<uInt>(job.packed.size());
    const int status = deflate(&z, Z_FINISH);
    job.packed.resize(z.total_out);
    deflateEnd(&z);
    return status == Z_STREAM_END;
}

// libharu drops a stream's Filter entry when it does not filter the stream
// itself, so the entry is written by the dictionary's write hook.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

bool ours(const HPDF_Dict dict) {
    return dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
           dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams &&
           !dict->before_write_fn && !dict->write_fn && !dict->after_write_fn &&
           dict->stream->size < 0xFFFFFFFFu / 2;
}

} // namespace

bool compress_streams(HPDF_Doc doc, unsigned threads) {
    std::vector<Job> jobs;
    const HPDF_List entries = doc->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; ++i) {
        const auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(entries, i));
        auto* header = entry ? static_cast<HPDF_Obj_Header*>(entry->obj) : nullptr;
        if (!header || (header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        auto dict = static_cast<HPDF_Dict>(entry->obj);
        if (ours(dict))
            jobs.push_back(Job{dict, contents(dict->stream), {}});
    }
    // Largest first, taken in turn by the threads.
    std::vector<std::size_t> order(jobs.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return jobs[a].plain.size() > jobs[b].plain.size();
    });
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k; (k = next.fetch_add(1)) < order.size();)
            jobs[order[k]].ok = deflate_into(jobs[order[k]]);
    };
    std::vector<std::future<void>> helpers;
    for (unsigned t = 1; t < std::max(1u, threads); ++t)
        helpers.push_back(std::async(std::launch::async, work));
    work();
    for (auto& h : helpers)
        h.get();
    if (!std::all_of(jobs.begin(), jobs.end(), [](const Job& j) { return j.ok; }))
        return false;
    for (auto& job : jobs) {
        HPDF_MemStream_FreeData(job.dict->stream);
        if (HPDF_Stream_Write(job.dict->stream, job.packed.data(),
                              static_cast<HPDF_UINT>(job.packed.size())) != HPDF_OK)
            return false;
        job.dict->filter = HPDF_STREAM_FILTER_NONE;
        job.dict->write_fn = write_flate_filter;
    }
    return true;
}

} // namespace chronik::render::pdf
