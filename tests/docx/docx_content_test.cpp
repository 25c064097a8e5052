// document.xml and the small parts: what the model says, in WordprocessingML.
#include "docx_support.hpp"
#include "helpers.hpp"

#include "style/style_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace chronik;
using namespace chronik::test::docx;
namespace fs = std::filesystem;

namespace {
std::map<std::string, std::string>
render_parts(const std::string& xml, const style::Style& style = style::default_style()) {
    return parts(render(compose_text(xml, style), style));
}
std::map<std::string, std::string> rich_parts() {
    const auto style = style::default_style();
    return parts(
        render(compose_file(test::source_dir / "tests/cases/rich/input.xml", style), style));
}
// The non-empty paragraphs of document.xml as "Style: text".
std::vector<std::string> paragraphs(const std::string& document) {
    Xml x(document);
    std::vector<std::string> out;
    for (const auto* p : x.all("w:p"))
        out.push_back(style_of(p) + ": " + text_of(p));
    return out;
}
bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}
} // namespace

TEST_CASE("content: blocks in reading order, each in its named style") {
    const auto p = rich_parts();
    const auto paras = paragraphs(p.at("word/document.xml"));
    const std::vector<std::string> want = {
        "TitleRule: ",
        "Title: A Rich Chronicle",
        "Subtitle: Everything the format can say",
        "Organization: Example & Sons Ltd.",
        "Intro: First intro paragraph with emphasis and strength.",
        "Intro: Second one, with a mail link.",
        "TOCHeading: Contents",
        "TOC1: 2010–20123",
        "TOC1: The early years4", // the picture as wide as the text fills page 3
        "TOC1: 20014",
        "Heading1: 2010–2012",
        "MilestoneDate: 4 March 2012",
        "Heading2: The big launch",
        "BodyText: We launched. See the page.A second line after a break.",
        "Figure: ",
        "Caption: At the party",
        "Heading2: November 2010", // a milestone without a title: its date is its head
        "BodyText: Someone joined. *Not emphasis*, #not a heading. The welcome read „Herzlich "
        "willkommen im Team, Servus und Grüß Gott!“",
        "Figure: ",
        "Heading1: The early years",
        // the one-liners' table: its header row, then date and title per row
        "MilestoneDate: Date",
        "MilestoneDate: Event",
        "DatedList: 1 January 2005",
        "DatedList: Office opened",
        "DatedList: June 2004",
        "DatedList: First hire, a Werkstudentin",
        "DatedList: 2003",
        "DatedList: Founded",
        "Heading1: 2001",
        "BodyText: A loose milestone, grouped by its year.",
    };
    CHECK(paras == want);
}

TEST_CASE("content: a milestone without a title has its date as a Heading 2 in the date's look") {
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    const tinyxml2::XMLElement* head = nullptr;
    for (const auto* para : x.all("w:p"))
        if (text_of(para) == "November 2010" && style_of(para) == "Heading2")
            head = para;
    REQUIRE(head);
    // Heading 2, so every reader (Word's navigation pane, pandoc, mammoth's
    // default style map) sees a heading; the look of the milestone date
    // (9 pt bold in the accent colour, 10 pt before, 2 pt after, 12 pt lines:
    // 81 % of Charis SIL's single line of 296 twips, 195/240).
    const auto* spacing = head->FirstChildElement("w:pPr")->FirstChildElement("w:spacing");
    REQUIRE(spacing);
    CHECK(attr(spacing, "w:before") == "200");
    CHECK(attr(spacing, "w:after") == "40");
    CHECK(attr(spacing, "w:line") == "195");
    CHECK(attr(spacing, "w:lineRule") == "auto");
    CHECK(head->FirstChildElement("w:bookmarkStart"));
    const auto* rpr = head->FirstChildElement("w:r")->FirstChildElement("w:rPr");
    REQUIRE(rpr);
    // No character style (a bold one would toggle Heading 2's bold off in
    // Word) and no direct w:b (pandoc would read strong text): bold comes
    // from Heading 2; colour and size are the date's.
    CHECK(!rpr->FirstChildElement("w:rStyle"));
    CHECK(!rpr->FirstChildElement("w:b"));
    CHECK(!rpr->FirstChildElement("w:i"));
    CHECK(attr(rpr->FirstChildElement("w:color"), "w:val") == "A8432A");
    CHECK(attr(rpr->FirstChildElement("w:sz"), "w:val") == "18");
    // No paragraph refers to the old custom heading style any more.
    for (const auto* para : x.all("w:p"))
        CHECK(style_of(para) != "MilestoneDateHeading");
}

