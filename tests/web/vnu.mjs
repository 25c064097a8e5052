// web.vnu: the Nu Html Checker (npm vnu-jar, on Debian's java) reads chronik's HTML of the
// sample, of tests/cases/rich (pictures copied, and embedded as data: URIs) and of every
// hostile chronicle of tests/html/hostile. Passes with 0 errors and 0 warnings in each
// file; prints the counts per file and every message. One JVM for all the files.
//
//   node vnu.mjs --chronik BIN --out DIR
import { join, relative } from "node:path";
import { check, finish, freshDir, hostileInputs, moduleFile, parseArgs, render, run, SOURCE_DIR } from "./common.mjs";

const args = parseArgs();
const out = freshDir(args.out);
const jar = moduleFile("vnu-jar/build/dist/vnu.jar");

const cases = [
  ["sample", join(SOURCE_DIR, "data/lecos-chronik.xml"), []],
  ["rich", join(SOURCE_DIR, "tests/cases/rich/input.xml"), []],
  ["rich-embed", join(SOURCE_DIR, "tests/cases/rich/input.xml"), ["-O", "html.images=embed"]],
  ...hostileInputs().map((f) => [`hostile-${f.replace(/^.*\//, "").replace(/\.xml$/, "")}`, f, []]),
];
const files = cases.map(([name, input, extra]) => render(args.chronik, input, join(out, name), "html", extra));

// --format json --stdout: errors, and warnings as type "info" with subType "warning"; no
// --errors-only, so warnings count. vnu exits 1 when it found errors: the JSON says which.
const r = run("java", ["-jar", jar, "--format", "json", "--stdout", ...files], "apt-get install default-jre-headless");
let report;
try {
  report = JSON.parse(r.stdout);
} catch (e) {
  process.stderr.write(r.stdout + r.stderr);
  process.stderr.write(`vnu did not answer JSON (exit ${r.status}): ${e.message}\n`);
  process.exit(1);
}

const counts = new Map(files.map((f) => [f, { errors: 0, warnings: 0, info: 0 }]));
for (const m of report.messages) {
  const file = m.url ? decodeURIComponent(m.url.replace(/^file:/, "")) : "(none)";
  const c = counts.get(file) ?? { errors: 0, warnings: 0, info: 0 };
  counts.set(file, c);
  const kind = m.type === "info" ? (m.subType === "warning" ? "warning" : "info") : "error";
  c[kind === "error" ? "errors" : kind === "warning" ? "warnings" : "info"]++;
  const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 0}` : "";
  process.stdout.write(`${relative(out, file)}${where}: ${kind}: ${m.message}\n`);
  if (m.extract) process.stdout.write(`    ${JSON.stringify(m.extract)}\n`);
}
for (const [file, c] of counts) {
  process.stdout.write(`${relative(out, file)}: ${c.errors} errors, ${c.warnings} warnings, ${c.info} info\n`);
  check(c.errors === 0 && c.warnings === 0, `${relative(out, file)}: vnu found ${c.errors} errors and ${c.warnings} warnings`);
}
check(counts.size === files.length, "vnu reported on a file that was not given to it");
finish(`web.vnu (${files.length} files)`);
