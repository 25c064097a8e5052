// Print colour through the chronik command: cmyk() colours and the <print>
// and <images> sections of a style sheet, refused at their line when wrong
// (docs/styles.md), and rendered in every format when right; the screen
// formats show a CMYK colour as its look through the output profile.
#include "hostile_helpers.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace chronik::hostile;
using chronik::test::files_in;
namespace test = chronik::test;

namespace {

const fs::path sample = test::source_dir / "data/lecos-chronik.xml";
const fs::path fogra39 =
    "/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc";
const fs::path srgb_icc = "/usr/share/color/icc/sRGB.icc";

} // namespace

TEST_CASE("print colour: a bad cmyk() colour is refused at its attribute, in every format") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    test::write_file(dir / "ink.xml", "<style name=\"x\">\n"
                                      "  <role name=\"title\" color=\"cmyk(0%, 0%, 0%, 100%)\"/>\n"
                                      "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 101%)\"/>\n"
                                      "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "ink.xml:3:21: error: color 'cmyk(0%, 0%, 0%, 101%)': K 101% is not a whole "
                   "per cent from 0 to 100",
                   {"-s", "ink.xml"});
    test::write_file(dir / "form.xml", "<style name=\"x\">\n\n"
                                       "  <role name=\"body\" color=\"cmyk(0, 0, 100)\"/>\n"
                                       "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "form.xml:3:21: error: color 'cmyk(0, 0, 100)' is not of the form #RRGGBB or "
                   "cmyk(C%, M%, Y%, K%)",
                   {"-s", "form.xml"});
    const auto r = run({"check", "ink.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("ink.xml:3:21: error:") != std::string::npos);
    CHECK(r.err.find("ink.xml:2:") == std::string::npos); // the good colour is not named
}

TEST_CASE("print colour: an output profile that is not CMYK is refused at its attribute") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    fs::copy_file(srgb_icc, dir / "screen.icc");
    test::write_file(dir / "rgb.xml", "<style name=\"x\">\n"
                                      "  <print bleed=\"3mm\"\n"
                                      "         profile=\"screen.icc\"/>\n"
                                      "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "rgb.xml:3:10: error: profile: 'screen.icc' is a profile for RGB colour, not "
                   "CMYK",
                   {"-s", "rgb.xml"});
    // A sheet in another folder: the profile is found beside the sheet, and
    // a missing one is named with that path.
    fs::create_directories(dir / "sheets");
    test::write_file(dir / "sheets" / "gone.xml", "<style name=\"x\">\n"
                                                  "  <print profile=\"press.icc\"/>\n"
                                                  "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "sheets/gone.xml:2:10: error: profile: cannot read ICC profile "
                   "'sheets/press.icc'",
                   {"-s", "sheets/gone.xml"});
    fs::copy_file(fogra39, dir / "sheets" / "press.icc");
    const auto ok = run({"check", "sheets/gone.xml"}, dir.path());
    CHECK_MESSAGE(ok.status == 0, ok.err);
    // Not ICC at all: a text file named .icc.
    test::write_file(dir / "fake.icc", "this is not a profile\n");
    test::write_file(dir / "fake.xml", "<style name=\"x\"><print profile=\"fake.icc\"/></style>\n");
    const auto r = run({"check", "fake.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("fake.xml:1:24: error: profile: 'fake.icc' is not an ICC profile") !=
          std::string::npos);
}

TEST_CASE("print colour: bleed and resolutions out of range are refused at their attribute") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    test::write_file(dir / "bleed.xml", "<style name=\"x\">\n"
                                        "  <page size=\"A5\"/>\n"
                                        "  <print crop-marks=\"true\" bleed=\"30mm\"/>\n"
                                        "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "bleed.xml:3:28: error: bleed '30mm' is out of range (0 to 20 mm)",
                   {"-s", "bleed.xml"});
    test::write_file(dir / "ppi.xml", "<style name=\"x\">\n"
                                      "  <images print-ppi=\"300\" print-max-ppi=\"200\"/>\n"
                                      "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "ppi.xml:2:27: error: print-max-ppi (200) is below print-ppi (300)",
                   {"-s", "ppi.xml"});
    test::write_file(dir / "ppi2.xml", "<style name=\"x\">\n"
                                       "  <images print-ppi=\"400\" print-max-ppi=\"350\"/>\n"
                                       "</style>\n");
    expect_refused(dir.path(), "c.xml",
                   "ppi2.xml:2:27: error: print-max-ppi (350) is below print-ppi (400)",
                   {"-s", "ppi2.xml"});
}

TEST_CASE("print colour: a sheet in CMYK with its own profile renders in every format") {
    test::TempDir dir;
    fs::copy_file(sample, dir / "c.xml");
    fs::copy_file(fogra39, dir / "press.icc");
    test::write_file(dir / "cmyk.xml",
                     "<style name=\"x\">\n"
                     "  <role name=\"body\" color=\"cmyk(0%, 0%, 0%, 90%)\"/>\n"
                     "  <role name=\"milestone-date\" color=\"cmyk(100%, 60%, 0%, 20%)\"/>\n"
                     "  <print bleed=\"3\" crop-marks=\"true\" profile=\"press.icc\"/>\n"
                     "  <images screen-ppi=\"120\"/>\n"
                     "</style>\n");
    expect_rendered(dir.path(), "c.xml", {"-s", "cmyk.xml"});
}