TEST_CASE("content: the title page stands alone, pages break before, not with empty paragraphs") {
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    std::vector<std::string> breaks;
    for (const auto* pb : x.all("w:pageBreakBefore"))
        breaks.push_back(style_of(pb->Parent()->Parent()->ToElement()));
    CHECK(breaks == std::vector<std::string>{"Intro", "Heading1"});
    CHECK(x.all("w:br").size() == 1); // only the line break of the body text
    for (const auto* br : x.all("w:br"))
        CHECK(attr(br, "w:type").empty());
}

TEST_CASE("content: a TOC field of the PDF's contents levels, filled, not dirty, linked") {
    // The brochure's PDF lists the periods only (level 1); Word is not asked
    // to update anything on opening (no prompt), so the field is not dirty.
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    const auto instr = x.all("w:instrText");
    REQUIRE(instr.size() == 4);
    CHECK(std::string(instr[0]->GetText()) == R"( TOC \o "1-1" \h \z \u )");
    CHECK(std::string(instr[1]->GetText()) == R"( PAGEREF _Toc_p_2010_2012 \h )");
    // Fields nest: the TOC's begin first, its end last, one end per begin.
    std::vector<std::string> kinds;
    int dirty = 0;
    for (const auto* f : x.all("w:fldChar")) {
        kinds.push_back(attr(f, "w:fldCharType"));
        dirty += !attr(f, "w:dirty").empty();
    }
    CHECK(kinds.size() == 12);
    CHECK(std::count(kinds.begin(), kinds.end(), "begin") == 4);
    CHECK(std::count(kinds.begin(), kinds.end(), "end") == 4);
    CHECK(kinds.front() == "begin");
    CHECK(kinds.back() == "end");
    CHECK(dirty == 0);
    std::vector<std::string> anchors, bookmarks;
    for (const auto* h : x.all("w:hyperlink"))
        if (!attr(h, "w:anchor").empty())
            anchors.push_back(attr(h, "w:anchor"));
    for (const auto* b : x.all("w:bookmarkStart"))
        bookmarks.push_back(attr(b, "w:name"));
    CHECK(anchors ==
          std::vector<std::string>{"_Toc_p_2010_2012", "_Toc_p_the_early_years", "_Toc_p_2001"});
    // Milestone heads keep their bookmarks (link targets), out of the contents.
    CHECK(bookmarks == std::vector<std::string>{"_Toc_p_2010_2012", "_Toc_launch", "_Toc_m_2010_11",
                                                "_Toc_p_the_early_years", "_Toc_p_2001"});
    CHECK(p.at("word/settings.xml").find("updateFields") == std::string::npos);
}

TEST_CASE("content: estimated TOC page numbers follow page breaks and the text's length") {
    // Title page (1), intro and TOC (2), then periods from page 3; a period
    // with a lot of text pushes the next one to a later page.
    std::string xml = "<chronicle><title>T</title><period label=\"2001\"><milestone date=\"2001\">";
    for (int i = 0; i < 120; ++i)
        xml += "<p>Ein Absatz mit einigen Worten, der eine Zeile oder zwei f\xc3\xbcllt.</p>";
    xml += "</milestone></period><period label=\"2000\"><milestone date=\"2000\"><p>x</p>"
           "</milestone></period></chronicle>";
    const auto p = render_parts(xml);
    const auto paras = paragraphs(p.at("word/document.xml"));
    REQUIRE(paras.size() > 4);
    CHECK(std::find(paras.begin(), paras.end(), "TOC1: 20013") != paras.end());
    int later = 0;
    for (const auto& s : paras)
        if (s.starts_with("TOC1: 2000"))
            later = std::stoi(s.substr(10));
    CHECK(later >= 6); // 120 two-line paragraphs fill three to four A4 pages
    CHECK(later <= 8);
}

