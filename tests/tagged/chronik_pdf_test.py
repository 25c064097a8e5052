#!/usr/bin/python3
"""chronik's tagged PDF read back by the project's checker, poppler and pdf.js.

    chronik_pdf_test.py CHRONIK CASE CHECK      (ctest: tagged.CASE.CHECK)

CASE is one of CASES below (the sample in two styles, tests/cases/rich); CHECK one of
CHECKS. Each renders the case with the built chronik into a temporary folder, with
SOURCE_DATE_EPOCH fixed, and fails with every message it has. Goldens live in
tests/tagged/golden/; CHRONIK_UPDATE_GOLDEN=1 rewrites them (read the diff).
"""

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tagged_pdf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(HERE, "golden")
EPOCH = "1700000000"

CASES = {
    "sample": ("data/lecos-chronik.xml", None),
    "sample-booklet": ("data/lecos-chronik.xml", "booklet"),
    "rich": ("tests/cases/rich/input.xml", None),
}
# The page whose pdf.js reading the sample's test pins (the issue asks what a screen
# reader is handed there).
PDFJS_PAGE = 3


class Failed(Exception):
    pass


def render(chronik, case, folder):
    xml, style = CASES[case]
    cmd = [chronik, "render", os.path.join(SOURCE, xml), "-f", "pdf", "-o", folder, "-q"]
    if style:
        cmd += ["-s", style]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stderr}")
    name = os.path.splitext(os.path.basename(xml))[0] + ".pdf"
    return os.path.join(folder, name)


def tool(name, package):
    path = shutil.which(name)
    if path is None:
        raise Failed(f"{name} is missing: install {package} (scripts/install-deps.sh --test)")
    return path


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stderr}")
    return r.stdout


def golden(name, actual):
    path = os.path.join(GOLDEN, name)
    if os.environ.get("CHRONIK_UPDATE_GOLDEN") == "1":
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(actual)
        print(f"updated {path}")
        return
    if not os.path.exists(path):
        raise Failed(f"no golden {path}: run with CHRONIK_UPDATE_GOLDEN=1 and read it")
    with open(path, encoding="utf-8") as f:
        expected = f.read()
    if expected != actual:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            path, "actual"))
        raise Failed(f"differs from {path} (CHRONIK_UPDATE_GOLDEN=1 rewrites it):\n{diff}")


def normal(text):
    return re.sub(r"\s+", " ", text).strip()


def chronicle_paragraphs(case):
    """The chronicle's texts in its order: title, subtitle, organisation, paragraphs,
    milestone titles, captions (each as the PDF must carry it, whitespace normalised)."""
    root = ET.parse(os.path.join(SOURCE, CASES[case][0])).getroot()

    def text_of(el):
        parts = [el.text or ""]
        for child in el:
            parts.append(" " if child.tag == "br" else text_of(child))
            parts.append(child.tail or "")
        return "".join(parts)

    out = []
    for el in root.iter():
        if el.tag in ("title", "subtitle", "organization", "p", "caption"):
            t = normal(text_of(el))
            if t:
                out.append(t)
    return out


def in_order(haystack, needles, what):
    errors, at = [], 0
    for n in needles:
        i = haystack.find(n, at)
        if i < 0:
            where = haystack.find(n)
            errors.append(f"{what}: {n[:70]!r} " + (
                "is there, but before the text that precedes it in the chronicle"
                if where >= 0 else "is missing"))
        else:
            at = i + len(n)
    return errors


def line_end_hyphens(doc):
    """(left, right) of every glyph run that ends a line with a letter and a hyphen and
    continues on the next line with a letter, in structure order."""
    pieces = []
    for el in doc.elements:
        for kid in el.kids:
            if kid[0] == "mcid":
                c = doc.mcid_text(kid[1], kid[2])
                if c is not None:
                    pieces += [(text, (kid[1], y)) for text, y, actual, _ in c.pieces
                               if not actual and text.strip()]
    found = []
    for (a, pos_a), (b, pos_b) in zip(pieces, pieces[1:]):
        if pos_a == pos_b:
            continue
        left = re.search(r"(\w+)-\s*$", a)
        right = re.match(r"\s*(\w+)", b)
        if left and right:
            found.append((left.group(1), right.group(1)))
    return found


def glued_words(out, source, plain):
    """Tokens of `out` that are two words of `source` run together: a missing space. Plain
    pdftotext drops an explicit hyphen at a line end itself (IT-|Grundschutz gives
    ITGrundschutz, whatever the PDF says), so with plain=True those do not count."""
    words = set(re.findall(r"\w+", source))
    found = []
    for token in sorted(set(re.findall(r"\w+", out)) - words):
        for i in range(2, len(token) - 1):
            if plain and f"{token[:i]}-{token[i:]}" in source:
                break
            if token[:i] in words and token[i:] in words and token[i].isupper():
                found.append(f"{token!r} glues {token[:i]!r} and {token[i:]!r}")
                break
    return found


