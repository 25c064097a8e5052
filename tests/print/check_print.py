#!/usr/bin/python3
"""The print PDF (--pdf-standard x-4; README, "Print production") read back
with real tools, on the LeCoS sample (A4 brochure, A5 booklet, fact sheet)
and the photo sample:

  - page boxes (poppler's pdfinfo -box): TrimBox the page size, BleedBox 3 mm
    (8.5 pt) beyond it, MediaBox the bleed plus the slug for the crop marks;
    without crop marks the MediaBox is the BleedBox; a screen PDF has no
    TrimBox or BleedBox and its MediaBox is the page;
  - the output intent (qpdf --json): one /GTS_PDFX intent, identifier
    FOGRA39, registry http://www.color.org, its /DestOutputProfile byte for
    byte texlive-base's FOGRA39L_coated.icc (/N 4, an ICC 'prtr' CMYK
    profile); with PDF/A too, a /GTS_PDFA1 intent with the same profile
    object; the header %PDF-1.6, /Trapped /False, XMP pdfxid:GTS_PDFXVersion
    PDF/X-4 and pdf:Trapped False;
  - crop marks: every stroke drawn outside the page's own drawing lies
    outside the BleedBox, inside the MediaBox, in a page artifact
    (/Artifact <</Type /Page>>), in the /Separation /All colour;
  - the black plate (Ghostscript's tiffsep): the body text of page 3 of the
    sample prints on the Black separation alone (Cyan, Magenta and Yellow
    have no ink where pdftotext -bbox puts its words), and a coloured
    heading does print on Cyan;
  - the bleed: the fact sheet's title band and the photo sample's cover
    photo have ink in the bleed (between TrimBox and BleedBox), in print,
    and the screen PDFs of the LeCoS sample are unchanged in size (no bleed);
  - two print renders with the same SOURCE_DATE_EPOCH are byte-identical.

usage: check_print.py --chronik BINARY --source SOURCE_DIR
Exit 0 when every check holds; 1 (listing each failure) otherwise; a missing
tool (pdfinfo, pdftotext, qpdf, gs, PIL) is a failure, named.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

FOGRA39 = "/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc"
EPOCH = "1700000000"
MM = 72 / 25.4

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def need(tool):
    if not shutil.which(tool):
        failures.append("%s is not installed (scripts/install-deps.sh --test installs it)" % tool)
        return False
    return True


def render(chronik, source, out, extra):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run([chronik, "render", source, "-q", "-f", "pdf", "-o", out] + extra,
                       env=env, capture_output=True, text=True)
    if p.returncode != 0:
        failures.append("render %s %s failed: %s" % (source, extra, p.stderr.strip()))
        return None
    name = os.path.splitext(os.path.basename(source))[0] + ".pdf"
    return os.path.join(out, name)


def boxes(pdf):
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "9999", pdf],
                         capture_output=True, text=True).stdout
    pages = {}
    for m in re.finditer(r"Page\s+(\d+)\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)",
                         out):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = tuple(float(m.group(k)) for k in range(3, 7))
    return pages


def raw_boxes(pdf):
    """The boxes the page dictionaries hold themselves (pdfinfo fills in defaults)."""
    j = qpdf_json(pdf)
    objs = j["qpdf"][1]
    out = []
    for ref in page_refs(j):
        d = objs[ref]["value"]
        out.append({k: d.get(k) for k in ("/MediaBox", "/TrimBox", "/BleedBox", "/ArtBox")})
    return out


def qpdf_json(pdf):
    p = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized",
                        pdf], capture_output=True, text=True)
    return json.loads(p.stdout)


def page_refs(j):
    return ["obj:" + p["object"] for p in j["pages"]]


def near(a, b, tol=0.02):
    return abs(a - b) <= tol


def check_boxes(pdf, what, width_mm, height_mm, slug_mm):
    w, h = width_mm * MM, height_mm * MM
    b = 3 * MM
    o = b + slug_mm * MM
    pages = boxes(pdf)
    check(len(pages) > 0, "%s: pdfinfo -box read no pages" % what)
    for n, bx in sorted(pages.items()):
        trim, bleed, media = bx.get("TrimBox"), bx.get("BleedBox"), bx.get("MediaBox")
        ok = (trim and bleed and media and
              all(near(x, y) for x, y in zip(trim, (o, o, o + w, o + h))) and
              all(near(x, y) for x, y in zip(bleed, (o - b, o - b, o + w + b, o + h + b))) and
              all(near(x, y) for x, y in zip(media, (0, 0, w + 2 * o, h + 2 * o))))
        if not check(ok, "%s p. %d: boxes %s, want TrimBox %s, 3 mm bleed, slug %s mm"
                     % (what, n, bx, (o, o, o + w, o + h), slug_mm)):
            break


def stream_text(j, ref):
    s = j["qpdf"][1][ref]["stream"]
    import base64
    return base64.b64decode(s["data"]) if "data" in s else b""


def check_output_intent(pdf, what, with_pdfa):
    j = qpdf_json(pdf)
    objs = j["qpdf"][1]
    trailer = objs["trailer"]["value"]
    root = objs[ref_of(trailer["/Root"])]["value"]
    intents = [objs[ref_of(r)]["value"] for r in root.get("/OutputIntents", [])]
    x = [i for i in intents if i.get("/S") == "/GTS_PDFX"]
    a = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    check(len(x) == 1, "%s: %d GTS_PDFX output intents, want 1" % (what, len(x)))
    check(len(a) == (1 if with_pdfa else 0),
          "%s: %d GTS_PDFA1 output intents, want %d" % (what, len(a), 1 if with_pdfa else 0))
    if not x:
        return
    i = x[0]
    check(i.get("/OutputConditionIdentifier") == "u:FOGRA39",
          "%s: OutputConditionIdentifier %s" % (what, i.get("/OutputConditionIdentifier")))
    check(i.get("/RegistryName") == "u:http://www.color.org",
          "%s: RegistryName %s" % (what, i.get("/RegistryName")))
    prof = ref_of(i["/DestOutputProfile"])
    data = stream_text(j, prof)
    with open(FOGRA39, "rb") as f:
        want = f.read()
    check(data == want, "%s: the DestOutputProfile is not FOGRA39L_coated.icc byte for byte (%d bytes)"
          % (what, len(data)))
    check(data[12:16] == b"prtr" and data[16:20] == b"CMYK",
          "%s: the profile is %r %r, not a CMYK output profile" % (what, data[12:16], data[16:20]))
    check(objs[prof]["stream"]["dict"].get("/N") == 4, "%s: the profile's /N is not 4" % what)
    if a:
        check(ref_of(a[0]["/DestOutputProfile"]) == prof,
              "%s: PDF/A's output intent has another profile object than PDF/X's" % what)
    info = objs[ref_of(trailer["/Info"])]["value"]
    check(info.get("/Trapped") == "/False", "%s: /Trapped is %s" % (what, info.get("/Trapped")))
    with open(pdf, "rb") as f:
        head = f.read(9)
    check(head == b"%PDF-1.6\n" or head.startswith(b"%PDF-1.6"), "%s: header %r" % (what, head))
    meta = stream_text(j, ref_of(root["/Metadata"])).decode("utf-8")
    check("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in meta,
          "%s: no pdfxid:GTS_PDFXVersion PDF/X-4 in the XMP" % what)
    check("<pdf:Trapped>False</pdf:Trapped>" in meta, "%s: no pdf:Trapped False in the XMP" % what)


def ref_of(v):
    # qpdf --json=2 writes references as "12 0 R"
    m = re.match(r"(\d+) (\d+) R", v)
    return "obj:%s %s R" % (m.group(1), m.group(2))


def check_crop_marks(pdf, what):
    import pikepdf
    with pikepdf.open(pdf) as doc:
        for n, page in enumerate(doc.pages, 1):
            if not check("/BleedBox" in page.obj, "%s p. %d: no BleedBox" % (what, n)):
                return
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            ops = pikepdf.parse_content_stream(page)
            depth = 0          # q nesting
            artifact = None    # the open marked content's properties
            colour = None
            point = None
            marks = 0
            for operands, op in ops:
                o = str(op)
                if o == "q":
                    depth += 1
                elif o == "Q":
                    depth -= 1
                elif o == "BDC":
                    artifact = operands
                elif o == "EMC":
                    artifact = None
                elif o == "CS":
                    colour = str(operands[0])
                elif o == "m":
                    point = (float(operands[0]), float(operands[1]))
                elif o == "l" and depth >= 1 and colour == "/CSr" and point:
                    x2, y2 = float(operands[0]), float(operands[1])
                    marks += 1
                    for x, y in (point, (x2, y2)):
                        inside_bleed = bleed[0] < x < bleed[2] and bleed[1] < y < bleed[3]
                        check(not inside_bleed, "%s p. %d: a crop mark at (%.1f, %.1f) inside the "
                              "BleedBox %s" % (what, n, x, y, bleed))
                        check(media[0] <= x <= media[2] and media[1] <= y <= media[3],
                              "%s p. %d: a crop mark at (%.1f, %.1f) outside the MediaBox"
                              % (what, n, x, y))
                    check(artifact is not None and str(artifact[0]) == "/Artifact"
                          and str(artifact[1].get("/Type")) == "/Page",
                          "%s p. %d: a crop mark outside an /Artifact <</Type /Page>>" % (what, n))
            check(marks == 8, "%s p. %d: %d crop mark strokes, want 8" % (what, n, marks))
            cs = page.obj.Resources.get("/ColorSpace", {}).get("/CSr")
            check(cs is not None and str(cs[0]) == "/Separation" and str(cs[1]) == "/All",
                  "%s p. %d: the marks' colour is not /Separation /All" % (what, n))
            if failures:
                return


def separations(pdf, page, dpi, tmp):
    for f in os.listdir(tmp):
        if f.startswith("sep"):
            os.remove(os.path.join(tmp, f))
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                    "-r%d" % dpi, "-dFirstPage=%d" % page, "-dLastPage=%d" % page,
                    "-sOutputFile=" + os.path.join(tmp, "sep%d.tif"), pdf], check=True)
    from PIL import Image
    plates = {}
    for c in ("Cyan", "Magenta", "Yellow", "Black"):
        plates[c] = Image.open(os.path.join(tmp, "sep1(%s).tif" % c)).convert("L")
    return plates


def ink_in(plate, box):
    """Pixels with ink (tiffsep: 255 is no ink) inside box (pixels, top-left origin)."""
    crop = plate.crop(tuple(int(round(v)) for v in box))
    return sum(1 for v in crop.getdata() if v < 250)


def word_boxes(pdf, page):
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                         capture_output=True, text=True).stdout
    return [(m.group(5), tuple(float(m.group(k)) for k in range(1, 5)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', out)]


def check_black_plate(pdf, tmp):
    dpi = 100
    plates = separations(pdf, 3, dpi, tmp)
    words = word_boxes(pdf, 3)
    texts = [w for w, _ in words]
    # The body of the first milestone of 2021: "Bereits zum zweiten Mal ... erfüllen."
    if not check("Bereits" in texts and "erfüllen." in texts,
                 "black plate: page 3 does not hold the 2021 body text (%s ...)" % texts[:12]):
        return
    first, last = texts.index("Bereits"), texts.index("erfüllen.")
    scale = dpi / 72
    body = [b for _, b in words[first:last + 1]]
    k = 0
    for b in body:
        px = (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)
        for c in ("Cyan", "Magenta", "Yellow"):
            n = ink_in(plates[c], px)
            if not check(n == 0, "black plate: %d pixels of %s under a body word at %s" % (n, c, b)):
                return
        k += ink_in(plates["Black"], px)
    check(k > 1000, "black plate: only %d pixels of Black under %d body words" % (k, len(body)))
    # A coloured heading ("2021", #17324d) prints in colour: the test can fail.
    head = [b for w, b in words if w == "2021"]
    if check(head, "black plate: no heading '2021' on page 3"):
        b = head[-1]
        px = (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)
        check(ink_in(plates["Cyan"], px) > 20, "black plate: the heading '2021' has no Cyan")


def check_bleed_ink(pdf, page, what, tmp, edge="top-left"):
    """Ink in the bleed next to the trim's top-left corner (inside BleedBox, outside TrimBox)."""
    dpi = 100
    plates = separations(pdf, page, dpi, tmp)
    bx = boxes(pdf)[page]
    trim, media = bx["TrimBox"], bx["MediaBox"]
    if not check(trim != media, "%s: the TrimBox is the MediaBox: no bleed" % what):
        return
    scale = dpi / 72
    top = media[3]
    # A strip 2 mm high in the bleed above the trim, from 10 mm to 40 mm across.
    box = ((trim[0] + 10 * MM) * scale, (top - trim[3] + 0.5) * scale - 2 * MM * scale,
           (trim[0] + 40 * MM) * scale, (top - trim[3] - 0.5) * scale)
    box = (box[0], min(box[1], box[3]), box[2], max(box[1], box[3]))
    ink = sum(ink_in(plates[c], box) for c in ("Cyan", "Magenta", "Yellow", "Black"))
    check(ink > 50, "%s: no ink in the bleed above the trim on p. %d (%d pixels)" % (what, page, ink))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chronik", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    tools = [need(t) for t in ("pdfinfo", "pdftotext", "qpdf", "gs")]
    try:
        import PIL  # noqa: F401
        import pikepdf  # noqa: F401
    except ImportError as e:
        failures.append("%s (python3-pil, python3-pikepdf: scripts/install-deps.sh --test)" % e)
        tools.append(False)
    if not all(tools):
        print("\n".join("FAIL " + f for f in failures))
        return 1
    lecos = os.path.join(a.source, "data", "lecos-chronik.xml")
    photos = os.path.join(a.source, "data", "auenwald-chronik.xml")
    styles = os.path.join(a.source, "styles")
    with tempfile.TemporaryDirectory() as tmp:
        def out(name):
            return os.path.join(tmp, name)

        a4 = render(a.chronik, lecos, out("a4"), ["--pdf-standard", "x-4"])
        a5 = render(a.chronik, lecos, out("a5"), ["--pdf-standard", "x-4", "--style",
                                                  os.path.join(styles, "booklet.xml")])
        both = render(a.chronik, lecos, out("both"), ["--pdf-standard", "ua-1,a-2a,x-4"])
        sheet = render(a.chronik, lecos, out("sheet"), ["--pdf-standard", "x-4", "--style",
                                                        os.path.join(styles, "factsheet.xml")])
        screen = render(a.chronik, lecos, out("screen"), [])
        photo = render(a.chronik, photos, out("photo"), ["--pdf-standard", "x-4"])
        again = render(a.chronik, lecos, out("again"), ["--pdf-standard", "x-4"])
        nomarks_style = out("nomarks.xml")
        with open(nomarks_style, "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<style name="n" version="1">\n'
                    '  <print crop-marks="false"/>\n</style>\n')
        nomarks = render(a.chronik, lecos, out("nomarks"), ["--pdf-standard", "x-4", "--style",
                                                            nomarks_style])
        if failures:
            print("\n".join("FAIL " + f for f in failures))
            return 1
        check_boxes(a4, "A4 brochure", 210, 297, 6)
        check_boxes(a5, "A5 booklet", 148, 210, 6)
        check_boxes(sheet, "fact sheet", 210, 297, 6)
        check_boxes(photo, "photo sample", 210, 297, 6)
        check_boxes(nomarks, "no crop marks", 210, 297, 0)
        for rb in raw_boxes(screen):
            check(rb["/TrimBox"] is None and rb["/BleedBox"] is None,
                  "screen PDF: a page has a TrimBox or BleedBox: %s" % rb)
            mb = [float(v) for v in rb["/MediaBox"]]
            check(near(mb[2], 210 * MM) and near(mb[3], 297 * MM), "screen PDF: MediaBox %s" % mb)
        for rb in raw_boxes(a4):
            check(rb["/ArtBox"] is None, "print PDF: a page has an ArtBox beside its TrimBox")
        check_output_intent(a4, "A4 print", False)
        check_output_intent(a5, "A5 print", False)
        check_output_intent(both, "ua-1,a-2a,x-4", True)
        j = qpdf_json(screen)
        root = j["qpdf"][1][ref_of(j["qpdf"][1]["trailer"]["value"]["/Root"])]["value"]
        check(all(j["qpdf"][1][ref_of(r)]["value"].get("/S") == "/GTS_PDFA1"
                  for r in root.get("/OutputIntents", [])),
              "screen PDF: an output intent other than PDF/A's sRGB")
        check_crop_marks(a4, "A4 brochure")
        check_crop_marks(a5, "A5 booklet")
        check_black_plate(a4, tmp)
        check_bleed_ink(sheet, 1, "fact sheet's band", tmp)
        check_bleed_ink(photo, 1, "photo sample's cover", tmp)
        with open(a4, "rb") as f1, open(again, "rb") as f2:
            check(f1.read() == f2.read(), "two print renders differ")
    if failures:
        print("\n".join("FAIL " + f for f in failures))
        return 1
    print("print PDF: boxes, output intents, crop marks, black plate, bleed, reproducibility: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
