#include "job_wire.hpp"

#include <bit>
#include <cstdint>
#include <stdexcept>

namespace chronik::batch::wire {

namespace {

class Writer {
public:
    Writer& u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            out_ += static_cast<char>((v >> (8 * i)) & 0xFF);
        return *this;
    }
    Writer& i64(std::int64_t v) { return u64(static_cast<std::uint64_t>(v)); }
    Writer& str(std::string_view s) {
        u64(s.size());
        out_.append(s);
        return *this;
    }
    Writer& pages(const std::optional<int>& p) { return i64(p ? *p : -1); }
    std::string frame(char type) const {
        std::string f(1, type);
        const auto n = static_cast<std::uint32_t>(out_.size());
        for (int i = 0; i < 4; ++i)
            f += static_cast<char>((n >> (8 * i)) & 0xFF);
        return f + out_;
    }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    std::uint64_t u64() {
        if (in_.size() < 8)
            throw std::runtime_error("a worker's message is truncated");
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
        in_.remove_prefix(8);
        return v;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    int i32() { return static_cast<int>(i64()); }
    std::string str() {
        const auto n = u64();
        if (n > in_.size())
            throw std::runtime_error("a worker's message is truncated");
        std::string s(in_.substr(0, n));
        in_.remove_prefix(n);
        return s;
    }
    std::optional<int> pages() {
        const auto p = i64();
        return p < 0 ? std::nullopt : std::optional<int>(static_cast<int>(p));
    }

private:
    std::string_view in_;
};

void put(Writer& w, const OutputResult& o) {
    w.str(o.path).str(o.format).u64(o.bytes).pages(o.pages);
}
OutputResult get_output(Reader& r) {
    OutputResult o;
    o.path = r.str();
    o.format = r.str();
    o.bytes = r.u64();
    o.pages = r.pages();
    return o;
}

} // namespace

std::string output_frame(const OutputResult& o) {
    Writer w;
    put(w, o);
    return w.frame('O');
}

std::string result_frame(const JobResult& r) {
    Writer w;
    w.i64(static_cast<std::int64_t>(r.status));
    w.u64(r.outputs.size());
    for (const auto& o : r.outputs)
        put(w, o);
    w.u64(std::bit_cast<std::uint64_t>(r.seconds));
    w.u64(r.diags.items().size());
    for (const auto& d : r.diags.items())
        w.i64(static_cast<std::int64_t>(d.severity))
            .str(d.file)
            .i64(d.line)
            .i64(d.column)
            .str(d.message);
    w.u64(r.record ? 1 : 0);
    if (r.record) {
        w.str(r.record->hash);
        for (const auto* list : {&r.record->outputs, &r.record->files}) {
            w.u64(list->size());
            for (const auto& m : *list)
                w.str(m.path)
                    .str(m.format)
                    .u64(m.bytes)
                    .pages(m.pages)
                    .i64(m.mtime_ns)
                    .str(m.sha256);
        }
    }
    w.u64(r.dropped ? 1 : 0);
    return w.frame('R');
}

std::optional<Frame> take_frame(std::string& buffer) {
    if (buffer.size() < 5)
        return std::nullopt;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
        n |= static_cast<std::uint32_t>(static_cast<unsigned char>(buffer[1 + i])) << (8 * i);
    if (buffer.size() < 5 + static_cast<std::size_t>(n))
        return std::nullopt;
    Frame f{buffer[0], buffer.substr(5, n)};
    buffer.erase(0, 5 + static_cast<std::size_t>(n));
    return f;
}

OutputResult decode_output(std::string_view payload) {
    Reader r(payload);
    return get_output(r);
}

JobResult decode_result(std::string_view payload) {
    Reader in(payload);
    JobResult r;
    r.status = static_cast<Status>(in.i64());
    for (auto n = in.u64(); n > 0; --n)
        r.outputs.push_back(get_output(in));
    r.seconds = std::bit_cast<double>(in.u64());
    for (auto n = in.u64(); n > 0; --n) {
        Diagnostic d;
        d.severity = static_cast<Severity>(in.i64());
        d.file = in.str();
        d.line = in.i32();
        d.column = in.i32();
        d.message = in.str();
        r.diags.add(std::move(d));
    }
    if (in.u64()) {
        ManifestJob m;
        m.hash = in.str();
        for (auto* list : {&m.outputs, &m.files})
            for (auto n = in.u64(); n > 0; --n) {
                ManifestOutput o;
                o.path = in.str();
                o.format = in.str();
                o.bytes = in.u64();
                o.pages = in.pages();
                o.mtime_ns = in.i64();
                o.sha256 = in.str();
                list->push_back(std::move(o));
            }
        r.record = std::move(m);
    }
    r.dropped = in.u64() != 0;
    return r;
}

} // namespace chronik::batch::wire
