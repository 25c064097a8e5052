// Precompiled libhyphen dictionaries.
//
// libhyphen builds its pattern automaton when it loads a .dic file; for
// the German dictionary (hyphen-de, 1 MB of patterns) that takes over two
// seconds, longer than setting a whole brochure. So the build loads each
// dictionary once with libhyphen itself (chronik_hyphen_compile) and saves
// the automaton as a flat table that is linked into the binary; at run
// time HyphenDict structs are laid over that table without copying, and
// libhyphen's own hnj_hyphen_hyphenate3 walks them as usual.
//
// Table layout (native endianness and struct layout, since it is built and
// read by the same build): "CHRHYPH1", u32 level count, then per level a
// LevelHeader, its HyphenState records as StateRecord, its HyphenTrans
// array exactly as libhyphen lays it out, and a string pool.
#pragma once

#include <hyphen.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::text::hyphen_table {

struct LevelHeader {
    std::int8_t lhmin, rhmin, clhmin, crhmin;
    std::int32_t utf8;
    std::int32_t num_states;
    std::int32_t num_trans;
    std::int32_t pool_size;
    std::int32_t nohyphen; // pool offset, -1 = none
    std::int32_t nohyphenl;
    char cset[MAX_NAME];
};

struct StateRecord {
    std::int32_t match; // pool offset, -1 = none
    std::int32_t repl;  // pool offset, -1 = none
    std::int8_t replindex, replcut;
    std::int32_t fallback_state;
    std::int32_t num_trans;
    std::int32_t first_trans; // index into the level's HyphenTrans array
};

// Serialises a loaded dictionary.
std::string serialise(const HyphenDict* dict);

// A dictionary laid over a table; the table must outlive it.
class View {
public:
    explicit View(std::string_view table); // throws std::runtime_error if malformed
    ~View();
    View(const View&) = delete;
    View& operator=(const View&) = delete;
    HyphenDict* dict() const { return levels_.empty() ? nullptr : levels_.front().get(); }

private:
    // The states of all levels in one anonymous mapping (about 11 MB for
    // German): written once, and asked for as huge pages where the kernel
    // allows it, so filling it costs a handful of page faults, not thousands.
    struct Mapping {
        void* base = nullptr;
        std::size_t size = 0;
        ~Mapping();
    };
    Mapping mapping_;
    std::vector<std::unique_ptr<HyphenDict>> levels_;
};

// Tables linked into the binary: ("hyph_de_DE", bytes); empty when none.
std::string_view builtin(std::string_view name);

} // namespace chronik::text::hyphen_table
