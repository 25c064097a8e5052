// libFuzzer target: the whole pipeline. Arbitrary bytes are read as a
// chronicle, composed, and rendered into every registered format in memory.
// The style and the compose options vary with the input's length, so one
// input always takes the same path (crashes reproduce).
#include "pipeline/pipeline.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace chronik;
    Diagnostics diags;
    const auto c = pipeline::load_text(std::string(reinterpret_cast<const char*>(data), size),
                                       "fuzz.xml", CHRONIK_SOURCE_DIR "/tests", diags);
    if (c.has_value() == diags.has_errors())
        std::abort();
    if (!c)
        return 0;

    static const style::Style brochure = style::default_style();
    static const style::Style booklet = [] {
        Diagnostics d;
        auto s = style::resolve_style("booklet", d);
        if (!s)
            std::abort();
        return *s;
    }();
    const style::Style& s = size % 2 ? booklet : brochure;
    compose::Options options;
    options.order = static_cast<compose::Order>(size % 3);
    if (size % 5 == 0)
        options.language = "en";
    if (size % 7 == 0)
        options.from_year = 2000;
    options.epoch = 1700000000;
    const auto doc = pipeline::document(*c, s, options, diags);

    static const auto formats = render::builtin_registry();
    for (const auto* r : formats.all()) {
        std::ostringstream out(std::ios::binary);
        try {
            pipeline::render(doc, s, *r, {}, out, diags);
        } catch (const Failure& f) {
            // Refusals (the page limit) carry a message; anything else thrown
            // is a bug and ends the run.
            if (f.diagnostic().message.empty())
                std::abort();
            continue;
        }
        const std::string bytes = std::move(out).str();
        const std::string_view name = r->name();
        if ((name == "pdf" && (bytes.rfind("%PDF-", 0) != 0 ||
                               bytes.find("%%EOF", bytes.size() - 8) == std::string::npos)) ||
            (name == "docx" && bytes.rfind("PK\x03\x04", 0) != 0) || bytes.empty())
            std::abort(); // an output that is not what its format says
    }
    return 0;
}
