#!/usr/bin/env python3
"""python-docx (Debian's python3-docx) opens the sample's DOCX and finds,
by style name and in order: the periods as Heading 1, the milestone heads as
Heading 2 (or a style based on it), the dated one-liners as tables with a
header row (date, title per row); and the
metadata, page set-up, header and footer the issue asks for."""

import os
import tempfile

import docx
import docx.enum.style
from docx.oxml.ns import qn
from docx.shared import Mm

import docxtest


def full_text(p) -> str:
    """The paragraph's text. python-docx 0.8's Paragraph.text leaves out runs
    inside w:hyperlink, so the runs are read from the XML."""
    out = []
    for el in p._p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        out.append(el.text or "" if el.tag == qn("w:t") else ("\t" if el.tag == qn("w:tab") else "\n"))
    return "".join(out)


def based_on_heading(style, level: int) -> bool:
    while style is not None:
        if style.name == f"Heading {level}":
            return True
        style = style.base_style
    return False


# Word's own styles that chronik defines (their w:name, as Word spells it),
# and chronik's own: style.builtin must say which is which (w:customStyle).
WORD_STYLES = {
    "Normal", "Body Text", "Title", "Subtitle", "heading 1", "heading 2", "heading 3",
    "caption", "TOC Heading", "toc 1", "toc 2", "header", "footer", "List Paragraph",
    "Default Paragraph Font", "Emphasis", "Strong", "Hyperlink", "Normal Table",
}
CHRONIK_STYLES = {
    "Milestone Body", "Abstract", "Author", "Milestone Date Heading", "Milestone Date",
    "Dated List", "Figure", "Strong Emphasis", "List Date", "One-liners",
    "Title Rule",  # where the design draws a bar above the title
}
# The Quick Styles gallery: these and no other style (latent ones included).
GALLERY = {"Normal", "Body Text", "Title", "Subtitle", "heading 1", "heading 2", "heading 3",
           "Milestone Date", "caption", "Emphasis", "Strong"}


def check_styles(d, f: docxtest.Failures, label: str) -> None:
    styles = {s._element.name_val: s for s in d.styles}
    defined = set(styles) | {"Title Rule"}
    f.check(defined == WORD_STYLES | CHRONIK_STYLES,
            f"{label}: the styles defined {sorted(defined ^ (WORD_STYLES | CHRONIK_STYLES))}")
    wrong = sorted(n for n, s in styles.items() if s.builtin != (n in WORD_STYLES))
    f.check(not wrong, f"{label}: built-in (no w:customStyle) exactly Word's own: wrong {wrong}")
    latent = d.styles.latent_styles
    names = {ls._element.name for ls in latent}  # as written, not python-docx's UI names
    f.check(len(latent) == 376 and latent.element.count == 376,
            f"{label}: 376 latent styles, as Word 2016 and later list them ({len(latent)})")
    f.check(WORD_STYLES <= names and not (CHRONIK_STYLES & names),
            f"{label}: Word's styles among the latent names, chronik's not")
    f.check(latent.default_priority == 99 and not latent.default_to_hidden,
            f"{label}: latent defaults as Word writes them")
    quick = {n for n, s in styles.items() if s.quick_style}
    quick |= {ls._element.name for ls in latent if ls.quick_style and ls._element.name not in styles}
    f.check(quick == GALLERY | {f"heading {n}" for n in range(4, 10)},
            f"{label}: the Quick Styles gallery: {sorted(quick)}")
    f.check(styles["Title"].priority == 10 and styles["heading 2"].priority == 9 and
            styles["heading 2"].unhide_when_used and not styles["heading 2"].hidden and
            styles["toc 1"].priority == 39 and styles["caption"].priority == 35,
            f"{label}: UI priorities and flags as Word writes them")
    normal_table = d.styles["Normal Table"]
    one_liners = d.styles["One-liners"]
    f.check(one_liners.type == docx.enum.style.WD_STYLE_TYPE.TABLE and
            one_liners.base_style is not None and
            one_liners.base_style.style_id == "TableNormal" and
            normal_table.style_id == "TableNormal" and normal_table._element.default,
            f"{label}: the one-liners' table style on Normal Table (the default)")


