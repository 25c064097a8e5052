// Golden XML parts of a small case (tests/cases/rich), compared part by part
// as XML, as pandoc compares its DOCX goldens. CHRONIK_UPDATE_GOLDEN=1
// rewrites tests/docx/golden/rich/; review the diff.
#include "docx_support.hpp"
#include "helpers.hpp"

#include "style/style_reader.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using namespace chronik::test::docx;

TEST_CASE("golden: the XML parts of tests/cases/rich") {
    const auto style = style::default_style();
    const auto p =
        parts(render(compose_file(test::source_dir / "tests/cases/rich/input.xml", style), style));
    const auto dir = test::source_dir / "tests/docx/golden/rich";
    int compared = 0;
    for (const auto& [name, bytes] : p) {
        if (!name.ends_with(".xml") && !name.ends_with(".rels"))
            continue;
        CAPTURE(name);
        check_xml_golden(dir / name, bytes);
        ++compared;
    }
    CHECK(compared == 12);
}

TEST_CASE("golden: canonical comparison ignores layout, not content") {
    CHECK(canonical("<a x='1' y=\"2\"><b/>\n  <c>t</c></a>") ==
          canonical("<?xml version=\"1.0\"?><a y=\"2\" x=\"1\"><b></b><c>t</c></a>"));
    CHECK(canonical("<a><c>t</c></a>") != canonical("<a><c>u</c></a>"));
    CHECK(canonical("<a x='1'/>") != canonical("<a x='2'/>"));
    CHECK(canonical("<a><b/><c/></a>") != canonical("<a><c/><b/></a>"));
}
