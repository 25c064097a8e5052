// The fonts chronik embeds in PDFs (its TrueType subsets are tested in
// truetype_subset_test.cpp): the font dictionaries the PDF writer
// makes (widths and glyph ids as FreeType has them), the trailer's /ID, and
// stream compression that does not depend on the number of threads.
#include "helpers.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "render/pdf/stream_compression.hpp"
#include "text/font_set.hpp"

#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <zlib.h>

#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

using namespace chronik;
using namespace chronik::render::pdf;
namespace fs = std::filesystem;

namespace {

std::string charis_path(const char* style = "Regular") {
    text::FontSet fonts;
    return fonts
        .at(fonts.face(style::Font{"Charis SIL", std::string(style) == "Bold",
                                   std::string(style) == "Italic"}))
        .path();
}

struct Library {
    FT_Library lib = nullptr;
    Library() { REQUIRE(FT_Init_FreeType(&lib) == 0); }
    ~Library() { FT_Done_FreeType(lib); }
};

struct Face {
    FT_Face face = nullptr;
    // `bytes` must outlive the face.
    Face(const Library& l, const std::string& bytes) {
        REQUIRE(FT_New_Memory_Face(l.lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                                   static_cast<FT_Long>(bytes.size()), 0, &face) == 0);
    }
    ~Face() { FT_Done_Face(face); }
};

} // namespace

TEST_CASE("stream compression: the same bytes whatever the number of threads, and they inflate") {
    std::vector<std::string> plains;
    for (int p = 0; p < 7; ++p) {
        std::string s;
        for (int i = 0; i < 2000 * (p + 1); ++i)
            s += std::to_string(i % 500) + " " + std::to_string(p * 10 + i % 7) + " m " +
                 std::to_string(i % 300) + " l S\n";
        plains.push_back(s);
    }
    plains.emplace_back(); // an empty stream too
    auto make = [&](unsigned threads) {
        StreamCompression compression(threads);
        const std::size_t first = compression.take(plains[0]);
        CHECK(first == 0);
        const auto rest =
            compression.take(std::vector<std::string>(plains.begin() + 1, plains.end()));
        REQUIRE(rest.size() == plains.size() - 1);
        REQUIRE(compression.finish());
        std::vector<std::string> packed{compression.packed(first)};
        for (std::size_t id : rest)
            packed.push_back(compression.packed(id));
        return packed;
    };
    const auto one = make(1);
    CHECK(make(3) == one);
    REQUIRE(one.size() == plains.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        CAPTURE(i);
        std::string back(plains[i].size() + 16, '\0');
        uLongf size = back.size();
        REQUIRE(uncompress(reinterpret_cast<Bytef*>(back.data()), &size,
                           reinterpret_cast<const Bytef*>(one[i].data()), one[i].size()) == Z_OK);
        back.resize(size);
        CHECK(back == plains[i]);
        if (plains[i].size() > 1000)
            CHECK(one[i].size() < plains[i].size() / 2);
    }
}

