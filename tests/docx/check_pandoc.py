#!/usr/bin/env python3
"""pandoc (Debian's pandoc 2.17) reads the DOCX as a document, not as loose
paragraphs: `pandoc -f docx -t json` of both samples and the rich case gives
the periods and milestone heads as headers of levels 1 and 2, in order; the
one-liners as tables with a header row (Datum/Ereignis) and date and title
in cells; every link of the chronicle as a Link to its address; emphasis as
Emph and strong as Strong; the pictures with their alt text; and title,
subtitle, author (the organisation) and abstract (the intro) in the
metadata. pandoc 2.17 reads no docProps/core.xml: its metadata comes from
the leading paragraphs styled Title, Subtitle, Author and Abstract."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import docxtest


def pandoc(path: str) -> dict:
    docxtest.require_tool("pandoc", "pandoc")
    cp = subprocess.run(["pandoc", "-f", "docx", "-t", "json", path], capture_output=True,
                        text=True)
    if cp.returncode != 0:
        raise SystemExit(f"pandoc failed ({cp.returncode}): {cp.stderr}")
    return json.loads(cp.stdout)


def text(inlines: list) -> str:
    """The plain text of pandoc inlines (an image: its alt text)."""
    out = []
    for i in inlines:
        t, c = i["t"], i.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append(" ")
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                   "SmallCaps"):
            out.append(text(c))
        elif t in ("Link", "Image", "Span"):
            out.append(text(c[1]))
        elif t == "Quoted":
            q = "“”" if c[0]["t"] == "DoubleQuote" else "‘’"
            out.append(q[0] + text(c[1]) + q[1])
        elif t in ("Code", "Math", "RawInline"):
            out.append(c[-1])
    return "".join(out)


class Reading:
    """What pandoc found, in document order."""

    def __init__(self, doc: dict):
        self.meta = doc["meta"]
        self.headers: list[tuple[int, str]] = []
        self.tables: list[tuple[list[list[str]], list[list[str]]]] = []  # (head, body rows)
        self.links: list[tuple[str, str]] = []  # (url, text), external only
        self.emph: list[str] = []
        self.strong: list[str] = []
        self.images: list[str] = []  # alt texts
        # The abstract (the intro) comes first, in the metadata.
        abstract = self.meta.get("abstract")
        if abstract and abstract["t"] == "MetaBlocks":
            self.blocks(abstract["c"])
        self.blocks(doc["blocks"])

    def blocks(self, blocks: list) -> None:
        for b in blocks:
            t, c = b["t"], b.get("c")
            if t in ("Para", "Plain"):
                self.inlines(c)
            elif t == "Header":
                self.headers.append((c[0], docxtest.norm(text(c[2]))))
                self.inlines(c[2])
            elif t == "Table":
                self.table(c)
            elif t in ("Div", "BlockQuote"):
                self.blocks(c[-1] if t == "Div" else c)
            elif t in ("BulletList", "OrderedList"):
                for item in c[-1]:
                    self.blocks(item)

    def cell_text(self, cell: list) -> str:
        blocks = cell[4]
        self.blocks(blocks)
        return docxtest.norm(" ".join(text(b["c"]) for b in blocks if b["t"] in ("Para", "Plain")))

    def table(self, c: list) -> None:
        # pandoc-types 1.22: attr, caption, colspecs, head, bodies, foot
        _, _, _, head, bodies, _ = c
        head_rows = [[self.cell_text(cell) for cell in row[1]] for row in head[1]]
        body_rows = []
        for body in bodies:
            for row in body[2] + body[3]:
                body_rows.append([self.cell_text(cell) for cell in row[1]])
        self.tables.append((head_rows, body_rows))

    def inlines(self, inlines: list) -> None:
        for i in inlines:
            t, c = i["t"], i.get("c")
            if t == "Emph":
                self.emph.append(docxtest.norm(text(c)))
                self.inlines(c)
            elif t == "Strong":
                self.strong.append(docxtest.norm(text(c)))
                self.inlines(c)
            elif t == "Link":
                if not c[2][0].startswith("#"):
                    self.links.append((c[2][0], docxtest.norm(text(c[1]))))
                self.inlines(c[1])
            elif t == "Image":
                self.images.append(docxtest.norm(text(c[1])))
            elif t in ("Span", "Quoted"):
                self.inlines(c[1])
            elif t in ("Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
                self.inlines(c)


def meta_text(meta: dict, key: str) -> list[str]:
    """A metadata field's text: one entry per paragraph or list item."""
    v = meta.get(key)
    if v is None:
        return []
    if v["t"] == "MetaInlines":
        return [docxtest.norm(text(v["c"]))]
    if v["t"] == "MetaBlocks":
        return [docxtest.norm(text(b["c"])) for b in v["c"] if b["t"] in ("Para", "Plain")]
    if v["t"] == "MetaList":
        return [x for item in v["c"] for x in meta_text({"x": item}, "x")]
    return []