TEST_CASE("content: bookmark names are Word's: at most 40 characters, unique") {
    const std::string long_label(60, 'x');
    const auto p = render_parts(
        "<chronicle><title>T</title><period label=\"" + long_label +
        "\"><milestone date=\"2000\"><p>a</p></milestone></period>"
        "<period label=\"" +
        long_label + "!\"><milestone date=\"2001\"><p>b</p></milestone></period></chronicle>");
    Xml x(p.at("word/document.xml"));
    const auto marks = x.all("w:bookmarkStart");
    REQUIRE(marks.size() == 2);
    CHECK(attr(marks[0], "w:name").size() <= 40);
    CHECK(attr(marks[1], "w:name").size() <= 40);
    CHECK(attr(marks[0], "w:name") != attr(marks[1], "w:name"));
    CHECK(attr(marks[0], "w:id") != attr(marks[1], "w:id"));
}

TEST_CASE("content: links are external relationships, one per URL") {
    const auto p = render_parts(R"(<chronicle><title>T</title><milestone date="2000"><p>
      <a href="https://example.org/ä?x=1&amp;y=2">one</a>, <a href="https://example.org/ä?x=1&amp;y=2">two</a>,
      <a href="mailto:x@example.org"><em>three</em></a></p></milestone></chronicle>)");
    Xml x(p.at("word/document.xml"));
    const auto links = x.all("w:hyperlink");
    std::vector<std::string> ids;
    for (const auto* l : links)
        if (!attr(l, "r:id").empty())
            ids.push_back(attr(l, "r:id"));
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] == ids[1]);
    CHECK(ids[0] != ids[2]);
    Xml rels(p.at("word/_rels/document.xml.rels"));
    std::map<std::string, std::string> target;
    for (const auto* r : rels.all("Relationship"))
        if (attr(r, "TargetMode") == "External")
            target[attr(r, "Id")] = attr(r, "Target");
    CHECK(target.size() == 2);
    CHECK(target[ids[0]] == "https://example.org/%C3%A4?x=1&y=2");
    CHECK(target[ids[2]] == "mailto:x@example.org");
    // Emphasis inside a link: the Hyperlink style plus direct italic.
    const std::string doc = p.at("word/document.xml");
    CHECK(doc.find(R"(<w:rStyle w:val="Hyperlink"/><w:i w:val="1"/>)") != std::string::npos);
}

namespace {
// Each text run as "text: rStyle b i" (the direct w:b / w:i values, "-"
// where the run has none), in document order.
std::vector<std::string> formatted_runs(const std::string& document) {
    Xml x(document);
    std::vector<std::string> out;
    for (const auto* r : x.all("w:r")) {
        if (!r->FirstChildElement("w:t"))
            continue;
        const auto* rpr = r->FirstChildElement("w:rPr");
        auto val = [&](const char* name) -> std::string {
            const auto* e = rpr ? rpr->FirstChildElement(name) : nullptr;
            if (!e)
                return "-";
            return attr(e, "w:val").empty() ? "1" : attr(e, "w:val");
        };
        const auto* st = rpr ? rpr->FirstChildElement("w:rStyle") : nullptr;
        out.push_back(text_of(r) + ": " + (st ? attr(st, "w:val") : "") + " b" + val("w:b") + " i" +
                      val("w:i"));
    }
    return out;
}
} // namespace

TEST_CASE("content: emphasis and strong are direct w:i and w:b under their character styles, "
          "emphasis in italic text is upright") {
    const auto runs = formatted_runs(rich_parts().at("word/document.xml"));
    auto has = [&](const std::string& r) {
        return std::find(runs.begin(), runs.end(), r) != runs.end();
    };
    // The intro is italic in the brochure style: its runs say so directly
    // (pandoc and mammoth read no paragraph style's italic), its emphasis
    // switches italic off.
    CHECK(has("emphasis: Emphasis b- i0"));
    CHECK(has("strength: Strong b1 i1"));
    CHECK(has("First intro paragraph with :  b- i1"));
    CHECK(has("mail link: Hyperlink b- i1"));
    // So does the italic caption.
    CHECK(has("At the :  b- i1"));
    // In a bold heading, emphasis is italic and stays bold (the style's).
    CHECK(has("big: Emphasis b- i1"));
    // Strong in the italic caption: bold, still italic.
    CHECK(has("party: Strong b1 i1"));
    // In body text; upright text there has no direct w:i.
    CHECK(has("willkommen: Emphasis b- i1"));
    CHECK(has("Someone joined. *Not emphasis*, #not a heading. The welcome read :  b- i-"));
    // Headings and the title keep their bold in the style (a direct w:b
    // would read as strong text in pandoc).
    CHECK(has("A Rich Chronicle:  b- i-"));
    CHECK(has("The early years:  b- i-"));
    // Both at once, and each inside a link.
    const auto p = render_parts(R"(<chronicle><title>T</title><milestone date="2000"><p>
      <strong><em>both</em></strong> <a href="https://a.de"><strong>bold link</strong></a></p>
      </milestone></chronicle>)");
    const auto more = formatted_runs(p.at("word/document.xml"));
    CHECK(std::find(more.begin(), more.end(), "both: StrongEmphasis b1 i1") != more.end());
    CHECK(std::find(more.begin(), more.end(), "bold link: Hyperlink b1 i-") != more.end());
}

