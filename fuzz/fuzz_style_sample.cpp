// libFuzzer target: random style sheets with the sample chronicle. The
// input's bytes choose a built-in sheet and mutations of its numbers (page
// size, margins, each role's size, leading and spacing, fonts from the
// installed set and one that is not, the design and its tunables); a sheet
// the reader accepts is composed with data/lecos-chronik.xml, laid out in
// its design and rendered into every format in memory. It must not crash,
// take long (docs/styles.md: linear in the document), or lose text: every
// line of text the layout places must lie on its page.
#include "design/design.hpp"
#include "pipeline/pipeline.hpp"
#include "render/renderer.hpp"
#include "style/style_reader.hpp"
#include "text/font_set.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <variant>

namespace {

using namespace chronik;

const chronicle::Chronicle& sample() {
    static const chronicle::Chronicle c = [] {
        Diagnostics d;
        auto r = pipeline::load(CHRONIK_SOURCE_DIR "/data/lecos-chronik.xml", d);
        if (!r)
            std::abort();
        return *r;
    }();
    return c;
}

// The input's bytes, read as choices (0 when used up).
struct Bytes {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t at = 0;
    unsigned next() { return at < size ? data[at++] : 0; }
    // A number in [lo, hi], coarse or fine.
    double in(double lo, double hi) {
        const unsigned a = next(), b = next();
        return lo + (hi - lo) * ((a << 8) | b) / 65535.0;
    }
};

std::string num(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    return buf;
}

std::string sheet(Bytes& in) {
    static const char* const families[] = {
        "Charis SIL",           "DejaVu Sans", "DejaVu Serif",       "DejaVu Sans Mono",
        "DejaVu Math TeX Gyre", "OpenSymbol",  "No Such Family 4711"};
    static const char* const roles[] = {
        "title",           "subtitle", "organization", "intro", "period-heading", "milestone-date",
        "milestone-title", "body",     "caption",      "toc",   "header",         "footer"};
    std::string s = "<style name=\"fuzz\" version=\"1\">\n";
    const unsigned flags = in.next();
    if (flags & 1) {
        s += "<page width=\"" + num(in.in(50, 400)) + "mm\" height=\"" + num(in.in(50, 400)) +
             "mm\" margin-top=\"" + num(in.in(0, 60)) + "mm\" margin-bottom=\"" +
             num(in.in(0, 60)) + "mm\" margin-inner=\"" + num(in.in(0, 60)) +
             "mm\" margin-outer=\"" + num(in.in(0, 60)) + "mm\"/>\n";
    } else if (flags & 2) {
        s += "<page size=\"A5\"/>\n";
    }
    s += std::string("<document title-page=\"") + (flags & 4 ? "false" : "true") + "\" toc=\"" +
         (flags & 8 ? "false" : "true") + "\"/>\n";
    if (flags & 16) {
        s += "<design name=\"factsheet\"><set name=\"milestones\" value=\"" +
             std::to_string(1 + in.next() % 30) + "\"/><set name=\"date-column\" value=\"" +
             num(in.in(10, 80)) + "mm\"/><set name=\"band-padding\" value=\"" + num(in.in(0, 40)) +
             "mm\"/></design>\n";
    } else if (flags & 32) {
        s += "<design name=\"brochure\"><set name=\"rail-width\" value=\"" + num(in.in(0, 60)) +
             "mm\"/><set name=\"one-liner-date-width\" value=\"" + num(in.in(5, 100)) +
             "mm\"/><set name=\"image-max-height\" value=\"" + num(in.in(0.05, 1)) +
             "\"/></design>\n";
    }
    for (const char* role : roles) {
        const unsigned what = in.next();
        if (!(what & 1))
            continue;
        const double size = in.in(2, (what & 2) ? 400 : 40);
        s += std::string("<role name=\"") + role + "\" size=\"" + num(size) + "pt\" leading=\"" +
             num(size * in.in(0.5, 3)) + "pt\"";
        if (what & 4)
            s += " space-before=\"" + num(in.in(0, 500)) + "pt\" space-after=\"" +
                 num(in.in(0, 60)) + "pt\"";
        if (what & 8)
            s += std::string(" family=\"") + families[in.next() % std::size(families)] + "\"";
        if (what & 16)
            s += std::string(" weight=\"") + (what & 32 ? "bold" : "regular") + "\" slant=\"" +
                 (what & 64 ? "italic" : "normal") + "\"";
        if (what & 128)
            s += " align=\"" + std::string(in.next() % 2 ? "justify" : "center") +
                 "\" hyphenate=\"true\"";
        s += "/>\n";
    }
    return s + "</style>\n";
}

// Every text the layout placed lies on its page: text set off the page is
// text the reader never sees.
void check_on_pages(const layout::PageTree& tree) {
    for (const auto& page : tree.pages)
        for (const auto& item : page.items)
            if (const auto* t = std::get_if<layout::TextItem>(&item))
                if (t->x < 0 || t->x >= page.width || t->y < 0 || t->y > page.height) {
                    std::fprintf(stderr, "text '%s' at (%lld, %lld) off page %d (%lld x %lld)\n",
                                 t->text.c_str(), static_cast<long long>(t->x),
                                 static_cast<long long>(t->y), page.number,
                                 static_cast<long long>(page.width),
                                 static_cast<long long>(page.height));
                    std::abort();
                }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in{data, size};
    const auto start = std::chrono::steady_clock::now();
    Diagnostics diags;
    const std::string text = sheet(in);
    if (std::getenv("FUZZ_STYLE_PRINT")) // the sheet an input makes, to reproduce a finding
        std::fputs(text.c_str(), stderr);
    const auto s = style::read_style_text(text, "fuzz-style.xml", diags);
    if (s.has_value() == diags.has_errors())
        std::abort();
    if (!s)
        return 0;
    compose::Options options;
    options.epoch = 1700000000;
    const auto doc = pipeline::document(sample(), *s, options, diags);
    {
        // The layout itself, to look at where the text went.
        text::FontSet fonts;
        const auto hyphenation = text::Hyphenator::for_language(doc.meta.language);
        const design::Design* d = design::find_design(s->design);
        if (!d)
            std::abort();
        try {
            check_on_pages(d->lay_out({doc, *s, fonts, hyphenation.get(), diags, 1}));
        } catch (const std::runtime_error&) {
            // a refusal with a message (the page limit)
        }
    }
    static const auto formats = render::builtin_registry();
    for (const auto* r : formats.all()) {
        std::ostringstream out(std::ios::binary);
        try {
            pipeline::render(doc, *s, *r, {}, out, diags);
        } catch (const Failure& f) {
            if (f.diagnostic().message.empty())
                std::abort();
        }
    }
    // Linear in the document: the sample in every format takes well under a
    // second; a minute means a loop without progress.
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(60))
        std::abort();
    return 0;
}