class Source:
    """What the chronicle says that pandoc should find (ElementTree)."""

    def __init__(self, path: str):
        self.chron = docxtest.Chronicle(path)
        root = ET.parse(path).getroot()
        self.links = [(a.get("href"), docxtest.norm(docxtest.text_of(a)))
                      for a in root.iter("a")]
        in_intro = set(root.find("intro").iter()) if root.find("intro") is not None else set()
        # Emphasis in the italic intro is upright (not Emph), as in the PDF.
        self.emph = [docxtest.norm(docxtest.text_of(e)) for e in root.iter("em")
                     if e not in in_intro]
        self.strong = [docxtest.norm(docxtest.text_of(e)) for e in root.iter("strong")]
        self.alts = [m.get("alt", "") for p in root.findall("period")
                     for m in p.iter("image")]

    def headers(self) -> list[tuple[int, str]]:
        """Each period (level 1), then its milestone heads (level 2)."""
        out = []
        c = self.chron
        for label, ms in c.periods:
            out.append((1, docxtest.norm(label)))
            years = {int(m["date"][:4]) for m in ms}
            for m in ms:
                if not m["paragraphs"]:
                    continue
                redundant = len(m["date"]) == 4 and len(years) == 1 and int(m["date"]) in years
                if m["title"]:
                    out.append((2, docxtest.norm(m["title"])))
                elif not redundant:
                    out.append((2, docxtest.date_label(m["date"], c.lang)))
        return out


def check_reading(r: Reading, f: docxtest.Failures, label: str, *, title: str, subtitle: str,
                  author: str, abstract: list[str], headers: list[tuple[int, str]],
                  one_liners: list[str], heads: list[str], links: list[tuple[str, str]],
                  emph: list[str], strong: list[str], alts: list[str]) -> None:
    f.check(r.headers == headers,
            f"{label}: {len(headers)} headers, levels and texts in order"
            + ("" if r.headers == headers else f": {r.headers[:6]} / {headers[:6]}"))
    f.check(meta_text(r.meta, "title") == [title], f"{label}: meta title {meta_text(r.meta, 'title')}")
    f.check(meta_text(r.meta, "subtitle") == ([subtitle] if subtitle else []),
            f"{label}: meta subtitle")
    f.check(meta_text(r.meta, "author") == [author],
            f"{label}: meta author = the organisation {meta_text(r.meta, 'author')}")
    f.check(meta_text(r.meta, "abstract") == abstract,
            f"{label}: meta abstract = the intro's {len(abstract)} paragraph(s)"
            f" {meta_text(r.meta, 'abstract')[:1]}")

    rows = ["\t".join(row) for _, body in r.tables for row in body]
    f.check(rows == one_liners,
            f"{label}: {len(one_liners)} one-liners as table rows (date, title) in "
            f"{len(r.tables)} table(s): {rows[:2]}")
    f.check(bool(r.tables) == bool(one_liners) and all(h == [heads] for h, _ in r.tables),
            f"{label}: every table has one header row {heads}: {[h for h, _ in r.tables][:1]}")

    f.check(r.links == links, f"{label}: {len(links)} link(s) as Link, address and text: "
            f"{r.links[:3]}")
    missing = [e for e in emph if e not in r.emph]
    f.check(not missing, f"{label}: the {len(emph)} emphasis as Emph (missing: {missing})")
    missing = [s for s in strong if s not in r.strong]
    f.check(not missing, f"{label}: the {len(strong)} strong as Strong (missing: {missing})")
    f.check(r.images == alts, f"{label}: {len(alts)} picture(s) with their alt text: "
            f"{r.images[:3]}")


def main() -> None:
    a = docxtest.args()
    f = docxtest.Failures()
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("lecos-chronik.xml", "auenwald-chronik.xml"):
            path = os.path.join(a.source, "data", name)
            s = Source(path)
            c = s.chron
            for style in (None, "booklet"):
                label = f"{name} [{style or 'brochure'}]"
                docx = docxtest.render(a.chronik, path, os.path.join(tmp, label), style)
                check_reading(Reading(pandoc(docx)), f, label, title=c.title,
                              subtitle=c.subtitle, author=c.organization,
                              abstract=[docxtest.norm(p) for p in c.intro],
                              headers=s.headers(), one_liners=c.one_liners(),
                              heads=["Datum", "Ereignis"], links=s.links, emph=s.emph,
                              strong=s.strong, alts=s.alts)

        # The rich case (English, a loose milestone grouped by its year): what
        # it holds, written out.
        rich = os.path.join(a.source, "tests", "cases", "rich", "input.xml")
        docx = docxtest.render(a.chronik, rich, os.path.join(tmp, "rich"))
        r = Reading(pandoc(docx))
        check_reading(
            r, f, "rich", title="A Rich Chronicle", subtitle="Everything the format can say",
            author="Example & Sons Ltd.",
            abstract=["First intro paragraph with emphasis and strength.",
                      "Second one, with a mail link."],
            headers=[(1, "2010–2012"), (2, "The big launch"), (2, "November 2010"),
                     (1, "The early years"), (1, "2001")],
            one_liners=["1 January 2005\tOffice opened", "June 2004\tFirst hire, a Werkstudentin",
                        "2003\tFounded"],
            heads=["Date", "Event"],
            links=[("mailto:press@example.org", "mail link"),
                   ("https://example.org/launch?x=1&y=2", "the page")],
            emph=["big", "willkommen"], strong=["strength", "party"],
            alts=["The launch party", "A portrait"])
        # The intro is italic: pandoc sees its text as Emph, its emphasis upright.
        f.check("First intro paragraph with" in r.emph and "emphasis" not in r.emph,
                f"rich: the italic intro as Emph, its emphasis upright: {r.emph[:3]}")
    f.exit()


if __name__ == "__main__":
    main()