TEST_CASE("content: images in EMU with alt text, at the PDF's dpi and height cap") {
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    const auto extents = x.all("wp:extent");
    REQUIRE(extents.size() == 2);
    // 64 x 48 px asked to be as wide as the text (over the rail), as in the
    // PDF: that wide unless taller than image-max-height (45 %) of the text
    // area (244 mm = 13833 twips; 6225 twips = 3953065 EMU), 4:3 kept.
    CHECK(attr(extents[0], "cy") == "3953065");
    CHECK(attr(extents[0], "cx") == "5270753");
    const auto doc_pr = x.all("wp:docPr");
    REQUIRE(doc_pr.size() == 2);
    CHECK(attr(doc_pr[0], "descr") == "The launch party");
    CHECK(attr(doc_pr[1], "descr") == "A portrait");
    CHECK(attr(doc_pr[0], "id") != attr(doc_pr[1], "id"));

    // The same picture, as if it were 4000 px wide: at most the text width,
    // and no taller than image-max-height (45 %) of the text area, as in the PDF.
    auto style = style::default_style();
    auto doc = compose_file(test::source_dir / "tests/cases/rich/input.xml", style);
    for (auto& b : doc.blocks)
        if (auto* img = std::get_if<model::Image>(&b)) {
            img->width_px = 4000;
            img->height_px = 3000;
        }
    Xml big(parts(render(doc, style)).at("word/document.xml"));
    const auto ext = big.all("wp:extent");
    REQUIRE(!ext.empty());
    const double text_width_mm =
        style.page.width - style.page.margin_inner - style.page.margin_outer;
    const double cx_mm = std::stod(attr(ext[0], "cx")) / 36000.0;
    const double cy_mm = std::stod(attr(ext[0], "cy")) / 36000.0;
    const double text_height_mm =
        style.page.height - style.page.margin_top - style.page.margin_bottom;
    CHECK(cx_mm <= text_width_mm + 0.01);
    CHECK(cy_mm == doctest::Approx(text_height_mm * 0.45).epsilon(0.002));
    CHECK(cx_mm / cy_mm == doctest::Approx(4.0 / 3.0).epsilon(0.001));
    // A sheet that allows the full height: the width binds again.
    style.tunables["image-max-height"] = 1.0;
    Xml wide(parts(render(doc, style)).at("word/document.xml"));
    const double wide_cx_mm = std::stod(attr(wide.all("wp:extent")[0], "cx")) / 36000.0;
    CHECK(wide_cx_mm > text_width_mm - 1);
    CHECK(wide_cx_mm <= text_width_mm + 0.01);
}

TEST_CASE("content: the same image used twice is packaged once") {
    const auto p = render_parts(R"(<chronicle><title>T</title><milestone date="2000"><p>a</p>
      <image src="images/small.png" alt="one"/><image src="images/small.png" alt="two"/></milestone></chronicle>)");
    int media = 0;
    for (const auto& [name, bytes] : p)
        media += name.starts_with("word/media/");
    CHECK(media == 1);
    Xml x(p.at("word/document.xml"));
    const auto blips = x.all("a:blip");
    REQUIRE(blips.size() == 2);
    CHECK(attr(blips[0], "r:embed") == attr(blips[1], "r:embed"));
}

TEST_CASE("content: images come from the reader's bytes, not from the file again") {
    const auto style = style::default_style();
    auto doc = compose_file(test::source_dir / "tests/cases/rich/input.xml", style);
    // The file gone since it was read: the kept bytes are embedded.
    for (auto& b : doc.blocks)
        if (auto* img = std::get_if<model::Image>(&b))
            img->path = "/nonexistent/chronik/x.png";
    const auto p = parts(render(doc, style));
    CHECK(p.at("word/media/image1.png") ==
          test::read_file(test::source_dir / "tests/cases/rich/images/small.png"));
    // No bytes kept (not from the reader): fails with the chronicle's line.
    for (auto& b : doc.blocks)
        if (auto* img = std::get_if<model::Image>(&b))
            img->bytes = nullptr;
    try {
        render(doc, style);
        FAIL("no Failure thrown");
    } catch (const Failure& f) {
        CHECK(f.diagnostic().line == 16);
        CHECK(std::string(f.what()).find("image '/nonexistent/chronik/x.png' was not read") !=
              std::string::npos);
    }
}

