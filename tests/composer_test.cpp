#include "compose/composer.hpp"
#include "helpers.hpp"
#include "model/dump.hpp"
#include "reader/chronicle_reader.hpp"
#include "style/style_reader.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using chronik::test::has;
using chronik::test::lines;

namespace {

chronicle::Chronicle load(const std::string& text) {
    Diagnostics d;
    auto c = reader::read_chronicle_text(text, "c.xml", ".", d);
    REQUIRE_MESSAGE(c, test::joined(lines(d)));
    return *c;
}

const char* sample = R"(<chronicle lang="de">
<title>T</title>
<period label="2002">
  <milestone date="2002" category="a"><p>p2002</p></milestone>
  <milestone date="2002-03-15" category="b"><p>p2002-03-15</p></milestone>
</period>
<period label="1999–2000">
  <milestone date="2000-07" category="a b"><title>t2000-07</title></milestone>
  <milestone date="1999-07-01" category="c"><title>t1999-07-01</title></milestone>
</period>
<period label="1990"/>
</chronicle>)";

// The texts of headings and entries, in document order.
std::vector<std::string> outline(const model::Document& doc) {
    std::vector<std::string> out;
    for (const auto& b : doc.blocks) {
        if (auto* h = std::get_if<model::Heading>(&b))
            out.push_back("# " + model::plain_text(h->content));
        else if (auto* e = std::get_if<model::DatedEntry>(&b))
            out.push_back(model::iso(e->date));
    }
    return out;
}

model::Document make(const compose::Options& o, const std::string& text = sample) {
    Diagnostics d;
    return compose::compose(load(text), style::default_style(), o, d);
}

} // namespace

TEST_CASE("composer: as written, with title block, intro place, TOC and ids") {
    compose::Options o;
    o.epoch = 86400 * 365;
    const auto doc = make(o);
    CHECK(outline(doc) == std::vector<std::string>{"# 2002", "2002", "2002-03-15", "# 1999–2000",
                                                   "2000-07", "1999-07-01", "# 1990"});
    CHECK(doc.meta.date == "1971-01-01");
    CHECK(doc.meta.keywords == std::vector<std::string>{"a", "b", "c"});
    CHECK(doc.meta.language == "de");
    const auto dump = model::dump(doc);
    CHECK(dump.find("heading 1 #p-2002 [2002-2002]: 2002") != std::string::npos);
    CHECK(dump.find("heading 1 #p-1999-2000 [1999-2000]: 1999–2000") != std::string::npos);
    CHECK(dump.find("toc 'Inhalt'") != std::string::npos);
    // a bare year under a heading of that year is not repeated
    CHECK(dump.find("entry #m-2002 2002 '2002' redundant") != std::string::npos);
    CHECK(dump.find("entry #m-2000-07 2000-07 'Juli 2000' one-liner") != std::string::npos);
}

TEST_CASE("composer: oldest and newest first") {
    compose::Options o;
    o.order = compose::Order::OldestFirst;
    CHECK(outline(make(o)) == std::vector<std::string>{"# 1990", "# 1999–2000", "1999-07-01",
                                                       "2000-07", "# 2002", "2002", "2002-03-15"});
    o.order = compose::Order::NewestFirst;
    CHECK(outline(make(o)) == std::vector<std::string>{"# 2002", "2002-03-15", "2002",
                                                       "# 1999–2000", "2000-07", "1999-07-01",
                                                       "# 1990"});
}

TEST_CASE("composer: year and category filters") {
    compose::Options o;
    o.from_year = 2000;
    CHECK(outline(make(o)) ==
          std::vector<std::string>{"# 2002", "2002", "2002-03-15", "# 1999–2000", "2000-07"});
    o = {};
    o.to_year = 1999;
    CHECK(outline(make(o)) == std::vector<std::string>{"# 1999–2000", "1999-07-01", "# 1990"});
    o = {};
    o.categories = {"b"};
    CHECK(outline(make(o)) ==
          std::vector<std::string>{"# 2002", "2002-03-15", "# 1999–2000", "2000-07"});
    CHECK(make(o).meta.keywords == std::vector<std::string>{"a", "b"});
    o.categories = {"c", "a"};
    CHECK(outline(make(o)) ==
          std::vector<std::string>{"# 2002", "2002", "# 1999–2000", "2000-07", "1999-07-01"});
    o = {};
    o.categories = {"nothing"};
    Diagnostics d;
    const auto doc = compose::compose(load(sample), style::default_style(), o, d);
    CHECK(outline(doc).empty());
    CHECK(has(lines(d), "the filters leave no milestone to show"));
}

