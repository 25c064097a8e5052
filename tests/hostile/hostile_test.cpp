// Hostile and broken inputs through the chronik command, as a user (or an
// attacker) would hand them over, for every registered format. Each is
// refused with a clear message and exit status 1, leaves nothing in the
// output folder, and does not crash or hang; under `make test` (sanitizer
// build) nothing may be reported by AddressSanitizer or UBSan either. The
// few inputs chronik takes (a word of a megabyte, images outside the folder
// with --allow-outside-images, a font that is not installed) are rendered
// in bounded time. README, "Hardening"; docs/format.md, "Limits".
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>

using namespace chronik;
namespace fs = std::filesystem;
using test::files_in;

using namespace chronik::hostile;

TEST_CASE("hostile: XML that is not well-formed, truncated or empty") {
    test::TempDir dir;
    test::write_file(dir / "mismatched.xml",
                     chronicle("<milestone date=\"2000\"><p>x</milestone>"));
    expect_refused(dir.path(), "mismatched.xml",
                   "mismatched.xml:1: error: not well-formed XML: end tag does not match its start "
                   "tag <p>");
    const auto sample = test::read_file(test::source_dir / "data/lecos-chronik.xml");
    // Cut between characters: a cut inside one is refused as invalid UTF-8.
    std::size_t half = sample.size() / 2;
    while (half > 0 && (static_cast<unsigned char>(sample[half]) & 0xC0) == 0x80)
        --half;
    test::write_file(dir / "truncated.xml", sample.substr(0, half));
    expect_refused(dir.path(), "truncated.xml", "truncated.xml:");
    expect_refused(dir.path(), "truncated.xml", "error: not well-formed XML");
    test::write_file(dir / "empty.xml", "");
    expect_refused(dir.path(), "empty.xml",
                   "empty.xml: error: file is empty (expected a UTF-8 XML document)");
    test::write_file(dir / "blank.xml", "  \n\n ");
    expect_refused(dir.path(), "blank.xml", "error: not well-formed XML: no root element");
    test::write_file(dir / "two-roots.xml", chronicle("") + "<chronicle/>");
    expect_refused(dir.path(), "two-roots.xml", "not well-formed XML: more than one root element");
}

TEST_CASE("hostile: binary files, UTF-16 and invalid UTF-8") {
    test::TempDir dir;
    test::write_file(dir / "picture.xml", test::read_file(images / "small.png"));
    expect_refused(dir.path(), "picture.xml",
                   "picture.xml:3:1: error: file contains a NUL byte: it is not UTF-8 text");
    test::write_file(dir / "nul.xml", std::string("<chronicle>\0<title>T</title></chronicle>", 41));
    expect_refused(dir.path(), "nul.xml", "nul.xml:1:12: error: file contains a NUL byte");
    const std::string text = chronicle(milestone(""));
    test::write_file(dir / "utf16.xml", utf16le(text, true));
    expect_refused(dir.path(), "utf16.xml",
                   "utf16.xml:1:1: error: file is UTF-16 encoded; chronik reads UTF-8 only");
    test::write_file(dir / "utf16-no-bom.xml", utf16le(text, false));
    expect_refused(dir.path(), "utf16-no-bom.xml",
                   "utf16-no-bom.xml:1:2: error: file contains a NUL byte");
    test::write_file(dir / "latin1.xml", chronicle("<milestone date=\"2000\"><p>Gr\xFC\xDF"
                                                   "e</p></milestone>"));
    expect_refused(dir.path(), "latin1.xml", "latin1.xml:1:66: error: invalid UTF-8 (byte 0xFC)");
    test::write_file(dir / "declared.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
                                               chronicle(milestone("")));
    expect_refused(dir.path(), "declared.xml",
                   "declared.xml:1:31: error: the XML declaration names encoding 'ISO-8859-1'");
}