TEST_CASE("content: markup characters in the text are escaped by the printer") {
    const auto p = render_parts(R"(<chronicle><title>A &lt;b&gt; &amp; "c" 'd'</title>
      <milestone date="2000"><p>x &lt; y &amp;&amp; z &gt; 0 ]]&gt;</p></milestone></chronicle>)");
    const auto paras = paragraphs(p.at("word/document.xml"));
    CHECK(contains(paras, "Title: A <b> & \"c\" 'd'"));
    CHECK(contains(paras, "BodyText: x < y && z > 0 ]]>"));
    Xml core(p.at("docProps/core.xml"));
    CHECK(std::string(core.first("dc:title")->GetText()) == "A <b> & \"c\" 'd'");
    Xml header(p.at("word/header1.xml"));
    CHECK(text_of(header.first("w:hdr")) == "A <b> & \"c\" 'd'");
}

TEST_CASE("content: a headless milestone's first paragraph is set off, except after a heading") {
    const auto p = render_parts(R"(<chronicle><title>T</title><period label="2000">
      <milestone date="2000"><p>a</p><p>b</p></milestone>
      <milestone date="2000"><p>c</p></milestone></period></chronicle>)");
    const auto paras = paragraphs(p.at("word/document.xml"));
    const std::vector<std::string> tail(paras.end() - 4, paras.end());
    CHECK(tail == std::vector<std::string>{"Heading1: 2000", "BodyText: a", "BodyText: b",
                                           "MilestoneBody: c"});
}

TEST_CASE("content: the section: page size, margins, header and footer, not on the title page") {
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    const auto* sect = x.first("w:sectPr");
    REQUIRE(sect);
    CHECK(sect == x.first("w:body")->LastChildElement());
    CHECK(attr(sect->FirstChildElement("w:pgSz"), "w:w") == "11906");
    CHECK(attr(sect->FirstChildElement("w:pgSz"), "w:h") == "16838");
    const auto* mar = sect->FirstChildElement("w:pgMar");
    CHECK(attr(mar, "w:top") == "1417");    // 25 mm
    CHECK(attr(mar, "w:bottom") == "1587"); // 28 mm
    CHECK(attr(mar, "w:left") == "1587");   // inner 28 mm
    CHECK(attr(mar, "w:right") == "1361");  // outer 24 mm
    CHECK(sect->FirstChildElement("w:titlePg"));
    CHECK(attr(sect->FirstChildElement("w:headerReference"), "r:id") == "rId4");
    CHECK(attr(sect->FirstChildElement("w:footerReference"), "r:id") == "rId5");
    CHECK(p.at("word/settings.xml").find("<w:mirrorMargins/>") != std::string::npos);

    Xml footer(p.at("word/footer1.xml"));
    const auto instr = footer.all("w:instrText");
    REQUIRE(instr.size() == 1);
    CHECK(std::string(instr[0]->GetText()) == " PAGE ");
    CHECK(style_of(footer.first("w:p")) == "Footer");
    Xml header(p.at("word/header1.xml"));
    CHECK(text_of(header.first("w:hdr")) == "A Rich Chronicle");
    CHECK(style_of(header.first("w:p")) == "Header");
}

TEST_CASE("content: document properties from the metadata and SOURCE_DATE_EPOCH") {
    const auto p = rich_parts();
    Xml core(p.at("docProps/core.xml"));
    auto text = [&](const char* name) {
        const auto* e = core.first(name);
        return std::string(e && e->GetText() ? e->GetText() : "");
    };
    CHECK(text("dc:title") == "A Rich Chronicle");
    CHECK(text("dc:subject") == "Everything the format can say");
    CHECK(text("dc:creator") == "Example & Sons Ltd.");
    CHECK(text("cp:keywords") == "launch; office; people");
    // The intro's plain text, a line per paragraph (python-docx: comments).
    CHECK(text("dc:description") ==
          "First intro paragraph with emphasis and strength.\nSecond one, with a mail link.");
    CHECK(text("dc:language") == "en-US");
    CHECK(text("dcterms:created") == "2023-11-14T22:13:20Z");
    CHECK(text("dcterms:modified") == "2023-11-14T22:13:20Z");
    CHECK(attr(core.first("dcterms:created"), "xsi:type") == "dcterms:W3CDTF");
    Xml app(p.at("docProps/app.xml"));
    CHECK(std::string(app.first("Application")->GetText()) == "chronik");
    CHECK(std::string(app.first("Company")->GetText()) == "Example & Sons Ltd.");
}

