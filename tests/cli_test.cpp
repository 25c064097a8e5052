// The chronik command as a user runs it: exit codes, messages, files.
#include "helpers.hpp"

#include "cli/arguments.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace chronik;
using test::run_chronik;
namespace fs = std::filesystem;
using test::files_in;

namespace {
const std::string sample = (test::source_dir / "data/lecos-chronik.xml").string();

} // namespace

TEST_CASE("cli: help, version, formats") {
    auto r = run_chronik({"--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("usage: chronik COMMAND") != std::string::npos);
    CHECK(r.out.find("render FILE...") != std::string::npos);
    r = run_chronik({"render", "--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("--from YEAR") != std::string::npos);
    CHECK(r.out.find("exit status: 0 all written, 1 bad input or a failed render, 2 usage error") !=
          std::string::npos);
    r = run_chronik({"help", "check"});
    CHECK(r.status == 0);
    CHECK(r.out.find("usage: chronik check FILE...") != std::string::npos);
    r = run_chronik({"--version"});
    CHECK(r.status == 0);
    CHECK(r.out.rfind("chronik ", 0) == 0);
    r = run_chronik({"formats"});
    CHECK(r.status == 0);
    // name and extension in columns as wide as the longest name needs
    CHECK(r.out.find("\nmd ") != std::string::npos);
    CHECK(r.out.find(" .md ") != std::string::npos);
}

TEST_CASE("cli: usage errors exit with 2 and say what is wrong") {
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{}, "no command given"},
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"render"}, "'render' needs at least one FILE"},
        {{"check"}, "'check' needs at least one FILE"},
        {{"render", sample, "--bogus"}, "unknown option '--bogus'"},
        {{"render", sample, "-f", "pdfx"}, "unknown format 'pdfx' (available: "},
        {{"render", sample, "--from", "abc"}, "--from needs a year (1 to 9999), not 'abc'"},
        {{"render", sample, "--from", "2020", "--to", "2010"}, "--from 2020 lies after --to 2010"},
        {{"render", sample, "--order", "random"},
         "--order 'random' is not one of: written, oldest, newest"},
        {{"render", sample, "--lang", "fr"}, "--lang 'fr': no built-in words for it"},
        {{"render", sample, "--lang", "x!"}, "is not a BCP 47 language tag"},
        {{"render", sample, "-o"}, "-o"},
        {{"render", sample, "data/lecos-chronik.xml"}, "would write outputs of the same name"},
        {{"formats", "x"}, "'formats' takes no arguments"},
    };
    for (const auto& c : cases) {
        std::string joined;
        for (const auto& a : c.args)
            joined += a + " ";
        CAPTURE(joined);
        const auto r = run_chronik(c.args);
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
    }
    const auto r = run_chronik({"render", sample, "-f", "md", "-o", "/tmp"}, fs::current_path(),
                               "SOURCE_DATE_EPOCH=yesterday");
    CHECK(r.status == 2);
    CHECK(r.err.find("SOURCE_DATE_EPOCH must be a whole number") != std::string::npos);
}

