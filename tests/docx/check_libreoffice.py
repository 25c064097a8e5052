#!/usr/bin/env python3
"""LibreOffice headless converts the samples' DOCX to PDF and to text; the
text holds every paragraph of data/lecos-chronik.xml and
data/auenwald-chronik.xml (read here with ElementTree) in order, and the PDF
has the page furniture where it belongs: no header or page number on the
title page, both on the pages after it. The page numbers the TOC field
carries (computed by src/render/docx/docx_pages.cpp; Word is not asked to
update them) must all be LibreOffice's pages, and the page count the model
states in docProps/app.xml LibreOffice's page count: for both samples in
both styles, for tests/cases/rich, and for one sample in the brochure style
set in another family.
--table prints each entry: its page number, LibreOffice's page."""

import os
import re
import sys
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import docxtest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_text(docx: str, chron: docxtest.Chronicle, tmp: str, f: docxtest.Failures) -> None:
    txt = docxtest.soffice(docx, "txt:Text", tmp)
    text = docxtest.norm(open(txt, encoding="utf-8-sig").read())
    at = 0
    missing = []
    for para in chron.paragraphs():
        found = text.find(para, at)
        if found < 0:
            missing.append(para[:60])
        else:
            at = found + len(para)
    want = len(chron.paragraphs())
    f.check(not missing, f"text: {want - len(missing)}/{want} paragraphs of the sample in order"
            + (f"; missing or out of order: {missing[:5]}" if missing else ""))
    dates = [o.split("\t")[0] for o in chron.one_liners()]
    f.check(all(d in text for d in dates), f"text: the {len(dates)} one-liners' dates")


def toc_entries(docx: str) -> tuple[str, list[tuple[str, int]]]:
    """The contents' heading and (text, cached page number) of each entry
    of the TOC field."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    heading, out = "", []
    for p in root.iter(W + "p"):
        st = p.find(f"{W}pPr/{W}pStyle")
        style = st.get(W + "val") if st is not None else ""
        ts = [t.text or "" for t in p.iter(W + "t")]
        if style == "TOCHeading":
            heading = docxtest.norm("".join(ts))
        if style.startswith("TOC") and style[3:].isdigit():
            out.append((docxtest.norm(ts[0]), int(ts[-1])))
    return heading, out


def estimated_pages(docx: str) -> int:
    """The page count docProps/app.xml states (the page model's)."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("docProps/app.xml"))
    el = root.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages")
    return int(el.text) if el is not None else 0


def check_pdf(docx: str, chron: docxtest.Chronicle, tmp: str, f: docxtest.Failures,
              label: str, table: bool) -> None:
    pdf = docxtest.soffice(docx, "pdf", tmp)
    f.check(open(pdf, "rb").read(5) == b"%PDF-", f"{label}: LibreOffice wrote a PDF")
    docxtest.require_tool("pdftotext", "poppler-utils")
    docxtest.require_tool("pdfinfo", "poppler-utils")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    estimate = estimated_pages(docx)
    f.check(pages == estimate,
            f"{label}: {pages} pages, as the page model says ({estimate}, docProps/app.xml)")

    def page(n: int) -> list[str]:
        out = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
                             capture_output=True, text=True).stdout
        return [docxtest.norm(l) for l in out.splitlines() if l.strip()]

    text = [page(n) for n in range(1, pages + 1)]
    first, second, last = text[0], text[1], text[-1]
    f.check("1" not in first and docxtest.norm(" ".join(first)).count(chron.title) == 1,
            f"{label}: the title page has neither header nor page number: {first}")
    f.check(second[-1] == "2" and second[0].startswith(chron.title),
            f"{label}: page 2 has the header and the page number: {second[0]!r} ... {second[-1]!r}")
    f.check(last[-1] == str(pages), f"{label}: the last page is numbered {last[-1]!r}")
    heading, entries = toc_entries(docx)
    f.check(bool(heading) and any(l.startswith(heading) for l in second),
            f"{label}: the table of contents ({heading!r}) on page 2")

    # Where each TOC entry's heading really is: the first page after the
    # previous entry's with a line equal to it, not counting the TOC itself
    # nor the running head (its first line, which names a period).
    # A heading set on two or three lines counts as one line.
    body = []
    for n, lines in enumerate(text):
        lines = lines[1:] if n > 0 else lines
        body.append({" ".join(lines[i:i + k]) for k in (1, 2, 3) for i in range(len(lines))})
    actual, cur = [], 0
    for entry, _ in entries:
        found = next((n for n in range(cur, pages)
                      if entry in body[n] and not any("..." in l for l in text[n])), None)
        actual.append(None if found is None else found + 1)
        cur = found if found is not None else cur
    exact = sum(1 for (_, est), act in zip(entries, actual) if est == act)
    if table:
        for (t, est), act in zip(entries, actual):
            print(f"      {'  ' if est == act else '≠ '}{est:>3} {act if act else '?':>3}  {t}")
    off = [f"{t} {est}->{act}" for (t, est), act in zip(entries, actual) if est != act]
    f.check(len(entries) > 0 and exact == len(entries),
            f"{label}: {exact} of {len(entries)} TOC page numbers match LibreOffice's pages"
            + (f", off: {off}" if off else ""))


def main() -> None:
    ap = docxtest.parser()
    ap.add_argument("--table", action="store_true",
                    help="print each TOC entry: the page number it carries, LibreOffice's page")
    a = ap.parse_args()
    f = docxtest.Failures()
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("lecos-chronik", "auenwald-chronik"):
            sample = os.path.join(a.source, "data", name + ".xml")
            chron = docxtest.Chronicle(sample)
            for style in ("brochure", "booklet"):
                out = os.path.join(tmp, name, style)
                os.makedirs(out)
                docx = docxtest.render(a.chronik, sample, out,
                                       None if style == "brochure" else style)
                if style == "brochure":
                    check_text(docx, chron, out, f)
                check_pdf(docx, chron, out, f, f"{name} {style}", a.table)
        # The rich case: pictures as wide as the text and as the column,
        # a caption, a one-liners' table, in English.
        rich = os.path.join(a.source, "tests", "cases", "rich", "input.xml")
        out = os.path.join(tmp, "rich")
        os.makedirs(out)
        docx = docxtest.render(a.chronik, rich, out)
        check_pdf(docx, docxtest.Chronicle(rich), out, f, "tests/cases/rich", a.table)
        # The estimate measures with the style's own fonts: a wider family
        # moves headings by a page or more (a fixed table of Charis SIL's
        # widths found 19/27 of these).
        family = "DejaVu Serif"
        sample = os.path.join(a.source, "data", "lecos-chronik.xml")
        chron = docxtest.Chronicle(sample)
        if family in subprocess.run(["fc-list", ":", "family"], capture_output=True,
                                    text=True).stdout:
            out = os.path.join(tmp, "dejavu")
            os.makedirs(out)
            with open(os.path.join(a.source, "styles", "brochure.xml"), encoding="utf-8") as s:
                sheet = s.read().replace('family="Charis SIL"', f'family="{family}"')
            variant = os.path.join(out, "brochure-dejavu.xml")
            with open(variant, "w", encoding="utf-8") as s:
                s.write(sheet)
            docx = docxtest.render(a.chronik, sample, out, variant)
            check_pdf(docx, chron, out, f, f"lecos-chronik brochure in {family}", a.table)
        else:
            print(f"skip  {family} not installed: the other family's estimate is not checked")
    f.exit()


if __name__ == "__main__":
    main()