TEST_CASE("content: the description is the intro, cut at a word to at most 1000 characters") {
    std::string intro;
    for (int i = 0; i < 300; ++i)
        intro += "W\xc3\xb6rter "; // 7 characters each, 9 bytes
    const auto p = render_parts("<chronicle><title>T</title><intro><p>" + intro +
                                "</p></intro><milestone date=\"2000\"><p>a</p></milestone>"
                                "</chronicle>");
    Xml core(p.at("docProps/core.xml"));
    const std::string d = core.first("dc:description")->GetText();
    CHECK(d.ends_with("W\xc3\xb6rter\xe2\x80\xa6")); // a whole word, then "…"
    std::size_t chars = 0;
    for (unsigned char c : d)
        chars += (c & 0xC0) != 0x80;
    CHECK(chars <= 1000);
    CHECK(chars >= 990);
    // No intro: no description.
    const auto none = render_parts(
        "<chronicle><title>T</title><milestone date=\"2000\"><p>a</p></milestone></chronicle>");
    CHECK(!Xml(none.at("docProps/core.xml")).first("dc:description"));
}

TEST_CASE("content: the language of the chronicle, with a region Word knows") {
    auto lang_of = [](const std::string& lang) {
        const auto p = render_parts(
            "<chronicle lang=\"" + lang +
            "\"><title>T</title><milestone date=\"2000\"><p>a</p></milestone></chronicle>");
        Xml styles(p.at("word/styles.xml"));
        return attr(styles.first("w:lang"), "w:val");
    };
    CHECK(lang_of("de") == "de-DE");
    CHECK(lang_of("en") == "en-US");
    CHECK(lang_of("en-GB") == "en-GB");
    CHECK(lang_of("de-AT") == "de-AT");
}

namespace {
// The children of `e` named `name`, in order.
std::vector<const tinyxml2::XMLElement*> children(const tinyxml2::XMLElement* e, const char* name) {
    std::vector<const tinyxml2::XMLElement*> out;
    for (auto* c = e ? e->FirstChildElement(name) : nullptr; c; c = c->NextSiblingElement(name))
        out.push_back(c);
    return out;
}
} // namespace