# --- the checks -----------------------------------------------------------------------

def check_structure(chronik, case, folder):
    pdf = render(chronik, case, folder)
    errors = tagged_pdf.check(tagged_pdf.TaggedPdf(pdf))
    if errors:
        raise Failed(f"tagged_pdf.py check {case}: {len(errors)} failures\n" + "\n".join(errors))


PATHS = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n", "sh"}


def check_artifacts(chronik, case, folder):
    """Running headers and footers are pagination artifacts on every page after the
    title page (the footer's text is the page number); the rail, its markers, the dot
    leaders, rules and underlines (every path chronik paints) are artifacts; images are
    Figures or artifacts."""
    pdf = render(chronik, case, folder)
    root = ET.parse(os.path.join(SOURCE, CASES[case][0])).getroot()
    heads = [normal(root.findtext("title") or "")] + \
        [p.get("label") for p in root.iter("period")]
    errors = artifact_errors(tagged_pdf.TaggedPdf(pdf), heads)
    if errors:
        raise Failed("\n".join(errors))


def artifact_errors(doc, heads):
    """check_artifacts on a read PDF; heads: what a running header may say."""
    errors = []
    for i, c in enumerate(doc.content):
        n = i + 1
        kinds = [(a[0], a[1]) for a in c.artifacts]
        if i > 0:
            header = [a[2] for a in c.artifacts if (a[0], a[1]) == ("Pagination", "Header")]
            footer = [a[2] for a in c.artifacts if (a[0], a[1]) == ("Pagination", "Footer")]
            if not header:
                errors.append(f"page {n}: no /Artifact <</Type /Pagination /Subtype /Header>> "
                              f"(artifacts: {kinds})")
            elif not any(h in normal(" ".join(header)) for h in heads if h):
                errors.append(f"page {n}: the header artifact says {header}, neither the "
                              f"title nor a period label")
            if not footer:
                errors.append(f"page {n}: no /Artifact <</Type /Pagination /Subtype /Footer>> "
                              f"(artifacts: {kinds})")
            elif normal(" ".join(footer)) != str(n):
                errors.append(f"page {n}: the footer artifact says {footer}, not {n}")
        for op, where in c.painted:
            if op in PATHS and (where is None or where[0] != "Artifact"):
                errors.append(f"page {n}: path operator '{op}' lies in {where}, not an "
                              f"Artifact")
            if op in ("Do", "BI", "INLINE IMAGE") and where is not None \
                    and where[0] not in ("Artifact", "Figure"):
                errors.append(f"page {n}: image ('{op}') lies in /{where[0]} MCID {where[1]}, "
                              f"neither a Figure nor an Artifact")
    return errors


def check_dump(chronik, case, folder):
    pdf = render(chronik, case, folder)
    golden(f"{case}.dump.txt",
           "".join(line + "\n" for line in tagged_pdf.dump_lines(tagged_pdf.TaggedPdf(pdf))))


def check_struct_text(chronik, case, folder):
    pdf = render(chronik, case, folder)
    tool("pdfinfo", "poppler-utils")
    sys.path.insert(0, HERE)
    from test_tagged_pdf import pdfinfo_struct_text
    doc = tagged_pdf.TaggedPdf(pdf)
    errors = []
    poppler = pdfinfo_struct_text(pdf)
    ours = tagged_pdf.text_lines(doc, glyphs=True)
    if poppler != ours:
        diff = "".join(difflib.unified_diff([s + "\n" for s in ours],
                                            [s + "\n" for s in poppler],
                                            "tagged_pdf.py text --glyphs",
                                            "pdfinfo -struct-text", n=1))
        errors.append("pdfinfo -struct-text quotes other content items than the checker "
                      "reads:\n" + diff)
    text = normal("".join(tagged_pdf.text_lines(doc)))
    errors += in_order(text, chronicle_paragraphs(case), "the tagged text in structure order")
    if errors:
        raise Failed("\n".join(errors))


def check_words(chronik, case, folder):
    """pdftotext, plain and -raw, give whole words at hyphenated line ends and spaces
    between words."""
    pdf = render(chronik, case, folder)
    tool("pdftotext", "poppler-utils")
    doc = tagged_pdf.TaggedPdf(pdf)
    source = normal(" ".join(chronicle_paragraphs(case)))
    hyphens = line_end_hyphens(doc)
    added = [(l, r) for l, r in hyphens if f"{l}{r}" in source and f"{l}-{r}" not in source]
    errors = []
    if case != "rich" and not added:
        errors.append(f"no hyphenated line end found in {case} (found {hyphens}): the test "
                      f"would prove nothing")
    errors += word_errors(pdf, source, added)
    if errors:
        raise Failed("\n".join(errors))
    # The same PDF without its /ActualText must fail (pdftotext -raw then gives the
    # halves), or the check would pass whatever chronik wrote.
    if added:
        bare = strip_actual_text(pdf, os.path.join(folder, "without-actualtext.pdf"))
        if not any(e.startswith("pdftotext -raw: gives") for e in
                   word_errors(bare, source, added)):
            raise Failed("without /ActualText, pdftotext -raw still gives whole words: this "
                         "check cannot tell")
    print(f"hyphenated line ends checked: {', '.join(l + '-' + r for l, r in added)}")


