// libFuzzer target: the chronicle loader on arbitrary bytes.
//
// Besides the sanitizers' checks it asserts the reader's contract: a
// chronicle comes back exactly when no error was reported, and every
// diagnostic names the file and says something.
#include "pipeline/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace chronik;
    Diagnostics diags;
    // Image paths resolve against tests/, so images/small.png and the other
    // test images in the seeds are found.
    const auto c = pipeline::load_text(std::string(reinterpret_cast<const char*>(data), size),
                                       "fuzz.xml", CHRONIK_SOURCE_DIR "/tests", diags);
    if (c.has_value() == diags.has_errors())
        std::abort(); // a chronicle despite errors, or none without saying why
    for (const auto& d : diags.items())
        if (d.file != "fuzz.xml" || d.message.empty() || d.line < 0 || d.column < 0 ||
            format(d).empty())
            std::abort();
    if (c && c->title.empty())
        std::abort(); // the title is required
    return 0;
}