TEST_CASE("content: consecutive dated one-liners are one borderless two-column table with a "
          "header row") {
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    const auto tables = x.all("w:tbl");
    REQUIRE(tables.size() == 1);
    const auto* tbl = tables[0];
    // In the body, between the period's heading and the next period.
    CHECK(tbl->Parent() == x.first("w:body"));
    CHECK(text_of(tbl->PreviousSiblingElement()) == "The early years");
    CHECK(text_of(tbl->NextSiblingElement()) == "2001");

    const auto* pr = tbl->FirstChildElement("w:tblPr");
    REQUIRE(pr);
    std::vector<std::string> order;
    for (auto* c = pr->FirstChildElement(); c; c = c->NextSiblingElement())
        order.push_back(c->Name());
    // CT_TblPr's order (ECMA-376 Part 1, 17.4.60)
    CHECK(order == std::vector<std::string>{"w:tblStyle", "w:tblW", "w:tblInd", "w:tblLayout",
                                            "w:tblCellMar", "w:tblLook"});
    CHECK(attr(pr->FirstChildElement("w:tblStyle"), "w:val") == "ChronikOneLiners");
    // 11906 - 1587 - 1361 (A4 less the margins) - 814 (the rail), twips
    const std::string text_width = "8144";
    CHECK(attr(pr->FirstChildElement("w:tblInd"), "w:w") == "814");
    CHECK(attr(pr->FirstChildElement("w:tblW"), "w:w") == text_width);
    CHECK(attr(pr->FirstChildElement("w:tblW"), "w:type") == "dxa");
    CHECK(attr(pr->FirstChildElement("w:tblLayout"), "w:type") == "fixed");
    const auto* mar = pr->FirstChildElement("w:tblCellMar");
    CHECK(attr(mar->FirstChildElement("w:left"), "w:w") == "0");
    CHECK(attr(mar->FirstChildElement("w:right"), "w:w") == "0");
    CHECK(attr(pr->FirstChildElement("w:tblLook"), "w:firstRow") == "1");
    CHECK(!x.first("w:tblBorders")); // the table style's (none), not direct ones

    const auto cols = children(tbl->FirstChildElement("w:tblGrid"), "w:gridCol");
    REQUIRE(cols.size() == 2);
    const auto date_col = std::stoll(attr(cols[0], "w:w"));
    CHECK(date_col >= 850); // at least 15 mm, past the widest date
    CHECK(date_col + std::stoll(attr(cols[1], "w:w")) == std::stoll(text_width));

    const auto rows = children(tbl, "w:tr");
    REQUIRE(rows.size() == 4);
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto* trpr = rows[i]->FirstChildElement("w:trPr");
        REQUIRE(trpr);
        CHECK(trpr->FirstChildElement("w:cantSplit"));
        CHECK((trpr->FirstChildElement("w:tblHeader") != nullptr) == (i == 0));
        const auto tcs = children(rows[i], "w:tc");
        REQUIRE(tcs.size() == 2);
        for (std::size_t c = 0; c < 2; ++c) {
            CHECK(attr(tcs[c]->FirstChildElement("w:tcPr")->FirstChildElement("w:tcW"), "w:w") ==
                  attr(cols[c], "w:w"));
            const auto paras = children(tcs[c], "w:p");
            REQUIRE(paras.size() == 1);
            cells.push_back(style_of(paras[0]) + ": " + text_of(paras[0]));
        }
    }
    CHECK(cells == std::vector<std::string>{"MilestoneDate: Date", "MilestoneDate: Event",
                                            "DatedList: 1 January 2005", "DatedList: Office opened",
                                            "DatedList: June 2004",
                                            "DatedList: First hire, a Werkstudentin",
                                            "DatedList: 2003", "DatedList: Founded"});
    // The date in the List Date character style; no tabs any more.
    const auto* date_run =
        children(rows[1], "w:tc")[0]->FirstChildElement("w:p")->FirstChildElement("w:r");
    CHECK(attr(date_run->FirstChildElement("w:rPr")->FirstChildElement("w:rStyle"), "w:val") ==
          "ListDate");
    CHECK(!tbl->FirstChildElement("w:tr")->NextSiblingElement()->FirstChildElement("w:tab"));
    // List Date: the milestone date's look, its size too (9 pt), as the PDF
    // sets the one-liners' dates.
    Xml styles(p.at("word/styles.xml"));
    const tinyxml2::XMLElement* list_date = nullptr;
    for (const auto* st : styles.all("w:style"))
        if (attr(st, "w:styleId") == "ListDate")
            list_date = st;
    REQUIRE(list_date);
    CHECK(attr(list_date->FirstChildElement("w:rPr")->FirstChildElement("w:sz"), "w:val") == "18");
    CHECK(attr(list_date->FirstChildElement("w:rPr")->FirstChildElement("w:color"), "w:val") ==
          "A8432A");
    CHECK(x.all("w:tab").size() == 3); // the TOC entries' tabs only (periods only)
}

TEST_CASE("content: one-liners: German column heads, a redundant date left out, a table per run") {
    const auto p = render_parts(R"(<chronicle><title>T</title><period label="1999">
      <milestone date="1999-05-01"><title>With a <em>day</em></title></milestone>
      <milestone date="1999"><title>Only the year</title></milestone>
      <milestone date="1999-07"><p>A body between.</p></milestone>
      <milestone date="1999-08"><title>Again</title></milestone></period></chronicle>)");
    Xml x(p.at("word/document.xml"));
    const auto tables = x.all("w:tbl");
    REQUIRE(tables.size() == 2);
    std::vector<std::string> cells;
    for (const auto* tc : x.all("w:tc"))
        cells.push_back(text_of(tc));
    CHECK(cells == std::vector<std::string>{"Datum", "Ereignis", "1. Mai 1999", "With a day", "",
                                            "Only the year", "Datum", "Ereignis", "August 1999",
                                            "Again"});
    // Every cell holds one paragraph, also an empty one (the schema wants one).
    for (const auto* tc : x.all("w:tc"))
        CHECK(children(tc, "w:p").size() == 1);
}

