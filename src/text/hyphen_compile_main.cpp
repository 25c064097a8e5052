// Build tool: chronik_hyphen_compile IN.dic OUT.table — loads a libhyphen
// dictionary once and writes its automaton as a table (see hyphen_table.hpp).
#include "hyphen_table.hpp"

#include <cstdio>
#include <fstream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: chronik_hyphen_compile IN.dic OUT.table\n");
        return 2;
    }
    HyphenDict* dict = hnj_hyphen_load(argv[1]);
    if (!dict) {
        std::fprintf(stderr, "chronik_hyphen_compile: cannot load %s\n", argv[1]);
        return 1;
    }
    const std::string table = chronik::text::hyphen_table::serialise(dict);
    hnj_hyphen_free(dict);
    std::ofstream out(argv[2], std::ios::binary);
    out.write(table.data(), static_cast<std::streamsize>(table.size()));
    return out ? 0 : 1;
}
