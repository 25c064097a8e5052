#!/usr/bin/env python3
"""mammoth.js (npm, pinned in tests/docx/mammoth/) converts the sample's DOCX
in both styles and the rich case to HTML: no "Unrecognised paragraph style"
or "Unrecognised run style" warning (the DOCX carries a style map for
mammoth, mammoth/style-map), the outline of chronik's own page (the title as
the one h1, the periods as h2, the milestone heads as h3), the one-liners as
a table, and every <em> and <strong> of the chronicle as <em> and <strong>
(but an emphasis in the italic intro or a caption, set upright)."""

import html.parser
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import docxtest

MAMMOTH_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mammoth")


class Outline(html.parser.HTMLParser):
    """The text of each heading, table and em/strong element, by tag."""

    WATCH = ("h1", "h2", "h3", "h4", "em", "strong", "table", "th")

    def __init__(self):
        super().__init__()
        self.found: dict[str, list[str]] = {t: [] for t in self.WATCH}
        self.classes: dict[str, list[str]] = {t: [] for t in self.WATCH}
        self.open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.WATCH:
            self.open.append((tag, []))
            self.classes[tag].append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                t, parts = self.open.pop(i)
                self.found[t].append(docxtest.norm("".join(parts)))
                break

    def handle_data(self, data):
        for _, parts in self.open:
            parts.append(data)


def mammoth(docx: str) -> dict:
    docxtest.require_tool("node", "nodejs")
    if not os.path.isdir(os.path.join(MAMMOTH_DIR, "node_modules", "mammoth")):
        sys.exit("mammoth is not installed: run `npm ci --ignore-scripts` in tests/docx/mammoth "
                 "(scripts/install-deps.sh --test does)")
    cp = subprocess.run(["node", os.path.join(MAMMOTH_DIR, "convert.mjs"), docx],
                        capture_output=True, text=True, timeout=120)
    if cp.returncode != 0:
        sys.exit(f"mammoth failed ({cp.returncode}): {cp.stderr}")
    return json.loads(cp.stdout)


def marked(path: str, tag: str, outside: tuple[str, ...] = ()) -> list[str]:
    """The text of every <tag> of the chronicle, in document order, leaving
    out those inside an element named in `outside`."""
    out: list[str] = []

    def walk(e: ET.Element, skip: bool) -> None:
        skip = skip or e.tag in outside
        if e.tag == tag and not skip:
            out.append(docxtest.text_of(e))
        for c in e:
            walk(c, skip)

    walk(ET.parse(path).getroot(), False)
    return out


def check(docx: str, source: str, f: docxtest.Failures, label: str) -> None:
    chron = docxtest.Chronicle(source)
    result = mammoth(docx)
    style_warnings = [m["message"] for m in result["messages"]
                      if m["message"].startswith(("Unrecognised paragraph style",
                                                  "Unrecognised run style"))]
    f.check(not style_warnings, f"{label}: no unrecognised style {style_warnings}")
    f.check(not result["messages"], f"{label}: no message at all {result['messages']}")

    o = Outline()
    o.feed(result["html"])
    f.check(o.found["h1"] == [chron.title], f"{label}: the title is the one h1 {o.found['h1']}")
    # (milestones outside a period follow, grouped by their year)
    periods = [t for t, c in zip(o.found["h2"], o.classes["h2"]) if c != "toc"]
    want = [docxtest.norm(label_) for label_, _ in chron.periods]
    f.check(periods[:len(want)] == want and all(p.isdigit() for p in periods[len(want):]),
            f"{label}: the {len(want)} periods as h2, in order {periods}")
    heads = chron.milestone_heads()
    f.check(o.found["h3"] == heads, f"{label}: the {len(heads)} milestone heads as h3 "
            f"{o.found['h3'][:3]}... / {heads[:3]}...")
    if chron.one_liners():
        f.check(o.found["table"] and all(c == "one-liners" for c in o.classes["table"]),
                f"{label}: the one-liners as {len(o.found['table'])} table(s) of class one-liners")
        f.check(len(o.found["th"]) == 2 * len(o.found["table"]),
                f"{label}: each with a header row of two th {o.found['th'][:2]}")
    for tag in ("em", "strong"):
        # each as its own element, in order, but for an emphasis in italic
        # text (the sheet's intro and captions): set upright, as in the PDF
        want = marked(source, tag, outside=("intro", "caption") if tag == "em" else ())
        got = iter(o.found[tag])
        f.check(all(t in got for t in want),
                f"{label}: the chronicle's {len(want)} <{tag}> as <{tag}>, in order "
                f"{o.found[tag]}")
        f.check(f"<{tag}><{tag}>" not in result["html"], f"{label}: no <{tag}> in <{tag}>")


def main() -> None:
    a = docxtest.args()
    f = docxtest.Failures()
    sample = os.path.join(a.source, "data", "lecos-chronik.xml")
    rich = os.path.join(a.source, "tests", "cases", "rich", "input.xml")
    with tempfile.TemporaryDirectory() as tmp:
        check(docxtest.render(a.chronik, sample, os.path.join(tmp, "a4")), sample, f, "brochure")
        check(docxtest.render(a.chronik, sample, os.path.join(tmp, "a5"), "booklet"), sample, f,
              "booklet")
        check(docxtest.render(a.chronik, rich, os.path.join(tmp, "rich")), rich, f, "rich")
    f.exit()


if __name__ == "__main__":
    main()