TEST_CASE("hostile: DOCTYPE with internal and external entities (billion laughs, XXE)") {
    test::TempDir dir;
    std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE chronicle [\n <!ENTITY l0 \"lol\">\n";
    for (int i = 1; i <= 9; ++i)
        laughs += " <!ENTITY l" + std::to_string(i) + " \"" + [&] {
            std::string s;
            for (int k = 0; k < 10; ++k)
                s += "&l" + std::to_string(i - 1) + ";";
            return s;
        }() + "\">\n";
    laughs += "]>\n<chronicle><title>&l9;</title><milestone "
              "date=\"2000\"><p>x</p></milestone></chronicle>\n";
    test::write_file(dir / "laughs.xml", laughs);
    expect_refused(dir.path(), "laughs.xml",
                   "laughs.xml:2:1: error: DOCTYPE and ENTITY declarations are not allowed");
    test::write_file(dir / "xxe.xml",
                     "<!DOCTYPE chronicle [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                     "<chronicle><title>&xxe;</title><milestone "
                     "date=\"2000\"><p>&xxe;</p></milestone></chronicle>\n");
    expect_refused(dir.path(), "xxe.xml",
                   "xxe.xml:1:1: error: DOCTYPE and ENTITY declarations are not allowed");
    test::write_file(dir / "dtd.xml", "<!DOCTYPE chronicle SYSTEM \"http://127.0.0.1:9/x.dtd\">\n" +
                                          chronicle(milestone("")));
    expect_refused(dir.path(), "dtd.xml",
                   "dtd.xml:1:1: error: DOCTYPE and ENTITY declarations are not allowed");
    // Without a DOCTYPE an entity is just unknown.
    test::write_file(dir / "entity.xml",
                     chronicle("<milestone date=\"2000\"><p>&xxe;</p></milestone>"));
    expect_refused(dir.path(), "entity.xml", "entity.xml:1:64: error: unknown entity '&xxe;'");
    // Nothing of /etc/passwd is ever shown.
    const auto r = run({"check", "xxe.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("root:") == std::string::npos);
}

TEST_CASE("hostile: 20,000 levels of nested inline elements") {
    test::TempDir dir;
    std::string deep;
    for (int i = 0; i < 20000; ++i)
        deep += i % 2 ? "<em>" : "<strong>";
    deep += "deep";
    for (int i = 20000 - 1; i >= 0; --i)
        deep += i % 2 ? "</em>" : "</strong>";
    test::write_file(dir / "deep.xml",
                     chronicle("<milestone date=\"2000\"><p>" + deep + "</p></milestone>"));
    expect_refused(
        dir.path(), "deep.xml",
        "deep.xml:1:636: error: not well-formed XML: elements are nested too deeply (at most "
        "98 levels)");
    // 98 levels are fine, and fast.
    std::string ok;
    for (int i = 0; i < 90; ++i)
        ok += "<em>";
    ok += "tief";
    for (int i = 0; i < 90; ++i)
        ok += "</em>";
    test::write_file(dir / "nested.xml",
                     chronicle("<milestone date=\"2000\"><p>" + ok + "</p></milestone>"));
    expect_rendered(dir.path(), "nested.xml");
}

TEST_CASE("hostile: a single word of 1 MB is set, broken at the ends of lines") {
    // Decision (docs/format.md, "Limits"): words have no length limit. In
    // the PDF a word longer than the line starts a line of its own and is
    // broken where each line ends, one box per line, so the time is linear
    // in its length; DOCX and Markdown keep it whole (the reader breaks it).
    test::TempDir dir;
    test::write_file(dir / "word.xml",
                     chronicle("<milestone date=\"2000\"><p>Vorher " + std::string(1 << 20, 'x') +
                               " nachher</p></milestone>"));
    expect_rendered(dir.path(), "word.xml", {}, 60);
    const auto md = test::read_file(dir / "out-md/word.md");
    CHECK(md.find("Vorher " + std::string(1 << 20, 'x') + " nachher") != std::string::npos);
}

TEST_CASE("hostile: an input over the size limit") {
    test::TempDir dir;
    const std::size_t limit = 16 * 1024 * 1024;
    std::string big = chronicle(milestone("<!--"));
    big.resize(limit + 1, ' ');
    test::write_file(dir / "big.xml", big);
    expect_refused(
        dir.path(), "big.xml",
        "big.xml: error: file is too large (16777217 bytes; the limit is 16777216 bytes)");
    // The same limit holds for style sheets.
    test::write_file(dir / "x.xml", chronicle(milestone("")));
    test::write_file(dir / "style.xml", big);
    expect_refused(
        dir.path(), "x.xml",
        "style.xml: error: file is too large (16777217 bytes; the limit is 16777216 bytes)",
        {"-s", "style.xml"});
}

TEST_CASE("hostile: missing and corrupt images") {
    test::TempDir dir;
    fs::create_directories(dir / "images");
    for (const auto& name :
         {"png-cut-in-data.png", "png-corrupt-deflate.png", "png-short-data.png",
          "png-bad-header.png", "png-bad-checksum.png", "png-few-pixels-big-claim.png",
          "png-too-many-pixels.png", "jpeg-cut-in-data.jpg"})
        fs::copy_file(regressions / name, dir / "images" / name);
    fs::copy_file(images / "truncated.png", dir / "images/truncated.png");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"images/missing.png",
         "image 'images/missing.png' cannot be opened: No such file or directory"},
        {"images/truncated.png", "image 'images/truncated.png' is a truncated or corrupt PNG file"},
        {"images/png-cut-in-data.png",
         "is a truncated or corrupt PNG file (a chunk runs past the end of the file)"},
        {"images/png-corrupt-deflate.png", "is a corrupt PNG file (IDAT: invalid block type)"},
        {"images/png-short-data.png", "is a corrupt PNG file (Not enough image data)"},
        {"images/png-few-pixels-big-claim.png", "is a corrupt PNG file (Not enough image data)"},
        {"images/png-bad-header.png", "is a corrupt PNG file (Invalid IHDR data)"},
        {"images/png-bad-checksum.png",
         "is a corrupt PNG file (the checksum of its IEND chunk is wrong)"},
        {"images/png-too-many-pixels.png",
         "is too large (10000x5000 pixels; the limit is 40000000 pixels)"},
        {"images/jpeg-cut-in-data.jpg", "is a truncated JPEG file (it ends inside its image data)"},
    };
    for (const auto& [src, message] : cases) {
        test::write_file(dir / "x.xml", with_image(src));
        expect_refused(dir.path(), "x.xml", "x.xml:1:79: error: ");
        expect_refused(dir.path(), "x.xml", message);
    }
    // A PNG padded to more than 256 MiB (a sparse file: nothing is written).
    fs::copy_file(images / "small.png", dir / "images/padded.png");
    fs::resize_file(dir / "images/padded.png", 256ull * 1024 * 1024 + 1);
    test::write_file(dir / "x.xml", with_image("images/padded.png"));
    expect_refused(dir.path(), "x.xml",
                   "image 'images/padded.png' is too large (268435457 bytes; the limit is "
                   "268435456 bytes)");
}

TEST_CASE("hostile: files that only pretend to be PNG or JPEG, kinds PDF cannot take, and 16-bit "
          "or interlaced PNGs it converts") {
    test::TempDir dir;
    fs::create_directories(dir / "images");
    test::write_file(dir / "images/text.png", "just some text, not a picture\n");
    test::write_file(dir / "images/signature-only.png", "\x89PNG\r\n\x1a\n");
    test::write_file(dir / "images/soi-only.jpg", "\xFF\xD8\xFF");
    test::write_file(dir / "images/script.jpg", "#!/bin/sh\necho hello\n");
    fs::copy_file(images / "fake.png", dir / "images/fake.png");
    fs::copy_file(images / "fake.jpg", dir / "images/fake.jpg");
    fs::copy_file(images / "deep16.png", dir / "images/deep16.png");
    fs::copy_file(regressions / "png-interlaced.png", dir / "images/interlaced.png");
    fs::copy_file(regressions / "jpeg-lossless.jpg", dir / "images/lossless.jpg");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"images/text.png", "image 'images/text.png' is neither a PNG nor a JPEG image"},
        {"images/script.jpg", "image 'images/script.jpg' is neither a PNG nor a JPEG image"},
        {"images/fake.png", "is neither a PNG nor a JPEG image"},
        {"images/fake.jpg", "is neither a PNG nor a JPEG image"},
        {"images/signature-only.png",
         "is a truncated or corrupt PNG file (it ends before its IEND chunk)"},
        {"images/soi-only.jpg", "is a truncated or corrupt JPEG file (no frame header)"},
        {"images/lossless.jpg", "is a lossless, hierarchical or arithmetic-coded JPEG, which PDF "
                                "viewers cannot show"},
    };
    for (const auto& [src, message] : cases) {
        test::write_file(dir / "x.xml", with_image(src));
        expect_refused(dir.path(), "x.xml", message);
    }
    // 16-bit and interlaced PNGs are taken: the PDF embeds them as 8-bit
    // images (pdfimages lists them so, pdftoppm draws the page), DOCX and
    // Markdown carry the files as they are.
    for (const char* src : {"images/deep16.png", "images/interlaced.png"}) {
        CAPTURE(src);
        test::write_file(dir / "deep.xml", with_image(src));
        expect_rendered(dir.path(), "deep.xml");
        const fs::path pdf = dir / "out-pdf/deep.pdf";
        REQUIRE(fs::exists(pdf));
        const std::string list = (dir / "list.txt").string();
        REQUIRE(std::system(("pdfimages -list '" + pdf.string() + "' > '" + list + "'").c_str()) ==
                0);
        const std::string images_listed = test::read_file(list);
        CAPTURE(images_listed);
        // "page num type width height color comp bpc ...": bpc 8.
        std::istringstream rows(images_listed);
        std::string line;
        int found = 0;
        while (std::getline(rows, line)) {
            std::istringstream f(line);
            std::string page, num, type, w, h, color, comp, bpc;
            if (f >> page >> num >> type >> w >> h >> color >> comp >> bpc && type == "image") {
                CHECK(bpc == "8");
                ++found;
            }
        }
        CHECK(found == 1);
        CHECK(std::system(("pdftoppm -r 20 '" + pdf.string() + "' '" + (dir / "page").string() +
                           "' 2>&1 | grep -q . && exit 1 || exit 0")
                              .c_str()) == 0);
        const fs::path docx = dir / "out-docx/deep.docx";
        REQUIRE(fs::exists(docx));
        CHECK(std::system(("unzip -p '" + docx.string() + "' word/media/image1.png | cmp -s - '" +
                           (dir / src).string() + "'")
                              .c_str()) == 0);
    }
    // By content, not by name: a real PNG called .jpg is fine.
    fs::copy_file(images / "small.png", dir / "images/really-a-png.jpg");
    test::write_file(dir / "named.xml", with_image("images/really-a-png.jpg"));
    expect_rendered(dir.path(), "named.xml");
}