TEST_CASE("composer: dates and labels in German and English") {
    compose::Options o;
    auto dump = model::dump(make(o));
    CHECK(dump.find("'15. März 2002'") != std::string::npos);
    CHECK(dump.find("'1. Juli 1999'") != std::string::npos);
    CHECK(dump.find("'Juli 2000'") != std::string::npos);
    o.language = "en";
    dump = model::dump(make(o));
    CHECK(dump.find("'15 March 2002'") != std::string::npos);
    CHECK(dump.find("'1 July 1999'") != std::string::npos);
    CHECK(dump.find("'July 2000'") != std::string::npos);
    CHECK(dump.find("toc 'Contents'") != std::string::npos);
    CHECK(dump.find("meta language=en") != std::string::npos);
}

TEST_CASE("composer: an unknown language falls back to English with a warning") {
    Diagnostics d;
    const auto doc = compose::compose(load("<chronicle lang=\"fr\"><title>T</title><milestone "
                                           "date=\"2000-01-02\"><p>x</p></milestone></chronicle>"),
                                      style::default_style(), {}, d);
    CHECK(has(lines(d), "no built-in words for language 'fr'"));
    CHECK(model::dump(doc).find("'2 January 2000'") != std::string::npos);
    CHECK(doc.meta.language == "fr");
}

TEST_CASE("composer: periods without label are named by their years, ids stay unique") {
    const auto doc = make({}, R"(<chronicle><title>T</title>
      <milestone date="2001" id="m-2001"><p>a</p></milestone>
      <milestone date="2001"><p>b</p></milestone>
      <period><milestone date="2003"><p>c</p></milestone><milestone date="2005"><p>d</p></milestone></period>
      <period label="2003–2005"><milestone date="2004"><p>e</p></milestone></period></chronicle>)");
    const auto dump = model::dump(doc);
    CHECK(dump.find("heading 1 #p-2001 [2001-2001]: 2001") != std::string::npos);
    CHECK(dump.find("heading 1 #p-2003-2005 [2003-2005]: 2003–2005") != std::string::npos);
    CHECK(dump.find("heading 1 #p-2003-2005-2 [2004-2004]: 2003–2005") != std::string::npos);
    CHECK(dump.find("entry #m-2001 ") != std::string::npos);
    CHECK(dump.find("entry #m-2001-2 ") != std::string::npos);
}

TEST_CASE("composer: a style without title page and TOC") {
    Diagnostics d;
    auto s = style::read_style_text("<style><document title-page=\"false\" toc=\"false\"/></style>",
                                    "s", d);
    REQUIRE(s);
    const auto doc = compose::compose(load(sample), *s, {}, d);
    const auto dump = model::dump(doc);
    CHECK(dump.find("toc") == std::string::npos);
    CHECK(dump.find("pagebreak") == std::string::npos);
}

TEST_CASE("composer: the title can be replaced") {
    compose::Options o;
    o.title = "Excerpt";
    const auto doc = make(o);
    CHECK(doc.meta.title == "Excerpt");
    CHECK(model::dump(doc).find("para title: Excerpt") != std::string::npos);
}

TEST_CASE("composer: iso dates from epochs") {
    CHECK(compose::iso_date(0) == "1970-01-01");
    CHECK(compose::iso_date(951782400) == "2000-02-29");
    CHECK(compose::iso_date(1700000000) == "2023-11-14");
}

namespace {

chronicle::Chronicle load_with_images(const std::string& text) {
    Diagnostics d;
    auto c = reader::read_chronicle_text(text, "c.xml", (test::source_dir / "tests").string(), d);
    REQUIRE_MESSAGE(c, test::joined(lines(d)));
    return *c;
}

const char* with_front = R"(<chronicle lang="de">
<title>T</title>
<cover src="images/small.jpg" alt="Eine Wiese"/>
<logo src="images/small.png" alt=""/>
<milestone date="2000" category="a"><p>x</p>
  <image src="images/small.jpg" alt="Bild" width="text"><caption>Unter<em>schrift</em></caption></image>
  <image src="images/small.png" alt="Bild 2" width="column"/>
  <image src="images/small.png"/>
</milestone>
<milestone date="2001" category="b"><p>y</p></milestone>
</chronicle>)";

} // namespace

