// web.layout: facts about chronik's HTML of the sample as headless chromium lays it out, at
// 360 px and 1280 px, read from the page (getBoundingClientRect, getComputedStyle), not
// from pixels:
//   - the rail (.timeline's left border or its ::before) is left of every milestone's text,
//     and each milestone has a marker (::before/::after) that sits on the rail;
//   - no horizontal scroll at 360 px; at 1280 px the text measure is at most 45em;
//   - one h1; the h2 ids and texts are golden/sample-layout.json's; every contents link
//     points at an h2 in main, and following it brings that heading into view;
//   - the one-liners' dates line up, and so do their titles;
//   - Tab reaches the skip link first, with a visible focus outline;
//   - dark scheme changes the colours; reduced motion turns off smooth scroll and transitions;
//   - the print stylesheet: black text, no skip link; page.pdf() has every period heading
//     (pdftotext).
// Screenshots (full page) web-360.png and web-1280.png and the PDF web-print.pdf stay in DIR.
// CHRONIK_UPDATE_GOLDEN=1 writes the golden instead of comparing.
//
//   node layout.mjs --chronik BIN --out DIR
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check, fail, fileUrl, finish, freshDir, launch, offlinePage, parseArgs, render, run, SOURCE_DIR, WEB_DIR } from "./common.mjs";

const GOLDEN = join(WEB_DIR, "golden/sample-layout.json");
const MAX_MEASURE_EM = 45;

const args = parseArgs();
const out = freshDir(args.out);
const html = render(args.chronik, join(SOURCE_DIR, "data/lecos-chronik.xml"), join(out, "sample"), "html");
// The rich case (pictures copied into images/, a cover and a logo) for the facts that do
// not depend on the text: rail, markers, one-liners, pictures, no horizontal scroll.
const rich = render(args.chronik, join(SOURCE_DIR, "tests/cases/rich/input.xml"), join(out, "rich"), "html");