TEST_CASE("hostile: a chronicle that is a FIFO, a device or a folder") {
    // Opening a FIFO for reading waits for a writer: never, here.
    test::TempDir dir;
    REQUIRE(mkfifo((dir / "pipe.xml").c_str(), 0600) == 0);
    expect_refused(dir.path(), "pipe.xml",
                   "pipe.xml: error: is not a regular file (a FIFO or a device?)");
    expect_refused(dir.path(), "/dev/zero", "/dev/zero: error: is not a regular file");
    fs::create_directories(dir / "folder.xml");
    expect_refused(dir.path(), "folder.xml", "folder.xml: error: is a folder, not a file");
}

TEST_CASE("hostile: image paths that are folders, FIFOs or devices") {
    test::TempDir dir;
    fs::create_directories(dir / "images/folder.png");
    test::write_file(dir / "x.xml", with_image("images/folder.png"));
    expect_refused(dir.path(), "x.xml", "image 'images/folder.png' is a folder, not an image file");
    // A FIFO nobody writes to: opening it must not block the reader.
    REQUIRE(mkfifo((dir / "images/pipe.png").c_str(), 0600) == 0);
    test::write_file(dir / "x.xml", with_image("images/pipe.png"));
    expect_refused(dir.path(), "x.xml", "image 'images/pipe.png' is not a regular file");
    test::write_file(dir / "x.xml", with_image("/dev/zero"));
    expect_refused(dir.path(), "x.xml", "image '/dev/zero' is not a regular file",
                   {"--allow-outside-images"});
}

