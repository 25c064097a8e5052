// libFuzzer target: arbitrary bytes as the image of a one-milestone
// chronicle. The reader probes and checks the file; whatever it accepts
// must render into PDF (libharu, libpng) and DOCX (embedded as is) in
// memory. The image files are what a chronicle's author controls besides
// the XML.
#include "pipeline/pipeline.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <variant>
#include <vector>

namespace {

// A folder of our own for the image file, removed at exit.
struct Folder {
    std::filesystem::path path;
    Folder() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "chronik-fuzz-XXXXXX").string();
        if (!mkdtemp(tmpl.data()))
            std::abort();
        path = tmpl;
    }
    ~Folder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace chronik;
    static const Folder folder;
    {
        std::ofstream f(folder.path / "picture", std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!f)
            std::abort();
    }
    Diagnostics diags;
    const auto c = pipeline::load_text(
        "<chronicle><title>T</title><milestone date=\"2000\"><p>x</p>"
        "<image src=\"picture\" alt=\"a\"><caption>c</caption></image></milestone></chronicle>",
        "fuzz.xml", folder.path.string(), diags);
    if (c.has_value() == diags.has_errors())
        std::abort();
    if (!c)
        return 0;
    static const style::Style style = style::default_style();
    const auto doc = pipeline::document(*c, style, {}, diags);
    static const auto formats = render::builtin_registry();
    // A CMYK JPEG is refused under PDF/A on purpose (its output intent is
    // sRGB; README, "Accessible and archival PDF"): the PDF is made under
    // PDF/UA alone then, and under the default set too when it may be.
    bool cmyk = false;
    for (const auto& block : doc.blocks)
        if (const auto* image = std::get_if<model::Image>(&block))
            cmyk = cmyk || image->cmyk;
    const render::PdfStandards ua_only{true, render::PdfStandards::Archive::None};
    struct Run {
        const char* format;
        render::PdfStandards standards;
    };
    std::vector<Run> runs = {{"pdf", ua_only}, {"docx", {}}};
    if (!cmyk)
        runs.push_back({"pdf", {}});
    for (const auto& [name, standards] : runs) {
        std::ostringstream out(std::ios::binary);
        render::Target target;
        target.pdf_standards = standards;
        try {
            pipeline::render(doc, style, *formats.find(name), target, out, diags);
        } catch (const Failure& f) {
            // The reader accepted the picture, so every format must take it:
            // a refusal here means the reader's checks let something through.
            std::fprintf(stderr, "%s refused an image the reader accepted: %s\n", name,
                         f.diagnostic().message.c_str());
            std::abort();
        }
    }
    return 0;
}