TEST_CASE("composer: the cover and the logo become the document's front matter") {
    auto c = load_with_images(with_front);
    c.cover.orientation = 6; // as the probe reads it from a turned JPEG's EXIF
    Diagnostics d;
    const auto doc = compose::compose(c, style::default_style(), {}, d);
    const auto& cover = doc.front.cover;
    CHECK(cover.path == c.cover.path);
    CHECK(cover.source == "images/small.jpg");
    CHECK(cover.alt == "Eine Wiese");
    CHECK(cover.has_alt);
    CHECK(cover.format == model::Image::Format::Jpeg);
    CHECK(cover.width_px == 64);
    CHECK(cover.height_px == 48);
    CHECK(cover.orientation == 6);
    CHECK(cover.line == 3);
    CHECK(cover.bytes == c.cover.bytes);
    REQUIRE(cover.bytes);
    const auto& logo = doc.front.logo;
    CHECK(logo.source == "images/small.png");
    CHECK(logo.format == model::Image::Format::Png);
    CHECK(logo.alt.empty());
    CHECK(logo.has_alt);
    CHECK(logo.line == 4);
    CHECK(logo.bytes == c.logo.bytes);
    // The front matter is not a block: the design places it.
    for (const auto& b : doc.blocks)
        if (const auto* i = std::get_if<model::Image>(&b))
            CHECK(i->line >= 6);
    const auto dump = model::dump(doc);
    CHECK(dump.find("front cover images/small.jpg 64x48 alt='Eine Wiese'") != std::string::npos);
    CHECK(dump.find("front logo images/small.png 64x48 alt=''") != std::string::npos);

    // A filter keeps the front matter: it belongs to the chronicle, not to a milestone.
    compose::Options only_b;
    only_b.categories = {"b"};
    const auto excerpt = compose::compose(c, style::default_style(), only_b, d);
    CHECK(excerpt.front.cover.source == "images/small.jpg");
    CHECK(excerpt.front.logo.source == "images/small.png");

    // Without them the front matter is empty (path empty: none).
    const auto plain = make({});
    CHECK(plain.front.cover.path.empty());
    CHECK(plain.front.logo.path.empty());
    CHECK(model::dump(plain).find("front") == std::string::npos);
}

TEST_CASE("composer: a milestone image keeps every field, its width and orientation too") {
    auto c = load_with_images(with_front);
    auto& first = std::get<chronicle::ImageRef>(c.periods.at(0).milestones.at(0).body.at(1));
    first.orientation = 8;
    Diagnostics d;
    const auto doc = compose::compose(c, style::default_style(), {}, d);
    std::vector<const model::Image*> images;
    for (const auto& b : doc.blocks)
        if (const auto* i = std::get_if<model::Image>(&b))
            images.push_back(i);
    REQUIRE(images.size() == 3);
    const auto& a = *images[0];
    CHECK(a.source == "images/small.jpg");
    CHECK(a.path == first.path);
    CHECK(a.alt == "Bild");
    CHECK(a.has_alt);
    CHECK(model::dump(a.caption) == "Unter<em>schrift</em>");
    CHECK(a.format == model::Image::Format::Jpeg);
    CHECK(a.width_px == 64);
    CHECK(a.height_px == 48);
    CHECK(a.bit_depth == 8);
    CHECK_FALSE(a.interlaced);
    CHECK_FALSE(a.cmyk);
    CHECK(a.orientation == 8);
    CHECK(a.width == model::Image::Width::Text);
    CHECK(a.bytes == first.bytes);
    CHECK(a.line == 6);
    CHECK(images[1]->width == model::Image::Width::Column);
    CHECK(images[1]->orientation == 1);
    CHECK(images[2]->width == model::Image::Width::Auto);
    CHECK_FALSE(images[2]->has_alt);
    const auto dump = model::dump(doc);
    CHECK(dump.find("L6 image images/small.jpg 64x48 alt='Bild' width=text: Unter") !=
          std::string::npos);
    CHECK(dump.find("L7 image images/small.png 64x48 alt='Bild 2' width=column:") !=
          std::string::npos);
    CHECK(dump.find("L8 image images/small.png 64x48 alt='': ") != std::string::npos);
}