// Everything the page can tell about itself, in one evaluate (runs in the browser).
function readFacts() {
  const px = (v) => parseFloat(v) || 0;
  const rect = (el) => el.getBoundingClientRect();
  const facts = { problems: [] };
  const problem = (m) => facts.problems.push(m);

  facts.innerWidth = window.innerWidth;
  facts.scrollWidth = document.documentElement.scrollWidth;
  facts.h1 = document.querySelectorAll("h1").length;
  facts.lang = document.documentElement.lang;
  // Running text; the date lines and headings follow the style sheet's hyphenate="false".
  facts.unhyphenated = [...document.querySelectorAll("main p.intro, main article.milestone > p:not(.date)")].filter((p) => getComputedStyle(p).hyphens !== "auto").length;
  // Pictures: each loaded (a copied one from images/ beside the page; loadPictures brought
  // the lazy ones in), none wider than the page.
  facts.images = [...document.querySelectorAll("img")].map((img) => ({
    src: img.getAttribute("src").slice(0, 40),
    loaded: img.complete && img.naturalWidth > 0,
    right: img.getBoundingClientRect().right,
  }));
  for (const img of facts.images) {
    if (!img.loaded) problem(`img ${img.src}: did not load`);
    if (img.right > window.innerWidth + 0.5) problem(`img ${img.src}: ends at x=${img.right.toFixed(1)}, beyond the viewport`);
  }
  facts.h2 = [...document.querySelectorAll("main h2")].map((h) => ({ id: h.id, text: h.textContent.trim() }));

  // The rail of each .timeline: its left border, or a ::before drawn as a line.
  facts.timelines = document.querySelectorAll("main .timeline").length;
  facts.milestones = document.querySelectorAll("main .timeline article.milestone").length;
  for (const [i, tl] of [...document.querySelectorAll("main .timeline")].entries()) {
    const r = rect(tl);
    const s = getComputedStyle(tl);
    let rail = null;
    if (px(s.borderLeftWidth) > 0 && s.borderLeftStyle !== "none")
      rail = { left: r.left, right: r.left + px(s.borderLeftWidth) };
    else {
      const b = getComputedStyle(tl, "::before");
      if (b.content !== "none" && b.position === "absolute" && b.left !== "auto") {
        const left = r.left + px(s.borderLeftWidth) + px(b.left);
        rail = { left, right: left + px(b.width) + px(b.borderLeftWidth) + px(b.borderRightWidth) };
      }
    }
    if (!rail) {
      problem(`timeline ${i}: no rail (neither a left border nor an absolutely placed ::before)`);
      continue;
    }
    if (rail.right - rail.left <= 0) problem(`timeline ${i}: the rail has no width`);
    for (const m of tl.querySelectorAll("article.milestone")) {
      for (const t of m.querySelectorAll("h3, p, figure, time")) {
        const tr = rect(t);
        if (tr.width > 0 && tr.left < rail.right - 0.5)
          problem(`#${m.id} ${t.tagName.toLowerCase()}: text at x=${tr.left.toFixed(1)} is not right of the rail (x<=${rail.right.toFixed(1)})`);
      }
      // The marker: a pseudo-element of the milestone (or of its h3/date) across the rail.
      let marker = false;
      for (const host of [m, m.querySelector("h3"), m.querySelector(".date")].filter(Boolean)) {
        for (const which of ["::before", "::after"]) {
          const p = getComputedStyle(host, which);
          if (p.content === "none" || p.position !== "absolute") continue;
          const hr = rect(host);
          const hs = getComputedStyle(host);
          const left = hr.left + px(hs.borderLeftWidth) + px(p.left);
          const right = left + px(p.width) + px(p.borderLeftWidth) + px(p.borderRightWidth);
          if (left <= rail.right + 0.5 && right >= rail.left - 0.5) marker = true;
        }
      }
      if (!marker) problem(`#${m.id}: no marker on the rail`);
    }
  }

  // The one-liners: dates in one column, titles in another.
  facts.oneLinerLists = [];
  for (const [i, ul] of [...document.querySelectorAll("main ul.one-liners")].entries()) {
    const times = [...ul.querySelectorAll("li > time")].map((t) => rect(t).left);
    const whats = [...ul.querySelectorAll("li > .what")].map((t) => rect(t).left);
    const items = ul.querySelectorAll("li").length;
    facts.oneLinerLists.push(items);
    if (times.length !== items || whats.length !== items)
      problem(`one-liners ${i}: ${items} items, ${times.length} times, ${whats.length} .what spans`);
    if (Math.max(...times) - Math.min(...times) > 1) problem(`one-liners ${i}: the dates start at x=${times.map((x) => x.toFixed(1)).join(",")}`);
    if (Math.max(...whats) - Math.min(...whats) > 1) problem(`one-liners ${i}: the titles start at x=${whats.map((x) => x.toFixed(1)).join(",")}`);
  }

  // Headings and the masthead are not justified (a short title justified shows holes).
  for (const h of document.querySelectorAll("h1, h2, h3, .masthead p")) {
    if (getComputedStyle(h).textAlign === "justify")
      problem(`${h.tagName.toLowerCase()}${h.className ? "." + h.className : ""} "${h.textContent.trim().slice(0, 30)}": text-align: justify`);
  }

  // Consecutive one-liners are one list: two lists side by side are one split in two.
  for (const ul of document.querySelectorAll("main ul.one-liners")) {
    const next = ul.nextElementSibling;
    if (next && next.matches("ul.one-liners"))
      problem(`one-liners ${ul.querySelector("li")?.id || ""}: followed by another ul.one-liners (consecutive one-liners belong in one list)`);
  }

  // The measure: the widest text paragraph of main, in em of its own font size.
  facts.measureEm = 0;
  for (const p of document.querySelectorAll("main p")) {
    const s = getComputedStyle(p);
    const width = rect(p).width - px(s.paddingLeft) - px(s.paddingRight);
    facts.measureEm = Math.max(facts.measureEm, width / px(s.fontSize));
  }

  // The contents: one link per h2 of main, in order, each to its heading.
  facts.links = [...document.querySelectorAll("nav.contents a")].map((a) => a.getAttribute("href"));
  for (const href of facts.links) {
    const target = href && href.startsWith("#") ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    if (!target || target.tagName !== "H2" || !target.closest("main")) problem(`contents link ${href} does not point at an h2 in main`);
  }
  return facts;
}

// Scrolls every picture into view, so that loading="lazy" ones load, and back to the top.
async function loadPictures() {
  for (const img of document.querySelectorAll("img")) {
    img.scrollIntoView();
    await img.decode().catch(() => {});
  }
  window.scrollTo(0, 0);
}