TEST_CASE("pdf: the sample's fonts are small subsets, and every glyph shown is in them") {
    test::require_tool("qpdf", "qpdf");
    test::TempDir dir;
    const auto run =
        test::run_chronik({"render", (test::source_dir / "data/lecos-chronik.xml").string(), "-f",
                           "pdf", "-o", dir.path().string()},
                          fs::current_path(), "SOURCE_DATE_EPOCH=1700000000");
    REQUIRE(run.status == 0);
    const fs::path qdf = dir / "qdf.pdf";
    REQUIRE(std::system(("qpdf --qdf --object-streams=disable '" +
                         (dir / "lecos-chronik.pdf").string() + "' '" + qdf.string() + "'")
                            .c_str()) == 0);
    const std::string pdf = test::read_file(qdf);
    // Objects of the QDF file: "N 0 obj\n<< ... >>\n[stream\n...\nendstream]".
    auto object = [&](const std::string& id) {
        const auto at = pdf.find("\n" + id + " 0 obj\n");
        REQUIRE(at != std::string::npos);
        const auto end = pdf.find("\nendobj", at);
        return pdf.substr(at, end - at);
    };
    auto ref = [](const std::string& dict, const std::string& key) {
        const auto at = dict.find(key + " ");
        REQUIRE(at != std::string::npos);
        const auto from = at + key.size() + 1;
        return dict.substr(from, dict.find(' ', from) - from);
    };
    auto data = [&](const std::string& obj) {
        const auto at = obj.find("stream\n");
        REQUIRE(at != std::string::npos);
        const auto end = obj.rfind("\nendstream");
        return obj.substr(at + 7, end - at - 7);
    };
    Library lib;
    int fonts = 0;
    for (auto at = pdf.find("/Subtype /CIDFontType2"); at != std::string::npos;
         at = pdf.find("/Subtype /CIDFontType2", at + 1)) {
        const auto start = pdf.rfind(" 0 obj\n", at);
        const auto id =
            pdf.substr(pdf.rfind('\n', start - 1) + 1, start - pdf.rfind('\n', start - 1) - 1);
        const std::string cid_font = object(id);
        const std::string descriptor = object(ref(cid_font, "/FontDescriptor"));
        CHECK(descriptor.find("/CapHeight ") != std::string::npos);
        const std::string program = data(object(ref(descriptor, "/FontFile2")));
        const std::string map = data(object(ref(cid_font, "/CIDToGIDMap")));
        CAPTURE(descriptor.substr(0, 200));
        CHECK(program.size() < 70000); // libharu's own subset: 130 KB a face
        Face face(lib, program);
        // The face the subset was made from, by the style in its name.
        const std::string name = ref(descriptor, "/FontName");
        const char* style = name.find("Bold") != std::string::npos     ? "Bold"
                            : name.find("Italic") != std::string::npos ? "Italic"
                                                                       : "Regular";
        CAPTURE(name);
        const std::string original_path = charis_path(style);
        const std::string original_bytes = test::read_file(original_path);
        Face original(lib, original_bytes);
        const text::FontFace measured(original_path);
        // /W: "c [w ...]" runs; every width is FontFace::advance, and every
        // code listed has its glyph in the CIDToGIDMap as FreeType finds it.
        const auto w_at = cid_font.find("/W [");
        REQUIRE(w_at != std::string::npos);
        std::istringstream w(cid_font.substr(w_at + 4));
        int widths = 0;
        for (std::string token; w >> token && token != "]";) {
            REQUIRE(token != "[");
            long code = std::stol(token);
            const bool opened = (w >> token) && token == "[";
            REQUIRE(opened);
            for (; w >> token && token != "]"; ++code) {
                CAPTURE(code);
                CHECK(std::stoi(token) == measured.advance(static_cast<char32_t>(code)));
                REQUIRE(static_cast<std::size_t>(code) * 2 + 1 < map.size());
                const unsigned gid = static_cast<unsigned char>(map[code * 2]) << 8 |
                                     static_cast<unsigned char>(map[code * 2 + 1]);
                CHECK(gid == FT_Get_Char_Index(original.face, static_cast<FT_ULong>(code)));
                ++widths;
            }
        }
        CHECK(widths > 10);
        int glyphs = 0;
        for (std::size_t cid = 0; cid * 2 + 1 < map.size(); ++cid) {
            const unsigned gid = static_cast<unsigned char>(map[cid * 2]) << 8 |
                                 static_cast<unsigned char>(map[cid * 2 + 1]);
            if (gid == 0)
                continue;
            CAPTURE(cid);
            ++glyphs;
            CHECK(FT_Get_Char_Index(face.face, cid) == gid);
            CHECK(FT_Get_Char_Index(original.face, cid) == gid);
            REQUIRE(FT_Load_Glyph(face.face, gid, FT_LOAD_NO_SCALE) == 0);
            if (cid != 0x20 && cid != 0xA0)
                CHECK(face.face->glyph->outline.n_points > 0);
        }
        CHECK(glyphs > 10);
        ++fonts;
    }
    CHECK(fonts >= 3);
}

TEST_CASE(
    "pdf: the trailer's /ID is two equal digests, the same for the same input, other for another") {
    test::TempDir dir;
    auto render = [&](const std::string& input, const std::string& out) {
        const auto run =
            test::run_chronik({"render", input, "-f", "pdf", "-o", (dir / out).string(), "-q"},
                              fs::current_path(), "SOURCE_DATE_EPOCH=1700000000");
        REQUIRE(run.status == 0);
        const fs::path pdf = dir / out / (fs::path(input).stem().string() + ".pdf");
        const std::string bytes = test::read_file(pdf);
        const auto at = bytes.rfind("/ID [");
        REQUIRE(at != std::string::npos);
        const auto end = bytes.find(']', at);
        REQUIRE(end != std::string::npos);
        std::istringstream in(bytes.substr(at + 5, end - at - 5));
        std::string first, second, more;
        in >> first >> second;
        const bool extra = static_cast<bool>(in >> more);
        CHECK_FALSE(extra);
        CHECK(first.size() == 34); // <32 hex digits>
        CHECK(first.front() == '<');
        CHECK(first == second);
        return std::pair{bytes, first};
    };
    const std::string sample = (test::source_dir / "data/lecos-chronik.xml").string();
    const auto [a, id_a] = render(sample, "a");
    const auto [b, id_b] = render(sample, "b");
    CHECK(a == b);
    CHECK(id_a == id_b);
    const auto [c, id_c] = render((test::source_dir / "tests/cases/rich/input.xml").string(), "c");
    CHECK(id_c != id_a);
    // Every byte counts: a link target of the same length, which changes
    // no stream (it is an annotation), changes the /ID.
    const fs::path rich = test::source_dir / "tests/cases/rich";
    std::string xml = test::read_file(rich / "input.xml");
    const auto link = xml.find("https://example.org/launch");
    REQUIRE(link != std::string::npos);
    xml.replace(link, 26, "https://example.net/launch");
    fs::create_directories(dir / "d");
    fs::copy(rich / "images", dir / "d/images", fs::copy_options::recursive);
    test::write_file(dir / "d/input.xml", xml);
    const auto [e, id_e] = render((dir / "d/input.xml").string(), "e");
    CHECK(e.size() == c.size());
    CHECK(id_e != id_c);
}

