// The manifest: its text form, what is not a manifest, and how a run's
// results change it.
#include "batch/manifest.hpp"
#include "batch/runner.hpp"

#include <doctest/doctest.h>

using namespace chronik;
using namespace chronik::batch;

namespace {

const std::string hash_a(64, 'a');
const std::string hash_b(64, 'b');
const std::string hash_c(64, 'c');

Manifest sample() {
    Manifest m;
    m.jobs["zeta"] = {hash_a,
                      {{"print/z.pdf", "pdf", 1234, 10, 1700000000123456789, hash_b},
                       {"print/z.md", "md", 99, std::nullopt, 17, hash_c}}};
    m.jobs["alpha"] = {hash_c, {{"a.docx", "docx", 5, std::nullopt, 0, hash_a}}};
    return m;
}

} // namespace

TEST_CASE("manifest: written sorted by job name, read back the same") {
    const auto text = serialise(sample());
    CHECK(text == "chronik-manifest 1\n"
                  "job\talpha\t" +
                      hash_c +
                      "\n"
                      "output\ta.docx\tdocx\t5\t-\t0\t" +
                      hash_a +
                      "\n"
                      "job\tzeta\t" +
                      hash_a +
                      "\n"
                      "output\tprint/z.pdf\tpdf\t1234\t10\t1700000000123456789\t" +
                      hash_b +
                      "\n"
                      "output\tprint/z.md\tmd\t99\t-\t17\t" +
                      hash_c + "\n");
    const auto back = parse_manifest(text);
    REQUIRE(back);
    CHECK(*back == sample());
    CHECK(serialise(*back) == text);
    CHECK(parse_manifest("chronik-manifest 1\n") == std::optional<Manifest>(Manifest{}));
}

TEST_CASE("manifest: anything else is not a manifest") {
    const std::string good = serialise(sample());
    const std::vector<std::string> bad = {
        "",
        "chronik-manifest 2\n",
        "chronik-manifest 1",                                           // cut: no newline
        good.substr(0, good.size() - 1),                                // cut in the last line
        "chronik-manifest 1\noutput\ta\tmd\t1\t-\t0\t" + hash_a + "\n", // output before any job
        "chronik-manifest 1\njob\ta\txyz\n",                            // not a hash
        "chronik-manifest 1\njob\ta\t" + hash_a + "\njob\ta\t" + hash_a + "\n", // twice
        "chronik-manifest 1\njob\ta\t" + hash_a + "\noutput\tx\tmd\tbig\t-\t0\t" + hash_a + "\n",
        "chronik-manifest 1\njob\ta\t" + hash_a + "\noutput\tx\tmd\t1\t-1\t0\t" + hash_a + "\n",
        "chronik-manifest 1\njob\ta\t" + hash_a + "\noutput\tx\tmd\t1\t-\t0\n",
        "chronik-manifest 1\nhello\n",
    };
    for (const auto& text : bad) {
        CAPTURE(text);
        CHECK(!parse_manifest(text));
    }
}

TEST_CASE("manifest: after a run, records are set, kept or dropped as the results say") {
    // Five jobs: written, up to date, failed before writing, failed after
    // writing some outputs, cancelled; and one job of another job file.
    std::vector<Job> jobs(5);
    const char* names[] = {"written", "uptodate", "failed", "halfway", "cancelled"};
    Plan plan;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        jobs[i].name = names[i];
        plan.manifest.jobs[names[i]] = {hash_a, {}};
        PlannedJob p;
        p.job = &jobs[i];
        plan.jobs.push_back(p);
    }
    plan.manifest.jobs["other-file"] = {hash_b, {}};
    std::vector<JobResult> results(5);
    results[0].status = Status::Written;
    results[0].record = ManifestJob{hash_c, {{"w.md", "md", 1, std::nullopt, 1, hash_c}}};
    results[1].status = Status::UpToDate;
    results[1].record = ManifestJob{hash_a, {{"u.md", "md", 2, std::nullopt, 2, hash_a}}};
    results[2].status = Status::Failed;
    results[3].status = Status::Failed;
    results[3].dropped = true;
    results[4].status = Status::Cancelled;

    const auto m = updated_manifest(plan, results);
    CHECK(m.jobs.at("written") == *results[0].record);
    CHECK(m.jobs.at("uptodate") == *results[1].record);
    CHECK(m.jobs.at("failed").hash == hash_a);    // its old outputs are still there
    CHECK(m.jobs.count("halfway") == 0);          // some new, some old: render it next time
    CHECK(m.jobs.at("cancelled").hash == hash_a); // untouched
    CHECK(m.jobs.at("other-file").hash == hash_b);
}

TEST_CASE("manifest: the files made beside the outputs follow them, read back the same") {
    Manifest m;
    m.jobs["web"] = {hash_a,
                     {{"w.html", "html", 10, std::nullopt, 5, hash_b}},
                     {{"images/a-0123456789abcdef.png", "html", 3, std::nullopt, 6, hash_c}}};
    const auto text = serialise(m);
    CHECK(text == "chronik-manifest 1\njob\tweb\t" + hash_a + "\noutput\tw.html\thtml\t10\t-\t5\t" +
                      hash_b + "\nfile\timages/a-0123456789abcdef.png\thtml\t3\t-\t6\t" + hash_c +
                      "\n");
    const auto back = parse_manifest(text);
    REQUIRE(back);
    CHECK(*back == m);
    CHECK(!parse_manifest("chronik-manifest 1\nfile\tx.png\thtml\t3\t-\t6\t" + hash_c + "\n"));
}