def word_errors(pdf, source, added):
    errors = []
    for args in ([], ["-raw"]):
        out = normal(run(["pdftotext", *args, pdf, "-"]))
        what = "pdftotext" + (" " + " ".join(args) if args else "")
        for left, right in added:
            if f"{left}{right}" not in out:
                errors.append(f"{what}: the hyphenated word {left}{right} is not whole")
            for halves in (f"{left}- {right}", f"{left}-{right}"):
                if halves in out:
                    errors.append(f"{what}: gives {halves!r} for {left}{right}")
        errors += [f"{what}: {g}" for g in glued_words(out, source, plain=not args)]
    return errors


def strip_actual_text(pdf, out):
    """A copy of the PDF without /ActualText, in marked content and in structure
    elements."""
    import pikepdf
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            instructions = []
            for ins in pikepdf.parse_content_stream(page):
                operands = list(ins.operands)
                if str(ins.operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/ActualText" in operands[1]:
                    del operands[1].ActualText
                instructions.append(pikepdf.ContentStreamInstruction(operands, ins.operator))
            page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(instructions))
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/S" in obj and "/P" in obj \
                    and "/ActualText" in obj:
                del obj.ActualText
        doc.save(out)
    return out


def check_pdfjs(chronik, case, folder):
    pdf = render(chronik, case, folder)
    node = tool("node", "nodejs")
    script = os.path.join(HERE, "pdfjs_struct.mjs")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "pdfjs-dist")):
        raise Failed("pdfjs-dist is missing: run `npm ci --omit=optional` in tests/tagged "
                     "(scripts/install-deps.sh --test does)")
    out = run([node, script, pdf, str(PDFJS_PAGE)])
    golden(f"{case}.pdfjs-page{PDFJS_PAGE}.txt", out)
    # pdf.js lists the elements with content on the page, with their ancestors, in tree
    # order: the same roles as our own reading of the tree.
    doc = tagged_pdf.TaggedPdf(pdf)
    page = PDFJS_PAGE - 1

    def on_page(el):
        return any((k[0] == "mcid" and k[1] == page) or (k[0] == "objr" and k[2] == page)
                   or (k[0] == "elem" and on_page(k[1])) for k in el.kids)

    ours = [el.role for el in doc.elements if on_page(el)]
    theirs = [line.split()[0] for line in out.splitlines()
              if line.strip() and not line.strip().startswith(('"', "["))]
    if ours != theirs:
        raise Failed(f"pdf.js lists the roles of page {PDFJS_PAGE} as {theirs}, "
                     f"the checker reads {ours}")


def check_reproducible(chronik, case, folder):
    a = render(chronik, case, os.path.join(folder, "a"))
    b = render(chronik, case, os.path.join(folder, "b"))
    with open(a, "rb") as fa, open(b, "rb") as fb:
        da, db = fa.read(), fb.read()
    if da != db:
        at = next(i for i, (x, y) in enumerate(zip(da, db)) if x != y) if len(da) == len(db) \
            else min(len(da), len(db))
        raise Failed(f"two renders differ ({len(da)} and {len(db)} bytes), first at byte {at}: "
                     f"{da[max(0, at - 40):at + 40]!r} / {db[max(0, at - 40):at + 40]!r}")


CHECKS = {
    "structure": check_structure,
    "artifacts": check_artifacts,
    "dump": check_dump,
    "struct_text": check_struct_text,
    "words": check_words,
    "pdfjs": check_pdfjs,
    "reproducible": check_reproducible,
}


def main(argv):
    if len(argv) != 4 or argv[2] not in CASES or argv[3] not in CHECKS:
        print(f"usage: {argv[0]} CHRONIK {{{','.join(CASES)}}} {{{','.join(CHECKS)}}}",
              file=sys.stderr)
        return 2
    folder = tempfile.mkdtemp(prefix=f"chronik-tagged-{argv[2]}-")
    try:
        CHECKS[argv[3]](argv[1], argv[2], folder)
    except Failed as e:
        print(f"tagged.{argv[2]}.{argv[3]}: FAILED: {e}")
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"tagged.{argv[2]}.{argv[3]}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