TEST_CASE("content: a line break is a w:br, and does not stretch its line in justified text") {
    const auto p = rich_parts();
    Xml x(p.at("word/document.xml"));
    REQUIRE(x.all("w:br").size() == 1);
    Xml settings(p.at("word/settings.xml"));
    CHECK(settings.first("w:doNotExpandShiftReturn"));
    CHECK(settings.first("w:doNotExpandShiftReturn")->Parent()->ToElement()->Name() ==
          std::string("w:compat"));
}

namespace {
// Every text run of document.xml as "text|lang" (lang: its w:rPr's w:lang, or "").
std::vector<std::string> runs_with_lang(const std::string& document) {
    Xml x(document);
    std::vector<std::string> out;
    for (const auto* r : x.all("w:r")) {
        const auto* t = r->FirstChildElement("w:t");
        const auto* br = r->FirstChildElement("w:br");
        if (!t && !br)
            continue;
        const auto* rpr = r->FirstChildElement("w:rPr");
        const auto* lang = rpr ? rpr->FirstChildElement("w:lang") : nullptr;
        out.push_back((t ? text_of(r) : std::string("<br>")) + "|" +
                      (lang ? attr(lang, "w:val") : std::string()));
    }
    return out;
}
std::vector<std::string> with_lang(const std::vector<std::string>& runs) {
    std::vector<std::string> out;
    for (const auto& r : runs)
        if (r.back() != '|')
            out.push_back(r);
    return out;
}
} // namespace

TEST_CASE("content: the runs of a <span>, and only they, carry its w:lang (the sample's 2018 "
          "conference title)") {
    const auto style = style::default_style();
    const auto doc =
        parts(render(compose_file(test::source_dir / "data/lecos-chronik.xml", style), style))
            .at("word/document.xml");
    const auto runs = runs_with_lang(doc);
    CHECK(with_lang(runs) == std::vector<std::string>{
                                 "Are we ready? Taking the digital city to the next level|en-US"});
    // The German quotation marks around it stay German.
    CHECK(std::find_if(runs.begin(), runs.end(), [](const std::string& r) {
              return r.find("Unter dem Titel „|") != std::string::npos;
          }) != runs.end());
    CHECK(doc.find("“ tauschten sie sich") != std::string::npos);
    // w:lang comes last in w:rPr (ECMA-376's order: rStyle, b, i, ... lang).
    CHECK(doc.find(R"(<w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>Are we ready?)") !=
          std::string::npos);
}

TEST_CASE("content: spans nest (the innermost wins), inside and around links, with emphasis and "
          "line breaks") {
    const auto p = render_parts(R"(<chronicle lang="de"><title>T</title>
      <milestone date="2000"><title>Titel <span lang="en"><strong>bold</strong> one</span></title>
      <p>vor <span lang="en">outer <em>em</em> <span lang="fr">inner</span> <a href="https://a.de">link <span lang="de">zurück</span></a><br/>after</span> nach</p>
      <p><a href="https://b.de">Link <span lang="en-GB">colour</span></a></p></milestone></chronicle>)");
    const auto doc = p.at("word/document.xml");
    const auto runs = runs_with_lang(doc);
    // (tinyxml2 drops text nodes of nothing but white space: the runs of
    // one space read as "".)
    CHECK(with_lang(runs) == std::vector<std::string>{"bold|en-US", " one|en-US", "outer |en-US",
                                                      "em|en-US", "|en-US", "inner|fr-FR", "|en-US",
                                                      "link |en-US", "zurück|de-DE", "<br>|en-US",
                                                      "after|en-US", "colour|en-GB"});
    CHECK(
        doc.find(
            R"(<w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r><w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t>inner</w:t></w:r>)") !=
        std::string::npos);
    CHECK(std::find(runs.begin(), runs.end(), " nach|") != runs.end());
    CHECK(std::find(runs.begin(), runs.end(), "vor |") != runs.end());
    // Formatting and language in one w:rPr, in the schema's order.
    CHECK(
        doc.find(
            R"(<w:rStyle w:val="Emphasis"/><w:i w:val="1"/><w:iCs w:val="1"/><w:lang w:val="en-US"/></w:rPr><w:t>em</w:t>)") !=
        std::string::npos);
    CHECK(doc.find(R"(<w:rStyle w:val="Hyperlink"/><w:lang w:val="en-GB"/></w:rPr><w:t>colour)") !=
          std::string::npos);
}