TEST_CASE("cli: check reports every error and exits 1, warnings alone exit 0") {
    test::TempDir dir;
    test::write_file(
        dir / "bad.xml",
        "<chronicle>\n<title>T</title>\n<milestone "
        "date=\"2021-02-30\"><p>x</p></milestone>\n<milestone date=\"2000\"/>\n</chronicle>\n");
    test::write_file(dir / "warn.xml",
                     "<chronicle><title>T</title>\n<period label=\"1990\"/></chronicle>\n");
    auto r = run_chronik({"check", "bad.xml", "warn.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("bad.xml:3:12: error: date '2021-02-30' does not exist") != std::string::npos);
    CHECK(r.err.find("bad.xml:4:1: error: the milestone is empty") != std::string::npos);
    CHECK(r.err.find("warn.xml:2: warning: period '1990' has no milestones") != std::string::npos);
    CHECK(r.out.find("warn.xml: ok (1 periods, 0 milestones, 1 warning)") != std::string::npos);
    r = run_chronik({"check", "warn.xml"}, dir.path());
    CHECK(r.status == 0);
    r = run_chronik({"check", (test::source_dir / "styles/booklet.xml").string()});
    CHECK(r.status == 0);
    CHECK(r.out.find("ok (style sheet 'booklet')") != std::string::npos);
    r = run_chronik({"check", "missing.xml"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("missing.xml: error: cannot open file: No such file or directory") !=
          std::string::npos);
}

TEST_CASE("cli: render writes one file per format, named after the input") {
    test::TempDir dir;
    const auto r = run_chronik({"render", sample, "-f", "md", "-o", (dir / "out/nested").string()});
    CHECK(r.status == 0);
    CHECK(r.out.find("wrote ") != std::string::npos);
    CHECK(files_in(dir / "out/nested") == std::vector<std::string>{"lecos-chronik.md"});
    CHECK(fs::file_size(dir / "out/nested/lecos-chronik.md") > 10000);
    const auto perms = fs::status(dir / "out/nested/lecos-chronik.md").permissions();
    CHECK((perms & fs::perms::owner_read) != fs::perms::none);
    CHECK((perms & fs::perms::others_read) != fs::perms::none);
    // -q prints nothing on success
    const auto q = run_chronik({"render", sample, "-q", "-f", "md", "-o", dir.path().string()});
    CHECK(q.status == 0);
    CHECK(q.out.empty());
}

TEST_CASE("cli: bad input exits 1 and leaves no output, partial or temporary") {
    test::TempDir dir;
    test::write_file(
        dir / "bad.xml",
        "<chronicle><title>T</title><milestone date=\"2000\"><p>x</milestone></chronicle>");
    const auto r = run_chronik({"render", "bad.xml", "-f", "md", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("bad.xml:1: error: not well-formed XML") != std::string::npos);
    CHECK(files_in(dir / "out").empty());
}

TEST_CASE("cli: one bad file does not stop the others") {
    test::TempDir dir;
    test::write_file(
        dir / "good.xml",
        "<chronicle><title>T</title><milestone date=\"2000\"><p>x</p></milestone></chronicle>");
    test::write_file(dir / "bad.xml", "<chronicle><title>T</title><milestone "
                                      "date=\"2000-02-30\"><p>x</p></milestone></chronicle>");
    const auto r =
        run_chronik({"render", "bad.xml", "good.xml", "-f", "md", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK(files_in(dir / "out") == std::vector<std::string>{"good.md"});
}

TEST_CASE("cli: a failed render keeps the previous output untouched") {
    test::TempDir dir;
    test::write_file(
        dir / "x.xml",
        "<chronicle><title>T</title><milestone date=\"2000\"><p>first</p></milestone></chronicle>");
    REQUIRE(run_chronik({"render", "x.xml", "-f", "md"}, dir.path()).status == 0);
    const auto before = test::read_file(dir / "x.md");
    CHECK(before.find("first") != std::string::npos);
    test::write_file(
        dir / "x.xml",
        "<chronicle><title>T</title><milestone date=\"2000\"><p>second</milestone></chronicle>");
    CHECK(run_chronik({"render", "x.xml", "-f", "md"}, dir.path()).status == 1);
    CHECK(test::read_file(dir / "x.md") == before);
    CHECK(files_in(dir.path()) == std::vector<std::string>{"x.md", "x.xml"});
}

TEST_CASE("cli: an output folder that cannot be written exits 1") {
    test::TempDir dir;
    test::write_file(dir / "file", "not a folder");
    const auto r = run_chronik({"render", sample, "-f", "md", "-o", (dir / "file").string()});
    CHECK(r.status == 1);
    CHECK(r.err.find("error: cannot create the output folder") != std::string::npos);
}

TEST_CASE("cli: styles by name and by file, a bad style exits 1") {
    test::TempDir dir;
    CHECK(run_chronik({"render", sample, "-f", "md", "-s", "booklet", "-o", dir.path().string()})
              .status == 0);
    test::write_file(dir / "bad-style.xml", "<style>\n<role name=\"body\" size=\"huge\"/></style>");
    auto r =
        run_chronik({"render", sample, "-f", "md", "-s", "bad-style.xml", "-o", "out"}, dir.path());
    CHECK(r.status == 1);
    CHECK(r.err.find("bad-style.xml:2:19: error: size 'huge' is not a length") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out/lecos-chronik.md"));
    r = run_chronik({"render", sample, "-f", "md", "-s", "glossy"});
    CHECK(r.status == 1);
    CHECK(r.err.find("no built-in style of that name") != std::string::npos);
}

TEST_CASE("cli: filters, language and order reach the output") {
    test::TempDir dir;
    const auto r = run_chronik({"render", sample, "-f", "md", "-o", dir.path().string(), "--from",
                                "2019", "--to", "2019", "--lang", "en", "--order", "oldest"});
    REQUIRE(r.status == 0);
    const auto md = test::read_file(dir / "lecos-chronik.md");
    CHECK(md.find("## Contents\n\n- [2019](#p-2019)\n\n") != std::string::npos);
    CHECK(md.find("## 2020") == std::string::npos);
    CHECK(md.find("*February 2019*") < md.find("*1 July 2019*"));
    const auto c = run_chronik(
        {"render", sample, "-f", "md", "-o", dir.path().string(), "--category", "awards,events"});
    REQUIRE(c.status == 0);
    const auto md2 = test::read_file(dir / "lecos-chronik.md");
    CHECK(md2.find("Great Place to Work") != std::string::npos);
    CHECK(md2.find("DigitalPakt") == std::string::npos);
}

TEST_CASE("cli: --pdf-standard is parsed into the set the PDF claims") {
    using Archive = render::PdfStandards::Archive;
    auto parsed = [](std::vector<std::string> extra, const std::string& command = "render") {
        std::vector<std::string> argv = {command, "c.xml"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return cli::parse_arguments(argv).pdf_standards;
    };
    // The default: PDF/UA-1 and PDF/A-2a.
    CHECK(parsed({}) == render::PdfStandards{true, Archive::A2a});
    CHECK(parsed({}).spelled() == "ua-1,a-2a");
    CHECK(parsed({"--pdf-standard", "a-2b"}) == render::PdfStandards{false, Archive::A2b});
    CHECK(parsed({"--pdf-standard", "a-2u, ua-1"}) == render::PdfStandards{true, Archive::A2u});
    CHECK(parsed({"--pdf-standard=ua-1"}) == render::PdfStandards{true, Archive::None});
    CHECK(parsed({"--pdf-standard", "ua-1,1.7,ua-1"}).spelled() == "ua-1");
    CHECK(parsed({"--pdf-standard", "none"}) == render::PdfStandards::none());
    CHECK(parsed({"--pdf-standard", "1.7"}) == render::PdfStandards::none());
    CHECK(parsed({"--pdf-standard", "a-2a"}, "check") == render::PdfStandards{false, Archive::A2a});

    auto refused = [](std::vector<std::string> extra, const std::string& command = "render") {
        std::vector<std::string> argv = {command, "c.xml"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        try {
            cli::parse_arguments(argv);
        } catch (const cli::UsageError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(refused({"--pdf-standard", "a-2a,a-2b"}) ==
          "--pdf-standard 'a-2a,a-2b' names two PDF/A levels, 'a-2a' and 'a-2b'; a PDF conforms "
          "to one level of PDF/A");
    CHECK(refused({"--pdf-standard", "ua-1,none"}) ==
          "--pdf-standard 'ua-1,none' names 'none' and 'ua-1'; 'none' claims no standard and "
          "goes alone");
    CHECK(refused({"--pdf-standard", "x-4,1.7"}, "check") ==
          "--pdf-standard 'x-4,1.7' names '1.7' and 'x-4'; a PDF/X-4 file is PDF 1.6");
    CHECK(refused({"--pdf-standard", "a-3b"}) ==
          "--pdf-standard 'a-3b' names 'a-3b', which is not a standard chronik knows (known: "
          "ua-1, a-2b, a-2u, a-2a, x-4, 1.7, none)");
    CHECK(refused({"--pdf-standard", "a-2b,"}) == "--pdf-standard 'a-2b,' has an empty item");
    CHECK(refused({"--pdf-standard"}) == "option '--pdf-standard' needs a value");
    // Given twice, like every option that is not a list.
    CHECK(refused({"--pdf-standard", "none", "--pdf-standard", "a-2b"}).find("more than once") !=
          std::string::npos);
    CHECK(refused({"--pdf-standard", "a-2b"}, "batch").find("unknown option") == 0);
}

TEST_CASE("cli: render --help describes --pdf-standard and what the default claims") {
    const auto r = run_chronik({"render", "--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("--pdf-standard LIST") != std::string::npos);
    CHECK(r.out.find("ua-1, a-2b, a-2u, a-2a, x-4, 1.7, none (default: ua-1,a-2a)") !=
          std::string::npos);
    CHECK(r.out.find("claims PDF/UA-1 and PDF/A-2a") != std::string::npos);
    const auto c = run_chronik({"check", "--help"});
    CHECK(c.out.find("--pdf-standard LIST") != std::string::npos);
}
