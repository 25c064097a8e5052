// pdfjs_struct.mjs FILE.pdf [PAGE]: the structure tree pdf.js hands a browser's
// accessibility layer (getStructTree() per page), as indented roles with the text of
// their content items (getTextContent({includeMarkedContent: true})), truncated to 60
// characters like tagged_pdf.py's dump. Without PAGE every page, each after "page N".
// Uses the legacy build of pdfjs-dist (tests/tagged/package.json), which runs on
// Node 18 and 20 without a browser or canvas.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const TRUNCATE = 60;

function usage(message) {
  process.stderr.write(`${message}\nusage: node pdfjs_struct.mjs FILE.pdf [PAGE]\n`);
  process.exit(2);
}

async function loadPdfjs() {
  const require = createRequire(import.meta.url);
  try {
    const main = require.resolve("pdfjs-dist/legacy/build/pdf.mjs");
    const worker = require.resolve("pdfjs-dist/legacy/build/pdf.worker.mjs");
    // Without node-canvas (an optional dependency we leave out) the legacy build warns on
    // stdout (soon after loading) that it cannot polyfill DOMMatrix and Path2D: rendering
    // needs them, reading the structure and text does not. Other warnings stay.
    const log = console.log;
    console.log = (...args) => {
      if (!String(args[0]).startsWith("Warning: Cannot polyfill")) log(...args);
    };
    const pdfjs = await import(pathToFileURL(main).href);
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(worker).href;
    return pdfjs;
  } catch (e) {
    process.stderr.write(
      "pdfjs-dist is missing: run `npm ci --omit=optional` in tests/tagged " +
        `(scripts/install-deps.sh --test does): ${e.message}\n`,
    );
    process.exit(1);
  }
}

function quote(text) {
  let t = text.replace(/\s+/g, " ");
  if (t.length > TRUNCATE) t = t.slice(0, TRUNCATE - 1) + "…";
  return '"' + t.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}

// The text of every marked-content id on the page; a nested sequence's text also
// counts for the one around it.
async function markedText(page) {
  const content = await page.getTextContent({ includeMarkedContent: true });
  const text = new Map();
  const open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      open.push(item.id ?? null);
      if (item.id) text.set(item.id, text.get(item.id) ?? "");
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (typeof item.str === "string") {
      const s = item.str + (item.hasEOL ? "\n" : "");
      for (const id of open) if (id) text.set(id, text.get(id) + s);
    }
  }
  return text;
}

function print(node, text, depth, out) {
  const pad = "  ".repeat(depth);
  const kids = node.children ?? [];
  let label = node.role;
  if (node.lang) label += ` Lang=${node.lang}`;
  if (node.alt !== undefined) label += ` Alt=${quote(node.alt)}`;
  const own = (kid) => (kid.type === "content" ? (text.get(kid.id) ?? "") : null);
  if (kids.every((k) => k.role === undefined)) {
    const t = kids.map(own).filter((s) => s !== null).join("").trim();
    out.push(pad + label + (t ? " " + quote(t) : ""));
    for (const k of kids) if (k.type === "annotation" || k.type === "object") {
      out.push(`${pad}  [${k.type}]`);
    }
    return;
  }
  out.push(pad + label);
  let run = "";
  const flush = () => {
    if (run.trim()) out.push(`${pad}  ${quote(run.trim())}`);
    run = "";
  };
  for (const k of kids) {
    if (k.role !== undefined) {
      flush();
      print(k, text, depth + 1, out);
    } else if (k.type === "content") {
      run += text.get(k.id) ?? "";
    } else {
      flush();
      out.push(`${pad}  [${k.type}]`);
    }
  }
  flush();
}

const [file, pageArg] = process.argv.slice(2);
if (!file || process.argv.length > 4) usage("expected a PDF and an optional page number");
const pdfjs = await loadPdfjs();
const data = new Uint8Array(await readFile(file));
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false,
  disableFontFace: true, verbosity: 0 }).promise;
let pages = [...Array(doc.numPages).keys()].map((i) => i + 1);
if (pageArg !== undefined) {
  const n = Number(pageArg);
  if (!Number.isInteger(n) || n < 1 || n > doc.numPages) {
    usage(`no page ${pageArg}: the PDF has ${doc.numPages}`);
  }
  pages = [n];
}
const out = [];
for (const n of pages) {
  const page = await doc.getPage(n);
  const tree = await page.getStructTree();
  if (pageArg === undefined) out.push(`page ${n}`);
  if (!tree) {
    out.push("(no structure tree)");
    continue;
  }
  const text = await markedText(page);
  for (const kid of tree.children ?? []) print(kid, text, pageArg === undefined ? 1 : 0, out);
}
process.stdout.write(out.join("\n") + "\n");
await doc.destroy();
