// Converts one DOCX to HTML with the pinned mammoth.js (package-lock.json here,
// `npm ci --ignore-scripts`, as scripts/install-deps.sh --test does) and prints
// {"messages": [{type, message}...], "html": "..."} as JSON on stdout, for
// tests/docx/check_mammoth.py. mammoth reads the style map the DOCX carries
// (mammoth/style-map) on top of its default one, as any mammoth user's run does.
// Exit 1 when mammoth is not installed (saying how to install it) or fails.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file || process.argv.length > 3) {
  process.stderr.write("usage: node convert.mjs FILE.docx\n");
  process.exit(2);
}
let mammoth;
try {
  mammoth = createRequire(join(here, "package.json"))("mammoth");
} catch (e) {
  process.stderr.write(
    "mammoth is missing: run `npm ci --ignore-scripts` in tests/docx/mammoth " +
      "(scripts/install-deps.sh --test does)\n",
  );
  process.exit(1);
}
try {
  const result = await mammoth.convertToHtml({ path: file });
  const messages = result.messages.map((m) => ({ type: m.type, message: m.message }));
  process.stdout.write(JSON.stringify({ messages, html: result.value }) + "\n");
} catch (e) {
  process.stderr.write(`mammoth failed on ${file}: ${e.message}\n`);
  process.exit(1);
}