TEST_CASE("hostile: image paths that are absolute or lead outside the chronicle's folder") {
    test::TempDir dir;
    fs::create_directories(dir / "book/images");
    fs::copy_file(images / "small.png", dir / "outside.png");
    fs::copy_file(images / "small.png", dir / "book/images/inside.png");
    const std::string absolute = (dir / "outside.png").string();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {absolute, "image path '" + absolute +
                       "' is absolute; give it relative to the chronicle's "
                       "folder (or allow it with --allow-outside-images)"},
        {"/etc/passwd", "image path '/etc/passwd' is absolute"},
        {"../outside.png",
         "image path '../outside.png' leads outside the chronicle's folder (allow "
         "it with --allow-outside-images)"},
        {"images/../../outside.png", "image path 'images/../../outside.png' leads outside the "
                                     "chronicle's folder"},
    };
    for (const auto& [src, message] : cases) {
        test::write_file(dir / "book/x.xml", with_image(src));
        expect_refused(dir.path(), "book/x.xml", "book/x.xml:1:79: error: " + message);
    }
    // A symbolic link inside the folder that leads out of it.
    fs::create_symlink(dir / "outside.png", dir / "book/images/link.png");
    test::write_file(dir / "book/x.xml", with_image("images/link.png"));
    expect_refused(dir.path(), "book/x.xml",
                   "image path 'images/link.png' leads outside the chronicle's folder through a "
                   "symbolic link (allow it with --allow-outside-images)");
    // --allow-outside-images lets them through (they must still be images).
    for (const std::string& src :
         {absolute, std::string("../outside.png"), std::string("images/link.png")}) {
        test::write_file(dir / "book/x.xml", with_image(src));
        expect_rendered(dir.path(), "book/x.xml", {"--allow-outside-images"});
    }
    test::write_file(dir / "book/x.xml", with_image("/etc/passwd"));
    expect_refused(dir.path(), "book/x.xml",
                   "image '/etc/passwd' is neither a PNG nor a JPEG image",
                   {"--allow-outside-images"});
    // Inside is fine without the option.
    test::write_file(dir / "book/x.xml", with_image("images/inside.png"));
    expect_rendered(dir.path(), "book/x.xml");
}