// Colours and motion the page sets, for the scheme and media of the moment.
function readStyle() {
  const body = getComputedStyle(document.body);
  const transitions = [...document.querySelectorAll("*")].filter((el) => {
    const s = getComputedStyle(el);
    return s.transitionDuration.split(",").some((d) => parseFloat(d) > 0) ||
      s.animationName !== "none";
  }).length;
  const skip = document.querySelector("a.skip-link");
  return {
    color: body.color,
    background: body.backgroundColor,
    h1Color: document.querySelector("h1") ? getComputedStyle(document.querySelector("h1")).color : null,
    scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
    transitions,
    skipLinkShown: skip ? getComputedStyle(skip).display !== "none" : null,
    navShown: document.querySelector("nav.contents")
      ? getComputedStyle(document.querySelector("nav.contents")).display !== "none"
      : null,
  };
}

const { browser, close } = await launch();
const golden = { h1: 1 };
try {
  for (const width of [360, 1280]) {
    const page = await offlinePage(browser, { width, height: 800 });
    await page.goto(fileUrl(html), { waitUntil: "load" });
    await page.evaluate(loadPictures);
    const f = await page.evaluate(readFacts);
    const at = `${width}px`;
    process.stdout.write(
      `${at}: scrollWidth ${f.scrollWidth} (viewport ${f.innerWidth}), measure ${f.measureEm.toFixed(1)}em, ` +
        `${f.timelines} timelines, ${f.milestones} milestones, one-liner lists ${JSON.stringify(f.oneLinerLists)}, ` +
        `${f.links.length} contents links\n`,
    );
    for (const p of f.problems) fail(`${at}: ${p}`);
    check(f.h1 === 1, `${at}: ${f.h1} h1 elements, expected 1`);
    check(f.lang === "de", `${at}: <html lang="${f.lang}">, the sample is German`);
    check(f.unhyphenated === 0, `${at}: ${f.unhyphenated} paragraphs of main without hyphens: auto`);
    check(f.timelines > 0 && f.milestones > 0, `${at}: no .timeline with milestones in main`);
    check(f.oneLinerLists.length > 0, `${at}: no ul.one-liners (the sample has one-liners)`);
    if (width === 360) check(f.scrollWidth <= f.innerWidth, `${at}: horizontal scroll (scrollWidth ${f.scrollWidth} > ${f.innerWidth})`);
    if (width === 1280) check(f.measureEm <= MAX_MEASURE_EM, `${at}: measure ${f.measureEm.toFixed(1)}em > ${MAX_MEASURE_EM}em`);
    check(
      JSON.stringify(f.links) === JSON.stringify(f.h2.map((h) => `#${h.id}`)),
      `${at}: contents links ${JSON.stringify(f.links)} are not the h2s of main ${JSON.stringify(f.h2.map((h) => h.id))}`,
    );
    golden.h2 = f.h2;
    golden.milestones = f.milestones;
    golden.oneLinerLists = f.oneLinerLists;

    // Following each contents link brings its heading into view (click, as a reader would).
    // With reduced motion, so that no smooth scroll (2 s for each link) is waited for.
    await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
    const anchors = await page.$$("nav.contents a");
    for (const [i, a] of anchors.entries()) {
      const href = f.links[i];
      await page.evaluate(() => window.scrollTo(0, 0));
      await a.click();
      const inView = await page
        .waitForFunction(
          (id) => {
            const r = document.getElementById(id).getBoundingClientRect();
            return location.hash === `#${id}` && r.top >= -1 && r.top < window.innerHeight && r.bottom > 0;
          },
          { timeout: 2000, polling: 50 },
          decodeURIComponent(href.slice(1)),
        )
        .then(() => true, () => false);
      check(inView, `${at}: after clicking ${href} its heading is not in view`);
    }

    // Tab from the top: the skip link first, with a focus outline.
    await page.emulateMediaFeatures([]);
    await page.goto(fileUrl(html), { waitUntil: "load" });
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { cls: el.className, tag: el.tagName, href: el.getAttribute("href"), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: el.getBoundingClientRect().top };
    });
    check(focus.tag === "A" && /\bskip-link\b/.test(focus.cls) && focus.href === "#main", `${at}: the first Tab stop is ${focus.tag}.${focus.cls}, not a.skip-link to #main`);
    check(focus.outline !== "none" && focus.width >= 1, `${at}: the focused skip link has no visible outline (${focus.outline} ${focus.width}px)`);
    check(focus.top >= 0 && focus.top < 800, `${at}: the focused skip link is not on screen (top ${focus.top})`);

    const shot = join(out, `web-${width}.png`);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`screenshot: ${shot}\n`);
    check(page.blocked.length === 0, `${at}: requests left file://: ${page.blocked.join(", ")}`);
    await page.close();
  }

  for (const width of [360, 1280]) {
    const page = await offlinePage(browser, { width, height: 800 });
    await page.goto(fileUrl(rich), { waitUntil: "load" });
    await page.evaluate(loadPictures);
    const f = await page.evaluate(readFacts);
    const at = `rich ${width}px`;
    process.stdout.write(`${at}: scrollWidth ${f.scrollWidth}, ${f.milestones} milestones, ${f.images.length} pictures, one-liner lists ${JSON.stringify(f.oneLinerLists)}\n`);
    for (const p of f.problems) fail(`${at}: ${p}`);
    check(f.images.length >= 3, `${at}: ${f.images.length} pictures, the rich case has a cover, a logo and two pictures`);
    check(f.scrollWidth <= f.innerWidth, `${at}: horizontal scroll (scrollWidth ${f.scrollWidth} > ${f.innerWidth})`);
    const shot = join(out, `rich-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`screenshot: ${shot}\n`);
    check(page.blocked.length === 0, `${at}: requests left file://: ${page.blocked.join(", ")}`);
    await page.close();
  }

  // Schemes, motion and print, at 1280 px.
  const page = await offlinePage(browser, { width: 1280, height: 800 });
  await page.goto(fileUrl(html), { waitUntil: "load" });
  const light = await page.evaluate(readStyle);
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  const dark = await page.evaluate(readStyle);
  process.stdout.write(`light: ${light.color} on ${light.background}; dark: ${dark.color} on ${dark.background}\n`);
  check(dark.background !== light.background && dark.color !== light.color, "prefers-color-scheme: dark changes neither the text nor the background colour");
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  const calm = await page.evaluate(readStyle);
  check(calm.scrollBehavior !== "smooth", "prefers-reduced-motion: reduce keeps smooth scrolling");
  check(calm.transitions === 0, `prefers-reduced-motion: reduce keeps ${calm.transitions} transitions or animations`);
  await page.emulateMediaFeatures([]);
  await page.emulateMediaType("print");
  const print = await page.evaluate(readStyle);
  process.stdout.write(`print: ${print.color} on ${print.background}, skip link shown ${print.skipLinkShown}, contents shown ${print.navShown}\n`);
  check(print.color === "rgb(0, 0, 0)" && print.h1Color === "rgb(0, 0, 0)", `print: text is ${print.color}, h1 ${print.h1Color}, not black`);
  check(print.skipLinkShown === false, "print: the skip link is printed");
  const pdf = join(out, "web-print.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: false });
  process.stdout.write(`print PDF: ${pdf}\n`);
  check(page.blocked.length === 0, `print: requests left file://: ${page.blocked.join(", ")}`);
  await page.close();

  const text = run("pdftotext", ["-layout", pdf, "-"], "apt-get install poppler-utils");
  check(text.status === 0, `pdftotext ${pdf} failed: ${text.stderr}`);
  // Words the print stylesheet hyphenated at a line end are joined again.
  const flat = text.stdout.replace(/\u00ad/g, "").replace(/-\n\s*/g, "").replace(/\s+/g, " ");
  for (const h of golden.h2) check(flat.includes(h.text.replace(/\s+/g, " ")), `print PDF: no period heading "${h.text}"`);
  check(!flat.includes("Zum Inhalt"), "print PDF: has the skip link's text");
} finally {
  await close();
}

if (process.env.CHRONIK_UPDATE_GOLDEN) {
  mkdirSync(join(WEB_DIR, "golden"), { recursive: true });
  writeFileSync(GOLDEN, JSON.stringify(golden, null, 2) + "\n");
  process.stdout.write(`wrote ${GOLDEN}\n`);
} else if (!existsSync(GOLDEN)) {
  fail(`${GOLDEN} is missing (CHRONIK_UPDATE_GOLDEN=1 writes it)`);
} else {
  const expected = JSON.parse(readFileSync(GOLDEN, "utf8"));
  for (const key of Object.keys(expected))
    check(JSON.stringify(golden[key]) === JSON.stringify(expected[key]), `${key}: ${JSON.stringify(golden[key])}, golden has ${JSON.stringify(expected[key])}`);
}
finish("web.layout");