TEST_CASE("PdfWriter: boxes, and the structure tree with its ParentTree") {
    PdfWriter pdf;
    PageBoxes boxes;
    boxes.media = Box{0, 0, 300, 400};
    boxes.trim = Box{10, 10, 290, 390};
    const auto one = pdf.add_page(boxes);
    const auto two = pdf.add_page(boxes);
    pdf.set_content(one, "/P <</MCID 0>> BDC 0 0 m 100 100 l S EMC\n");
    pdf.set_content(two, "/P <</MCID 0>> BDC 0 0 m 100 100 l S EMC\n");
    const auto link = pdf.add_internal_link(one, Box{0, 0, 50, 20}, two, 300, "Seite zwei");
    using Tree = PdfWriter::StructureTree;
    Tree tree;
    tree.elements.push_back({"Document", 0, {}, {}, {}, {}, {}, {}});
    tree.elements.push_back({"P", 0, {}, {}, {}, {}, one, {}});
    tree.elements.push_back({"Figure", 0, "Größe", "en", {}, Box{1, 2, 3, 4}, two, {}});
    tree.elements[0].kids = {{Tree::Kid::Kind::Element, 1, 0}, {Tree::Kid::Kind::Element, 2, 0}};
    // The paragraph's content goes on onto page two (an MCR there).
    tree.elements[1].kids = {{Tree::Kid::Kind::Content, 0, one},
                             {Tree::Kid::Kind::Annotation, link, one}};
    tree.elements[2].kids = {{Tree::Kid::Kind::Content, 0, two}};
    tree.page_content = {{1}, {2}};
    tree.annotations = {{link, 1}};
    pdf.set_structure(tree);
    std::ostringstream out;
    pdf.save(out);
    test::TempDir dir;
    test::write_file(dir / "w.pdf", out.str());
    CHECK(std::system(("qpdf --check '" + (dir / "w.pdf").string() + "' >/dev/null").c_str()) == 0);
    REQUIRE(std::system(("qpdf --qdf --object-streams=disable '" + (dir / "w.pdf").string() +
                         "' '" + (dir / "q.pdf").string() + "'")
                            .c_str()) == 0);
    const std::string q = test::read_file(dir / "q.pdf");
    CHECK(q.find("/Type /StructTreeRoot") != std::string::npos);
    CHECK(q.find("/S /Figure") != std::string::npos);
    CHECK(out.str().find("/Alt <FEFF0047007200F600DF0065>") != std::string::npos); // as written
    CHECK(out.str().find("/Lang <FEFF0065006E>") != std::string::npos);            // as written
    CHECK(out.str().find("/BBox [1 2 3 4]") != std::string::npos);                 // as written
    CHECK(q.find("/Type /OBJR") != std::string::npos);
    CHECK(q.find("/StructParents 1") != std::string::npos);
    CHECK(q.find("/StructParent 2") != std::string::npos);
    CHECK(q.find("/ParentTreeNextKey 3") != std::string::npos);
    CHECK(q.find("/Tabs /S") != std::string::npos);
    CHECK(q.find("/Contents <feff") != std::string::npos); // the link's description
    CHECK(q.find("/F 4") != std::string::npos);            // printable
    CHECK(q.find("/TrimBox [") != std::string::npos);
    CHECK(q.find("/ID [") != std::string::npos);
}

TEST_CASE("pdf writer: a refusal of the PDF library says what it means, with the code after it") {
    PdfWriter pdf;
    try {
        pdf.add_png("not a PNG at all");
        FAIL("add_png took bytes that are no PNG");
    } catch (const WriterError& e) {
        CHECK(e.call() == "load PNG image");
        CHECK(e.reason() == "the PDF library cannot read this PNG");
        CHECK(e.code_text().rfind("(libharu error 0x", 0) == 0);
        CHECK(std::string(e.what()).find("load PNG image failed: the PDF library cannot read "
                                         "this PNG (libharu error 0x") ==
              std::string("PDF: ").size());
    }
    // The error does not stick: the writer goes on and saves a valid file.
    pdf.add_page({Box{0, 0, 100, 100}, {}, {}});
    std::ostringstream out;
    pdf.save(out);
    CHECK(out.str().rfind("%PDF-", 0) == 0);
}