def check(path: str, chron: docxtest.Chronicle, f: docxtest.Failures, label: str,
          page_mm: tuple[int, int]) -> None:
    d = docx.Document(path)
    check_styles(d, f, label)
    paras = [p for p in d.paragraphs if p.text.strip()]
    h1 = [docxtest.norm(p.text) for p in paras if p.style.name == "Heading 1"]
    want_h1 = [label_ for label_, _ in chron.periods]
    f.check(h1 == want_h1, f"{label}: Heading 1 = the {len(want_h1)} periods in order")

    h2 = [docxtest.norm(p.text) for p in paras if based_on_heading(p.style, 2)]
    want_h2 = chron.milestone_heads()
    f.check(h2 == want_h2, f"{label}: Heading 2 = the milestone heads in order {h2} / {want_h2}")

    # Headings in order overall: each period's heads come after it.
    order = [p.style.name for p in paras if based_on_heading(p.style, 1) or based_on_heading(p.style, 2)]
    f.check(order[0] == "Heading 1" if order else False, f"{label}: the first heading is a Heading 1")

    # The one-liners: tables of two columns, each a header row marked as such
    # (w:tblHeader) with the localised heads, then date and title per row.
    heads, listed, marked = [], [], []
    for t in d.tables:
        rows = [[c.text for c in r.cells] for r in t.rows]
        heads.append(rows[0] if rows else [])
        listed += ["\t".join(r) for r in rows[1:]]
        marked.append([r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
                       for r in t.rows])
    f.check(listed == chron.one_liners(),
            f"{label}: {len(chron.one_liners())} one-liners as table rows (date, title) "
            f"in {len(d.tables)} table(s): {listed[:2]}")
    f.check(heads and all(h == ["Datum", "Ereignis"] for h in heads),
            f"{label}: each table's first row holds the column heads: {heads[:1]}")
    f.check(marked and all(m[0] and not any(m[1:]) for m in marked),
            f"{label}: the first row, and only it, is a header row (w:tblHeader)")
    f.check(all(p.style.name == "Dated List" for t in d.tables for r in t.rows[1:]
                for c in r.cells for p in c.paragraphs),
            f"{label}: the cells of the one-liners are 'Dated List' paragraphs")

    titles = [p.text for p in paras if p.style.name == "Title"]
    f.check(titles == [chron.title], f"{label}: one Title paragraph: {titles}")
    subtitle = [p.text for p in paras if p.style.name == "Subtitle"]
    f.check(subtitle == [chron.subtitle], f"{label}: the Subtitle")
    body = [docxtest.norm(full_text(p)) for p in paras
            if p.style.name in ("Body Text", "Milestone Body")]
    want_body = [t for _, ms in chron.periods for m in ms for t in m["paragraphs"]]
    f.check(body == want_body, f"{label}: {len(want_body)} body paragraphs in order")
    intro = [docxtest.norm(full_text(p)) for p in paras if p.style.name == "Abstract"]
    f.check(intro == chron.intro, f"{label}: the intro")

    cp = d.core_properties
    f.check(cp.title == chron.title, f"{label}: core title {cp.title!r}")
    f.check(cp.subject == chron.subtitle, f"{label}: core subject")
    f.check(cp.author == chron.organization, f"{label}: core creator {cp.author!r}")
    f.check(cp.language == "de-DE", f"{label}: core language {cp.language!r}")
    f.check(cp.created is not None and cp.created.year == 2023 and cp.created == cp.modified,
            f"{label}: created = modified = SOURCE_DATE_EPOCH ({cp.created})")
    f.check("security" in (cp.keywords or ""), f"{label}: keywords {cp.keywords!r}")
    f.check(cp.comments.split("\n") == chron.intro,
            f"{label}: description (comments) = the intro, a line per paragraph: {cp.comments!r}")

    s = d.sections[0]
    f.check(round(s.page_width / Mm(1)) == page_mm[0] and round(s.page_height / Mm(1)) == page_mm[1],
            f"{label}: page {s.page_width / Mm(1):.0f} x {s.page_height / Mm(1):.0f} mm")
    f.check(s.different_first_page_header_footer, f"{label}: titlePg (no header on the title page)")
    f.check(docxtest.norm(" ".join(p.text for p in s.header.paragraphs)) == chron.title,
            f"{label}: the header holds the title")
    footer_xml = s.footer._element.xml
    f.check("PAGE" in footer_xml and "fldChar" in footer_xml, f"{label}: PAGE field in the footer")
    lang = d.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    f.check(lang == ["de-DE"], f"{label}: document language {lang}")


def main() -> None:
    a = docxtest.args()
    f = docxtest.Failures()
    sample = os.path.join(a.source, "data", "lecos-chronik.xml")
    chron = docxtest.Chronicle(sample)
    with tempfile.TemporaryDirectory() as tmp:
        check(docxtest.render(a.chronik, sample, os.path.join(tmp, "a4")), chron, f, "brochure",
              (210, 297))
        check(docxtest.render(a.chronik, sample, os.path.join(tmp, "a5"), "booklet"), chron, f,
              "booklet", (148, 210))
    f.exit()


if __name__ == "__main__":
    main()
