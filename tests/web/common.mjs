// What the web tests share: their arguments, rendering with the built chronik into a
// fresh folder, and a headless chromium that may load file:// and data: URLs only.
// A missing tool (java, chromium, node_modules, pdftotext) fails the test, naming it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = resolve(WEB_DIR, "../..");
export const CHROMIUM = process.env.CHRONIK_CHROMIUM || "/usr/bin/chromium";

// The flags of a quiet, reproducible headless chromium that phones nowhere.
const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--font-render-hinting=none",
];

let failures = 0;

export function fail(message) {
  failures++;
  process.stdout.write(`FAIL: ${message}\n`);
}

export function check(condition, message) {
  if (!condition) fail(message);
  return condition;
}

// A tool the test cannot run without: exit 1 at once, saying how to get it.
export function missing(what, how) {
  process.stderr.write(`${what} is missing: ${how}\n`);
  process.exit(1);
}

// The end of a test: exit 1 when any check failed.
export function finish(name) {
  if (failures > 0) {
    process.stdout.write(`${name}: ${failures} check(s) failed\n`);
    process.exit(1);
  }
  process.stdout.write(`${name}: all checks passed\n`);
}

// --chronik BIN --out DIR, then the rest: the inputs.
export function parseArgs(argv = process.argv.slice(2)) {
  const args = { chronik: null, out: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--chronik") args.chronik = argv[++i];
    else if (argv[i] === "--out") args.out = argv[++i];
    else args.rest.push(argv[i]);
  }
  if (!args.chronik || !args.out) {
    process.stderr.write("usage: node SCRIPT.mjs --chronik BIN --out DIR [INPUT...]\n");
    process.exit(2);
  }
  return args;
}

// An empty folder (what an earlier run left is removed first).
export function freshDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

// chronik render INPUT -f FORMAT -o DIR [EXTRA...]: the path of the output.
export function render(chronik, input, dir, format, extra = [], extension = `.${format}`) {
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? "0" };
  const r = spawnSync(chronik, ["render", input, "-f", format, "-o", dir, ...extra], {
    encoding: "utf8",
    env,
  });
  if (r.error) missing(`chronik (${chronik})`, r.error.message);
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.stderr.write(`chronik render ${input} -f ${format} exited ${r.status}\n`);
    process.exit(1);
  }
  const out = join(dir, basename(input).replace(/\.xml$/, "") + extension);
  if (!existsSync(out)) {
    process.stderr.write(`chronik render wrote no ${out}\n`);
    process.exit(1);
  }
  return out;
}

// The chronicles of tests/html/hostile (the HTML renderer's hostile cases); none is an error.
export function hostileInputs() {
  const dir = join(SOURCE_DIR, "tests/html/hostile");
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".xml"))
        .sort()
        .map((f) => join(dir, f))
    : [];
  if (files.length === 0) {
    process.stderr.write(`no hostile chronicles in ${dir}\n`);
    process.exit(1);
  }
  return files;
}

// A file of an npm package in tests/web/node_modules (npm ci there).
export function moduleFile(specifier) {
  const require = createRequire(join(WEB_DIR, "package.json"));
  try {
    return require.resolve(specifier);
  } catch (e) {
    missing(
      specifier,
      "run `npm ci --ignore-scripts` in tests/web (scripts/install-deps.sh --test does)",
    );
  }
}

export async function puppeteer() {
  const file = moduleFile("puppeteer-core");
  return (await import(pathToFileURL(file).href)).default;
}

// Headless chromium with a profile of its own, removed by close().
export async function launch() {
  if (!existsSync(CHROMIUM)) missing(`chromium (${CHROMIUM})`, "apt-get install chromium");
  const pptr = await puppeteer();
  const profile = mkdtempSync(join(tmpdir(), "chronik-web-"));
  const browser = await pptr.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    userDataDir: profile,
    headless: true,
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A page that may load file:// and data: URLs and nothing else: every other request is
// aborted and kept in page.blocked (a test fails when it is not empty).
export async function offlinePage(browser, { width = 1280, height = 800 } = {}) {
  const page = await browser.newPage();
  page.blocked = [];
  page.consoleErrors = [];
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("file://") || url.startsWith("data:")) request.continue();
    else {
      page.blocked.push(url);
      request.abort();
    }
  });
  page.on("pageerror", (e) => page.consoleErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") page.consoleErrors.push(m.text());
  });
  return page;
}

export function fileUrl(path) {
  return pathToFileURL(resolve(path)).href;
}

// Runs a program; a missing one fails the test.
export function run(program, args, how, options = {}) {
  const r = spawnSync(program, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options });
  if (r.error && r.error.code === "ENOENT") missing(program, how);
  if (r.error) throw r.error;
  return r;
}
