#include "hyphen_table.hpp"

#include <cstring>
#include <stdexcept>
#include <sys/mman.h>

namespace chronik::text::hyphen_table {

namespace {

constexpr char magic[8] = {'C', 'H', 'R', 'H', 'Y', 'P', 'H', '1'};

template <class T> void put(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void align(std::string& out) {
    while (out.size() % 8)
        out += '\0';
}

} // namespace

std::string serialise(const HyphenDict* dict) {
    std::string out(magic, sizeof magic);
    std::uint32_t levels = 0;
    for (const HyphenDict* d = dict; d; d = d->nextlevel)
        ++levels;
    put(out, levels);
    align(out);
    for (const HyphenDict* d = dict; d; d = d->nextlevel) {
        std::string pool;
        auto intern = [&](const char* s) -> std::int32_t {
            if (!s)
                return -1;
            const auto at = static_cast<std::int32_t>(pool.size());
            pool.append(s, std::strlen(s) + 1);
            return at;
        };
        LevelHeader h{};
        h.lhmin = d->lhmin, h.rhmin = d->rhmin, h.clhmin = d->clhmin, h.crhmin = d->crhmin;
        h.utf8 = d->utf8;
        h.num_states = d->num_states;
        // nohyphen is nohyphenl + 1 strings, one after another (hyphen.c).
        h.nohyphen = -1;
        if (d->nohyphen) {
            h.nohyphen = static_cast<std::int32_t>(pool.size());
            const char* p = d->nohyphen;
            for (int k = 0; k <= d->nohyphenl; ++k) {
                const std::size_t len = std::strlen(p) + 1;
                pool.append(p, len);
                p += len;
            }
        }
        h.nohyphenl = d->nohyphenl;
        std::memcpy(h.cset, d->cset, sizeof h.cset);
        std::vector<StateRecord> states(static_cast<std::size_t>(d->num_states));
        std::vector<HyphenTrans> trans;
        for (int i = 0; i < d->num_states; ++i) {
            const HyphenState& s = d->states[i];
            StateRecord& r = states[static_cast<std::size_t>(i)];
            r.match = intern(s.match);
            r.repl = intern(s.repl);
            r.replindex = s.replindex;
            r.replcut = s.replcut;
            r.fallback_state = s.fallback_state;
            r.num_trans = s.num_trans;
            r.first_trans = static_cast<std::int32_t>(trans.size());
            trans.insert(trans.end(), s.trans, s.trans + s.num_trans);
        }
        h.num_trans = static_cast<std::int32_t>(trans.size());
        h.pool_size = static_cast<std::int32_t>(pool.size());
        put(out, h);
        align(out);
        out.append(reinterpret_cast<const char*>(states.data()),
                   states.size() * sizeof(StateRecord));
        align(out);
        out.append(reinterpret_cast<const char*>(trans.data()), trans.size() * sizeof(HyphenTrans));
        align(out);
        out += pool;
        align(out);
    }
    return out;
}

View::View(std::string_view table) {
    auto fail = [] { throw std::runtime_error("malformed precompiled hyphenation table"); };
    if (table.size() < 16 || std::memcmp(table.data(), magic, sizeof magic) != 0)
        fail();
    std::uint32_t levels = 0;
    std::memcpy(&levels, table.data() + 8, sizeof levels);
    std::size_t at = 16;
    auto take = [&](std::size_t bytes) {
        if (at + bytes > table.size())
            fail();
        const char* p = table.data() + at;
        at += (bytes + 7) / 8 * 8;
        return p;
    };
    // First pass: count the states of all levels, to map them at once.
    std::size_t total_states = 0;
    {
        std::size_t scan = at;
        for (std::uint32_t l = 0; l < levels; ++l) {
            LevelHeader h;
            if (scan + sizeof h > table.size())
                fail();
            std::memcpy(&h, table.data() + scan, sizeof h);
            if (h.num_states < 0 || h.num_trans < 0 || h.pool_size < 0)
                fail();
            total_states += static_cast<std::size_t>(h.num_states);
            auto rounded = [](std::size_t n) { return (n + 7) / 8 * 8; };
            scan += rounded(sizeof h) +
                    rounded(static_cast<std::size_t>(h.num_states) * sizeof(StateRecord)) +
                    rounded(static_cast<std::size_t>(h.num_trans) * sizeof(HyphenTrans)) +
                    rounded(static_cast<std::size_t>(h.pool_size));
        }
    }
    constexpr std::size_t huge = 2 * 1024 * 1024;
    mapping_.size = (total_states * sizeof(HyphenState) + huge - 1) / huge * huge;
    mapping_.base =
        mmap(nullptr, mapping_.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping_.base == MAP_FAILED) {
        mapping_.base = nullptr;
        throw std::runtime_error("cannot map memory for the hyphenation patterns");
    }
    madvise(mapping_.base, mapping_.size, MADV_HUGEPAGE); // a hint; fine if refused
    auto* next_state = static_cast<HyphenState*>(mapping_.base);

    HyphenDict* previous = nullptr;
    for (std::uint32_t l = 0; l < levels; ++l) {
        LevelHeader h;
        std::memcpy(&h, take(sizeof h), sizeof h);
        if (h.num_states < 0 || h.num_trans < 0 || h.pool_size < 0)
            fail();
        const auto* records = reinterpret_cast<const StateRecord*>(
            take(static_cast<std::size_t>(h.num_states) * sizeof(StateRecord)));
        // libhyphen only reads the transitions: point into the table.
        auto* trans = reinterpret_cast<HyphenTrans*>(
            const_cast<char*>(take(static_cast<std::size_t>(h.num_trans) * sizeof(HyphenTrans))));
        char* pool = const_cast<char*>(take(static_cast<std::size_t>(h.pool_size)));
        auto str = [&](std::int32_t off) -> char* {
            if (off < 0)
                return nullptr;
            if (off >= h.pool_size)
                fail();
            return pool + off;
        };
        HyphenState* states = next_state;
        next_state += h.num_states;
        for (int i = 0; i < h.num_states; ++i) {
            const StateRecord& r = records[i];
            if (r.first_trans < 0 || r.num_trans < 0 || r.first_trans + r.num_trans > h.num_trans)
                fail();
            states[i] = HyphenState{str(r.match),     str(r.repl), r.replindex,          r.replcut,
                                    r.fallback_state, r.num_trans, trans + r.first_trans};
        }
        auto dict = std::make_unique<HyphenDict>();
        dict->lhmin = h.lhmin, dict->rhmin = h.rhmin, dict->clhmin = h.clhmin,
        dict->crhmin = h.crhmin;
        dict->nohyphen = str(h.nohyphen);
        dict->nohyphenl = h.nohyphenl;
        dict->num_states = h.num_states;
        std::memcpy(dict->cset, h.cset, sizeof h.cset);
        dict->utf8 = h.utf8;
        dict->states = states;
        dict->nextlevel = nullptr;
        if (previous)
            previous->nextlevel = dict.get();
        previous = dict.get();
        levels_.push_back(std::move(dict));
    }
    if (levels_.empty())
        fail();
}

View::~View() = default;

View::Mapping::~Mapping() {
    if (base)
        munmap(base, size);
}

} // namespace chronik::text::hyphen_table