TEST_CASE("hostile: a style sheet naming a font family that is not installed") {
    // PDF only: the other formats name fonts without embedding them.
    test::TempDir dir;
    test::write_file(dir / "x.xml", chronicle(milestone("")));
    test::write_file(
        dir / "style.xml",
        "<style name=\"odd\"><role name=\"body\" family=\"Nonexistent Sans 4711\"/></style>\n");
    fs::create_directories(dir / "out");
    const auto r =
        run({"render", "x.xml", "-f", "pdf", "-s", "style.xml", "-o", "out"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(files_in(dir / "out") == std::vector<std::string>{"x.pdf"});
    // A warning naming both fonts: the one asked for and the one used.
    const auto at =
        r.err.find("warning: font family 'Nonexistent Sans 4711' is not installed; using '");
    REQUIRE_MESSAGE(at != std::string::npos, r.err);
    const auto name_at = r.err.find("using '", at) + 7;
    const auto name_end = r.err.find('\'', name_at);
    CHECK(name_end > name_at); // the fallback has a name
    CHECK(r.err.find("' instead", name_end) == name_end);
    CHECK(sanitizers_quiet(r.err));
    // A style sheet that is not one is refused for every format.
    test::write_file(dir / "broken.xml", "<style><role name=\"body\" size=\"12pt\"></style>");
    expect_refused(dir.path(), "x.xml", "broken.xml:1: error: not well-formed XML",
                   {"-s", "broken.xml"});
    test::write_file(dir / "binary.xml", test::read_file(images / "small.jpg"));
    expect_refused(dir.path(), "x.xml", "binary.xml:1:5: error: file contains a NUL byte",
                   {"-s", "binary.xml"});
}

TEST_CASE(
    "hostile: a PDF of more pages than the limit is refused, other formats have no page limit") {
    // Two pictures half a page tall per page: 4,200 of them make more than
    // 2,000 pages. The layout stops as soon as it knows.
    test::TempDir dir;
    fs::create_directories(dir / "images");
    fs::copy_file(regressions / "tall.png", dir / "images/tall.png");
    std::string pictures;
    for (int i = 0; i < 4200; ++i)
        pictures += "<image src=\"images/tall.png\" alt=\"\"/>";
    test::write_file(dir / "long.xml", chronicle(milestone(pictures)));
    fs::create_directories(dir / "out");
    const auto r = run({"render", "long.xml", "-f", "pdf", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        r.err.find("long.xml: error: the document would have more than 2000 pages; the "
                   "limit is 2000 (render a part of it with --from, --to or --category)") !=
            std::string::npos,
        r.err);
    CHECK(files_in(dir / "out").empty());
    CHECK(r.seconds < 60);
    CHECK(sanitizers_quiet(r.err));
    for (const auto* format : {"md", "docx"}) {
        CAPTURE(format);
        const auto ok = run({"render", "long.xml", "-q", "-f", format, "-o", "out"}, dir.path());
        CHECK_MESSAGE(ok.status == 0, ok.err);
    }
    // Lines nearly as tall as the text area (a style's leading) have a page
    // each: 300 of them are 300 pages, not "more than 2000". (Taller ones
    // are refused: style_sheet_test.cpp.)
    test::write_file(dir / "tall-lines.xml", chronicle("<milestone date=\"2000\"><p>" + [] {
                         std::string lines;
                         for (int i = 0; i < 300; ++i)
                             lines += "x<br/>";
                         return lines;
                     }() + "</p></milestone>"));
    test::write_file(dir / "tall.xml",
                     "<style><page width=\"60mm\" height=\"60mm\" margin-top=\"10mm\" "
                     "margin-bottom=\"10mm\" margin-inner=\"10mm\" margin-outer=\"10mm\"/>"
                     "<role name=\"body\" leading=\"100pt\"/></style>");
    const auto tall = run(
        {"render", "tall-lines.xml", "-q", "-f", "pdf", "-s", "tall.xml", "-o", "out"}, dir.path());
    CHECK_MESSAGE(tall.status == 0, tall.err.substr(0, 1000));
    CHECK(fs::exists(dir / "out/tall-lines.pdf"));
    // Just under the limit is fine.
    pictures.clear();
    for (int i = 0; i < 100; ++i)
        pictures += "<image src=\"images/tall.png\" alt=\"\"/>";
    test::write_file(dir / "short.xml", chronicle(milestone(pictures)));
    expect_rendered(dir.path(), "short.xml");
}

TEST_CASE("hostile: texts longer than a PDF string holds are refused by name in the PDF") {
    // libharu failed with "libharu error 0x105B"; other formats take them.
    test::TempDir dir;
    const std::string title(70000, 'T');
    test::write_file(dir / "title.xml",
                     "<chronicle><title>" + title + "</title>" + milestone("") + "</chronicle>");
    fs::create_directories(dir / "out");
    auto r = run({"render", "title.xml", "-f", "pdf", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("title.xml: error: the title is 70000 bytes long; a PDF string holds "
                             "at most 65535 bytes") != std::string::npos,
                  r.err.substr(0, 1000));
    CHECK(files_in(dir / "out").empty());
    for (const auto* format : {"md", "docx"}) {
        CAPTURE(format);
        const auto ok = run({"render", "title.xml", "-q", "-f", format, "-o", "other"}, dir.path());
        CHECK_MESSAGE(ok.status == 0, ok.err.substr(0, 1000));
    }
}

TEST_CASE("hostile: a link target longer than 2083 characters is refused at its place, in every "
          "format") {
    // A 70 KB (and the 10 MB) href went into the DOCX's relationships
    // unchanged, and the PDF refused it only past 65535 bytes. Word and
    // Windows open addresses of at most 2083 characters (uri::max_link_length).
    test::TempDir dir;
    const std::string href = "https://example.org/" + std::string(70000, 'a');
    test::write_file(dir / "link.xml", chronicle("<milestone date=\"2000\"><p><a href=\"" + href +
                                                 "\">x</a></p></milestone>"));
    expect_refused(dir.path(), "link.xml",
                   "link.xml:1:67: error: the link target 'https://example.org/aaaaaaaaaaaaaaaaaaaa"
                   "\u2026' is 70020 characters long; links may have at most 2083 (Word's and "
                   "Windows' limit)");
    // 2083 characters render in every format (the HTML page, the timeline,
    // Markdown and the PDF keep the whole address).
    const std::string longest = "https://example.org/" + std::string(2083 - 20, 'b');
    test::write_file(dir / "longest.xml", chronicle("<milestone date=\"2000\"><p><a href=\"" +
                                                    longest + "\">x</a></p></milestone>"));
    expect_rendered(dir.path(), "longest.xml");
}

TEST_CASE("hostile: start tags with too many attributes, stray end tags, markup declarations") {
    test::TempDir dir;
    std::string attrs;
    for (int i = 0; i < 40; ++i)
        attrs += " a" + std::to_string(i) + "=\"\"";
    test::write_file(dir / "attrs.xml", "<chronicle" + attrs + "><title>T</title></chronicle>\n");
    expect_refused(dir.path(), "attrs.xml",
                   "attrs.xml:1:1: error: <chronicle> has 40 attributes; the limit is 32");
    fs::copy_file(regressions / "end-tag-after-root.xml", dir / "after.xml");
    expect_refused(dir.path(), "after.xml",
                   "after.xml:1:83: error: not well-formed XML: end tag </x> has no start tag");
    fs::copy_file(regressions / "root-end-tag-only.xml", dir / "only.xml");
    expect_refused(
        dir.path(), "only.xml",
        "only.xml:1:1: error: not well-formed XML: end tag </imlmlestone> has no start tag");
    fs::copy_file(regressions / "markup-declaration.xml", dir / "decl.xml");
    expect_refused(dir.path(), "decl.xml", "decl.xml:1:55: error: unsupported markup declaration");
}

TEST_CASE("hostile: long lines of many elements, attributes or errors take linear time") {
    // Columns used to be found by scanning each element's line from its
    // start, and attribute columns likewise: a few megabytes on one line
    // took minutes. Now one pass over the text; each file below, about
    // 4 MB on one line, is read in well under the limit (even sanitized).
    test::TempDir dir;
    std::string many;
    for (int i = 0; i < 200000; ++i)
        many += "<em>x</em> ";
    test::write_file(dir / "elements.xml",
                     chronicle("<milestone date=\"2000\"><p>" + many + "</p></milestone>"));
    auto r = run({"check", "elements.xml"}, dir.path());
    CHECK_MESSAGE(r.status == 0, r.err.substr(0, 2000));
    CHECK(r.seconds < 30);
    many.clear();
    for (int i = 0; i < 200000; ++i)
        many += "<b>x</b>";
    test::write_file(dir / "errors.xml",
                     chronicle("<milestone date=\"2000\"><p>" + many + "</p></milestone>"));
    r = run({"check", "errors.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("errors.xml:1:1600056: error: <b> is not allowed in <p>") !=
          std::string::npos);
    CHECK(r.seconds < 30);
    many.clear();
    for (int i = 0; i < 100000; ++i)
        many += "<milestone date=\"2000\" a=\"\" b=\"\" c=\"\" d=\"\"><p>x</p></milestone>";
    test::write_file(dir / "attributes.xml", chronicle(many));
    r = run({"check", "attributes.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("error: unknown attribute 'd' on <milestone>") != std::string::npos);
    CHECK(r.seconds < 30);
    CHECK(sanitizers_quiet(r.err.substr(r.err.size() > 100000 ? r.err.size() - 100000 : 0)));
}
