// web.timeline: chronik's TimelineJS3 JSON of the sample, parsed, then loaded into TimelineJS
// itself (npm @knight-lab/timelinejs, from node_modules) in headless chromium from file://
// with the network shut: every request that is not file:// or data: is aborted and fails
// the test. Passes when the JSON has one event per milestone of the sample (counted in its
// XML), each with a start_date.year and a headline or text, and TimelineJS builds one
// slide per event (plus the title slide) and one marker per event, without a page error.
// (The fields and dates in depth are tests/timeline's check; this is the real client.)
//
//   node timeline.mjs --chronik BIN --out DIR
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, fail, fileUrl, finish, freshDir, launch, moduleFile, offlinePage, parseArgs, render, SOURCE_DIR } from "./common.mjs";

const args = parseArgs();
const out = freshDir(args.out);
const input = join(SOURCE_DIR, "data/lecos-chronik.xml");
// The default (a row of the time axis per period), and timeline.groups=none (one row), the
// way a press team embeds the sample's 22 one-year periods.
async function run(variant, options) {
  const json = render(args.chronik, input, join(out, variant), "timeline", options, ".json");

  let data;
  try {
    data = JSON.parse(readFileSync(json, "utf8"));
  } catch (e) {
    fail(`${json} is not JSON: ${e.message}`);
    finish("web.timeline");
  }
  const milestones = (readFileSync(input, "utf8").match(/<milestone\b/g) || []).length;
  const events = Array.isArray(data.events) ? data.events : [];
  process.stdout.write(`${variant}: ${json}: ${events.length} events, ${milestones} milestones in ${input}, title ${data.title ? "yes" : "no"}\n`);
  check(events.length === milestones, `${events.length} events for ${milestones} milestones`);
  for (const [i, e] of events.entries()) {
    check(e.start_date && /^-?\d+$/.test(String(e.start_date.year)), `event ${i}: no start_date.year`);
    check((e.text && (e.text.headline || e.text.text)) || (e.media && e.media.url), `event ${i}: neither text nor media`);
  }

  // The page TimelineJS runs in, beside the JSON (so relative media URLs resolve as there).
  // Its fonts, language and script path are node_modules' files; font: null loads no web font.
  const js = moduleFile("@knight-lab/timelinejs/dist/js/timeline.js");
  const css = join(dirname(js), "../css/timeline.css");
  const harness = join(dirname(json), "timeline.html");
  writeFileSync(
    harness,
    `<!DOCTYPE html>
  <html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
  <link rel="stylesheet" href="${pathToFileURL(css).href}">
  <script src="${pathToFileURL(js).href}"></script>
  </head><body style="margin:0"><div id="timeline" style="width:1280px;height:700px"></div></body></html>
  `,
  );

  const { browser, close } = await launch();
  try {
    const page = await offlinePage(browser, { width: 1280, height: 800 });
    await page.goto(fileUrl(harness), { waitUntil: "load" });
    check(await page.evaluate(() => typeof TL === "object" && typeof TL.Timeline === "function"), "TimelineJS did not load (no TL.Timeline)");
    await page.evaluate(
      (data, scriptPath) => {
        window.timelineReady = false;
        window.timeline = new TL.Timeline("timeline", data, {
          script_path: scriptPath,
          font: null,
          language: "en",
          hash_bookmark: false,
          duration: 0,
        });
        window.timeline.on("loaded", () => (window.timelineReady = true));
      },
      data,
      pathToFileURL(dirname(js)).href + "/",
    );
    const ready = await page
      .waitForFunction(() => window.timelineReady === true, { timeout: 10000, polling: 100 })
      .then(() => true, () => false);
    check(ready, "TimelineJS did not finish loading the JSON (no 'loaded' event in 10 s)");
    if (!ready) {
      // TimelineJS says why in its message box (e.g. a config it refuses).
      const said = await page.evaluate(() => document.querySelector("#timeline").innerText.trim());
      process.stdout.write(`TimelineJS says: ${said.replace(/\s*\n\s*/g, " | ").slice(0, 2000)}\n`);
    }
    const built = await page.evaluate(() => ({
      slides: document.querySelectorAll("#timeline .tl-slide").length,
      titleSlides: document.querySelectorAll("#timeline .tl-slide-titleslide").length,
      markers: document.querySelectorAll("#timeline .tl-timemarker").length,
      message: (document.querySelector("#timeline .tl-message-full") || {}).textContent || "",
      headline: (document.querySelector("#timeline .tl-slide .tl-headline") || {}).textContent || "",
    }));
    const expectedSlides = events.length + (data.title ? 1 : 0);
    process.stdout.write(
      `TimelineJS ${await page.evaluate(() => (TL.version || "").toString())}: ${built.slides} slides ` +
        `(${built.titleSlides} title), ${built.markers} markers; first headline "${built.headline.trim()}"\n`,
    );
    check(built.slides === expectedSlides, `TimelineJS built ${built.slides} slides, expected ${expectedSlides}`);
    check(built.markers === events.length, `TimelineJS built ${built.markers} markers, expected ${events.length}`);
    check(page.consoleErrors.length === 0, `page errors: ${page.consoleErrors.join(" | ")}`);
    check(page.blocked.length === 0, `TimelineJS tried the network: ${page.blocked.join(", ")}`);
    // TimelineJS lays its slides and time axis out after "loaded"
    await new Promise((r) => setTimeout(r, 1500));
    await page.screenshot({ path: join(out, `timeline-${variant}-1280.png`) });
    process.stdout.write(`screenshot: ${join(out, `timeline-${variant}-1280.png`)}\n`);
    await page.close();
  } finally {
    await close();
  }
}
await run("sample", []);
await run("ungrouped", ["-O", "timeline.groups=none"]);
finish("web.timeline");
