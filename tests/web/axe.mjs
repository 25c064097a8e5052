// web.axe: axe-core (npm axe-core) in Debian's headless chromium (puppeteer-core, no browser
// download) on chronik's HTML of the sample and of tests/cases/rich: WCAG 2.0/2.1 A and AA,
// at 360x800 and 1280x800, each in the light and the dark colour scheme. Passes with 0
// violations and no request that left file://; prints the rules that ran and the counts.
//
//   node axe.mjs --chronik BIN --out DIR
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, fail, fileUrl, finish, freshDir, launch, moduleFile, offlinePage, parseArgs, render, SOURCE_DIR } from "./common.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1280, height: 800 },
];
const SCHEMES = ["light", "dark"];

const args = parseArgs();
const out = freshDir(args.out);
const axeSource = readFileSync(moduleFile("axe-core/axe.min.js"), "utf8");
const pages = [
  ["sample", render(args.chronik, join(SOURCE_DIR, "data/lecos-chronik.xml"), join(out, "sample"), "html")],
  ["rich", render(args.chronik, join(SOURCE_DIR, "tests/cases/rich/input.xml"), join(out, "rich"), "html")],
];

const { browser, close } = await launch();
const ran = new Set();
try {
  for (const [name, file] of pages) {
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) {
        const label = `${name} ${viewport.width}px ${scheme}`;
        const page = await offlinePage(browser, viewport);
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.goto(fileUrl(file), { waitUntil: "load" });
        // axe is evaluated in the page, not added as a <script> (the page has none).
        await page.evaluate(axeSource);
        const result = await page.evaluate(
          (tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }),
          TAGS,
        );
        for (const kind of ["passes", "inapplicable", "incomplete", "violations"])
          for (const rule of result[kind]) ran.add(rule.id);
        process.stdout.write(
          `${label}: ${result.violations.length} violations, ${result.passes.length} rules passed, ` +
            `${result.incomplete.length} incomplete, ${result.inapplicable.length} inapplicable\n`,
        );
        for (const v of result.violations) {
          fail(`${label}: ${v.id} (${v.impact}): ${v.help} (${v.helpUrl})`);
          for (const node of v.nodes)
            process.stdout.write(`    ${node.target.join(" ")}: ${node.failureSummary.replace(/\n/g, " | ")}\n      ${node.html}\n`);
        }
        for (const v of result.incomplete)
          process.stdout.write(
            `    incomplete (needs review): ${v.id} on ${v.nodes.length} nodes: ` +
              v.nodes
                .slice(0, 5)
                .map((n) => `${n.target.join(" ")} (${(n.any[0] && n.any[0].data && n.any[0].data.messageKey) || "?"})`)
                .join(", ") +
              "\n",
          );
        check(page.blocked.length === 0, `${label}: requests left file://: ${page.blocked.join(", ")}`);
        await page.close();
      }
    }
  }
} finally {
  await close();
}
process.stdout.write(`rules that ran (${ran.size}): ${[...ran].sort().join(" ")}\n`);
check(ran.has("color-contrast"), "axe did not run color-contrast");
finish("web.axe");
