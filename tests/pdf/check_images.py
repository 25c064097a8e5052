#!/usr/bin/python3
"""Pictures in the PDF (README, "Pictures in the PDF"), read back with Debian's
python3-pikepdf, Pillow (python3-pil), pdfimages and pdftoppm (poppler-utils),
on pictures made here with Pillow:

  - a JPEG placed at no more than its resolution is embedded as it is: one
    /DCTDecode stream whose bytes are the file's;
  - EXIF orientations 1..8: a picture whose stored top-left corner is red
    shows that corner where the orientation puts it (pdftoppm), its shown
    box being the one the content stream draws it into;
  - a JPEG's ICC profile (in three APP2 chunks) and a PNG's iCCP become the
    image's [/ICCBased] space, the stream's bytes the profile's, /N and
    /Alternate set; in print output (x-4) an RGB picture without a profile is
    ICC-based sRGB, one stream for all, and no image is DeviceRGB; a CMYK
    JPEG is taken under x-4;
  - PNGs with alpha (RGBA, grey + alpha) have an /SMask whose pixels are
    the alpha channel;
  - resolution (pdfimages -list): a picture placed at much more than the
    style's screen resolution is downsampled to 150 ppi in the screen PDF
    (JPEG, PNG with alpha: still masked) and to 300 ppi in the print PDF, one
    at 300-450 ppi is left as it is in print; a sheet's <images screen-ppi> is
    obeyed;
  - <print photos="convert">: RGB pictures (JPEG, PNG, with a profile or
    without) become DeviceCMYK, red and blue still showing so, masks kept,
    grey pictures left grey;
  - two renders are byte-identical; pdfstd.py, when given (--pdfstd), finds no
    failure of its a2b profile on the screen PDF.

usage: check_images.py --chronik BINARY --source SOURCE_DIR [--pdfstd PDFSTD.py]
Exit 0 when every check holds; 1 (listing each failure) otherwise.
"""
import argparse
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import pikepdf
from PIL import Image

EPOCH = "1700000000"
SRGB = "/usr/share/color/icc/sRGB.icc"

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


# --- pictures -------------------------------------------------------------------------------

def gradient(w, h, seed=0):
    """An RGB picture with detail everywhere (so JPEG sizes are realistic), made fast."""
    r = Image.linear_gradient("L").resize((w, h))
    g = Image.effect_mandelbrot((w, h), (-2.0 + seed * 0.01, -1.2, 0.8, 1.2), 60)
    b = Image.radial_gradient("L").resize((w, h))
    return Image.merge("RGB", (r, g, b))


def marked(w, h):
    """Blue, with the stored top-left quarter red."""
    img = Image.new("RGB", (w, h), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, w // 2, h // 2))
    return img


def with_exif(img, orientation):
    exif = Image.Exif()
    exif[274] = orientation
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95, exif=exif.tobytes())
    return buf.getvalue()


def big_profile():
    """Debian's sRGB profile padded past 128 KB (its size field too), so a JPEG
    carries it in three APP2 chunks; still a valid profile for its tags."""
    data = bytearray(open(SRGB, "rb").read())
    data += b"\0" * (140000 - len(data))
    data[0:4] = struct.pack(">I", len(data))
    return bytes(data)


# --- running chronik --------------------------------------------------------------------

def chronicle(images):
    """A chronicle with one milestone per (file, alt)."""
    body = "".join('<milestone date="%d"><title>M%d</title><p>Text.</p>'
                   '<image src="%s" alt="%s"/></milestone>\n' % (2000 + i, i, src, src)
                   for i, src in enumerate(images))
    return ('<chronicle lang="de"><title>Bilder</title><organization>O</organization>\n'
            '<period label="P">\n%s</period></chronicle>\n' % body)


def render(chronik, work, name, images, extra=()):
    xml = os.path.join(work, name + ".xml")
    with open(xml, "w") as f:
        f.write(chronicle(images))
    out = os.path.join(work, "out-" + name)
    os.makedirs(out, exist_ok=True)
    p = subprocess.run([chronik, "render", xml, "-q", "-f", "pdf", "-o", out] + list(extra),
                       env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), capture_output=True, text=True)
    if not check(p.returncode == 0, "%s: chronik render %s failed: %s" % (name, extra, p.stderr)):
        return None
    return os.path.join(out, name + ".pdf")


def images_of(path):
    """(name of the alt text, image stream) for each Figure's picture, in page order, with the
    matrix it was drawn with and its page."""
    pdf = pikepdf.open(path)
    found = []
    for number, page in enumerate(pdf.pages):
        xobjects = page.Resources.get("/XObject", {})
        stack, ctm = [], [1, 0, 0, 1, 0, 0]
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                a, b, c, d, e, f = [float(x) for x in operands]
                A, B, C, D, E, F = ctm
                ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                       e * A + f * C + E, e * B + f * D + F]
            elif op == "Do":
                found.append((xobjects[operands[0]], ctm, number, page))
    return pdf, found


def filters(o):
    f = o.get("/Filter")
    return [] if f is None else [str(x) for x in f] if isinstance(f, pikepdf.Array) else [str(f)]


def show(o):
    """A PDF object for a message."""
    try:
        return repr(o)
    except Exception:
        return "?"


def box_of(ctm):
    xs = [ctm[4], ctm[4] + ctm[0], ctm[4] + ctm[2], ctm[4] + ctm[0] + ctm[2]]
    ys = [ctm[5], ctm[5] + ctm[1], ctm[5] + ctm[3], ctm[5] + ctm[1] + ctm[3]]
    return min(xs), min(ys), max(xs), max(ys)


def pdfimages_list(path):
    p = subprocess.run(["pdfimages", "-list", path], capture_output=True, text=True)
    rows = []
    for line in p.stdout.splitlines()[2:]:
        f = line.split()
        if len(f) >= 14:
            rows.append({"type": f[2], "width": int(f[3]), "height": int(f[4]), "color": f[5],
                         "enc": f[8], "xppi": int(f[12]), "yppi": int(f[13])})
    return rows


# --- the checks ---------------------------------------------------------------------------

def passthrough_and_profiles(chronik, work, pdfstd):
    photo = io.BytesIO()
    gradient(300, 200).save(photo, "JPEG", quality=85)
    open(os.path.join(work, "photo.jpg"), "wb").write(photo.getvalue())
    profile = big_profile()
    tagged = io.BytesIO()
    gradient(240, 160, 9).save(tagged, "JPEG", quality=85, icc_profile=profile)
    open(os.path.join(work, "tagged.jpg"), "wb").write(tagged.getvalue())
    check(tagged.getvalue().count(b"ICC_PROFILE\0") == 3, "tagged.jpg: not three ICC chunks")
    srgb = open(SRGB, "rb").read()
    gradient(120, 80, 4).save(os.path.join(work, "tagged.png"), "PNG", icc_profile=srgb)
    rgba = gradient(90, 60, 2).convert("RGBA")
    alpha = Image.new("L", (90, 60))
    alpha.putdata([(x * 3 + y) % 256 for y in range(60) for x in range(90)])
    rgba.putalpha(alpha)
    rgba.save(os.path.join(work, "alpha.png"))
    la = Image.merge("LA", (gradient(70, 50, 5).convert("L"), alpha.resize((70, 50))))
    la.save(os.path.join(work, "greyalpha.png"))
    gradient(100, 100, 7).save(os.path.join(work, "plain.png"))
    files = ["photo.jpg", "tagged.jpg", "tagged.png", "alpha.png", "greyalpha.png", "plain.png"]

    path = render(chronik, work, "screen", files)
    if not path:
        return
    first = open(path, "rb").read()
    again = render(chronik, work, "screen", files)
    check(again is not None and open(again, "rb").read() == first, "screen: two renders differ")
    pdf, shown = images_of(path)
    check(len(shown) == len(files), "screen: %d images drawn, not %d" % (len(shown), len(files)))
    if len(shown) != len(files):
        return
    by = dict(zip(files, shown))
    img = by["photo.jpg"][0]
    check(filters(img) == ["/DCTDecode"], "photo.jpg: filter %s" % filters(img))
    check(img.read_raw_bytes() == photo.getvalue(), "photo.jpg: the stream is not the file's bytes")
    check(img.get("/ColorSpace") == "/DeviceRGB", "photo.jpg: space %s" % show(img.get("/ColorSpace")))

    img = by["tagged.jpg"][0]
    check(img.read_raw_bytes() == tagged.getvalue(), "tagged.jpg: the stream is not the file's bytes")
    space = img.get("/ColorSpace")
    if check(isinstance(space, pikepdf.Array) and space[0] == "/ICCBased",
             "tagged.jpg: space %s, not ICCBased" % show(space)):
        check(space[1].read_bytes() == profile, "tagged.jpg: the ICC stream is not its profile")
        check(space[1].get("/N") == 3 and space[1].get("/Alternate") == "/DeviceRGB",
              "tagged.jpg: /N %s /Alternate %s" % (show(space[1].get("/N")), show(space[1].get("/Alternate"))))
    space = by["tagged.png"][0].get("/ColorSpace")
    if check(isinstance(space, pikepdf.Array) and space[0] == "/ICCBased",
             "tagged.png: space %s, not ICCBased" % show(space)):
        check(space[1].read_bytes() == srgb, "tagged.png: the ICC stream is not its iCCP profile")
    check(by["plain.png"][0].get("/ColorSpace") == "/DeviceRGB",
          "plain.png (screen): space %s" % show(by["plain.png"][0].get("/ColorSpace")))

    for name, source in (("alpha.png", rgba), ("greyalpha.png", la)):
        img = by[name][0]
        mask = img.get("/SMask")
        if check(mask is not None, "%s: no /SMask" % name):
            got = pikepdf.PdfImage(mask).as_pil_image()
            check(got.mode == "L" and got.size == source.size, "%s: mask %s %s" % (name, got.mode, got.size))
            check(got.tobytes() == source.getchannel("A").tobytes(),
                  "%s: the mask's pixels are not the alpha channel" % name)
    if pdfstd:
        p = subprocess.run([sys.executable, pdfstd, path, "--profile", "a2b"], capture_output=True, text=True)
        check(p.returncode == 0, "screen: pdfstd a2b: %s" % p.stdout[-2000:])

    # Print: profiles stay, RGB without one is ICC-based sRGB (one stream), no DeviceRGB.
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "images", "cmyk.jpg"),
                os.path.join(work, "cmyk.jpg"))
    path = render(chronik, work, "print", files + ["cmyk.jpg"], ["--pdf-standard", "x-4"])
    if not path:
        return
    pdf, shown = images_of(path)
    by = dict(zip(files + ["cmyk.jpg"], shown))
    srgb_streams = set()
    for name in ("photo.jpg", "plain.png", "alpha.png"):
        space = by[name][0].get("/ColorSpace")
        if check(isinstance(space, pikepdf.Array) and space[0] == "/ICCBased",
                 "print: %s space %s, not ICCBased sRGB" % (name, show(space))):
            check(space[1].read_bytes() == srgb, "print: %s has another profile than sRGB" % name)
            srgb_streams.add(space[1].objgen)
    check(len(srgb_streams) <= 1, "print: %d sRGB streams, not one" % len(srgb_streams))
    check(by["photo.jpg"][0].read_raw_bytes() == photo.getvalue(),
          "print: photo.jpg is not passed through")
    space = by["tagged.jpg"][0].get("/ColorSpace")
    check(isinstance(space, pikepdf.Array) and space[1].read_bytes() == profile,
          "print: tagged.jpg lost its profile")
    check(by["cmyk.jpg"][0].get("/ColorSpace") == "/DeviceCMYK",
          "print: cmyk.jpg space %s" % show(by["cmyk.jpg"][0].get("/ColorSpace")))
    for _, o in enumerate(pdf.objects):
        if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image":
            cs = o.get("/ColorSpace")
            check(cs != "/DeviceRGB" and not (isinstance(cs, pikepdf.Array) and "/DeviceRGB" in list(cs)),
                  "print: an image in DeviceRGB (%s)" % (o.objgen,))


def orientations(chronik, work):
    files = []
    for o in range(1, 9):
        name = "turned%d.jpg" % o
        open(os.path.join(work, name), "wb").write(with_exif(marked(60, 40), o))
        files.append(name)
    path = render(chronik, work, "turned", files)
    if not path:
        return
    pdf, shown = images_of(path)
    if not check(len(shown) == 8, "turned: %d images drawn" % len(shown)):
        return
    png = os.path.join(work, "turned-page")
    subprocess.run(["pdftoppm", "-r", "72", "-png", path, png], check=True)
    pages = sorted(f for f in os.listdir(work) if f.startswith("turned-page"))
    # Where the stored top-left corner shows (TIFF 6.0 tag 274).
    corner = {1: "TL", 2: "TR", 3: "BR", 4: "BL", 5: "TL", 6: "TR", 7: "BR", 8: "BL"}
    for o, (img, ctm, number, page) in zip(range(1, 9), shown):
        left, bottom, right, top = box_of(ctm)
        height = float(page.MediaBox[3])
        picture = Image.open(os.path.join(work, pages[number])).convert("RGB")
        w, h = right - left, top - bottom

        def at(fx, fy):  # fractions of the box from its top left
            return picture.getpixel((int(left + fx * w), int(height - top + fy * h)))

        seen = {k: at(*f) for k, f in {"TL": (0.2, 0.2), "TR": (0.8, 0.2),
                                        "BL": (0.2, 0.8), "BR": (0.8, 0.8)}.items()}
        red = [k for k, (r, g, b) in seen.items() if r > 200 and b < 80]
        check(red == [corner[o]], "orientation %d: red at %s, not %s (%s)" % (o, red, corner[o], seen))


def resolution(chronik, work):
    big = io.BytesIO()
    gradient(3000, 2000, 1).save(big, "JPEG", quality=80)
    open(os.path.join(work, "big.jpg"), "wb").write(big.getvalue())
    rgba = gradient(3600, 2400, 3).convert("RGBA")
    rgba.putalpha(180)
    rgba.save(os.path.join(work, "big.png"))
    files = ["big.jpg", "big.png"]
    path = render(chronik, work, "big", files)
    if not path:
        return
    rows = [r for r in pdfimages_list(path) if r["type"] == "image"]
    check(len(rows) == 2, "big: %d images listed" % len(rows))
    for name, r in zip(files, rows):
        check(150 <= min(r["xppi"], r["yppi"]) <= 152,
              "big (screen): %s at %d x %d ppi, not 150" % (name, r["xppi"], r["yppi"]))
    masks = [r for r in pdfimages_list(path) if r["type"] == "smask"]
    check(len(masks) == 1 and masks[0]["width"] == rows[1]["width"],
          "big (screen): big.png's mask %s" % masks)
    check(rows[0]["enc"] == "jpeg", "big (screen): big.jpg encoded as %s" % rows[0]["enc"])
    first = open(path, "rb").read()
    again = render(chronik, work, "big", files)
    check(again is not None and open(again, "rb").read() == first, "big: two renders differ")

    path = render(chronik, work, "bigprint", files, ["--pdf-standard", "x-4"])
    if path:
        rows = [r for r in pdfimages_list(path) if r["type"] == "image"]
        for name, r in zip(files, rows):
            check(300 <= min(r["xppi"], r["yppi"]) <= 302,
                  "big (print): %s at %d x %d ppi, not 300" % (name, r["xppi"], r["yppi"]))

    # 300-450 ppi in print: as it is (the file's bytes); the screen PDF downsamples it.
    fine = io.BytesIO()
    gradient(1900, 1200, 8).save(fine, "JPEG", quality=80)
    open(os.path.join(work, "fine.jpg"), "wb").write(fine.getvalue())
    path = render(chronik, work, "fineprint", ["fine.jpg"], ["--pdf-standard", "x-4"])
    if path:
        rows = [r for r in pdfimages_list(path) if r["type"] == "image"]
        ppi = min(rows[0]["xppi"], rows[0]["yppi"]) if rows else 0
        if check(300 < ppi <= 450, "fine (print): placed at %d ppi, the test wants 300-450" % ppi):
            _, shown = images_of(path)
            check(shown and shown[0][0].read_raw_bytes() == fine.getvalue(),
                  "fine (print): not passed through")


def styles(chronik, work):
    """A sheet's <images screen-ppi> and <print photos="convert">."""
    style = os.path.join(work, "style-lowres.xml")
    with open(style, "w") as f:
        f.write('<style name="lowres" version="1"><images screen-ppi="96"/></style>\n')
    path = render(chronik, work, "lowres", ["big.jpg"], ["-s", style])
    if path:
        rows = [r for r in pdfimages_list(path) if r["type"] == "image"]
        check(rows and 96 <= min(rows[0]["xppi"], rows[0]["yppi"]) <= 98,
              "lowres: big.jpg at %s ppi, not 96" % [(r["xppi"], r["yppi"]) for r in rows])

    # Converted: RGB pictures in DeviceCMYK (a JPEG encoded again), grey ones as they were,
    # the alpha kept; red still shows red and blue blue (the inks the right way round).
    open(os.path.join(work, "red.jpg"), "wb").write(with_exif(marked(60, 40), 1))
    marked(60, 40).convert("RGBA").save(os.path.join(work, "red.png"))
    style = os.path.join(work, "style-convert.xml")
    with open(style, "w") as f:
        f.write('<style name="convert" version="1"><print photos="convert"/></style>\n')
    files = ["red.jpg", "red.png", "tagged.jpg", "greyalpha.png", "alpha.png"]
    path = render(chronik, work, "convert", files, ["--pdf-standard", "x-4", "-s", style])
    if not path:
        return
    pdf, shown = images_of(path)
    if not check(len(shown) == len(files), "convert: %d images drawn" % len(shown)):
        return
    by = dict(zip(files, shown))
    for name in ("red.jpg", "red.png", "tagged.jpg", "alpha.png"):
        check(by[name][0].get("/ColorSpace") == "/DeviceCMYK",
              "convert: %s in %s, not DeviceCMYK" % (name, show(by[name][0].get("/ColorSpace"))))
    check(filters(by["red.jpg"][0]) == ["/DCTDecode"], "convert: red.jpg not a JPEG")
    check(by["alpha.png"][0].get("/SMask") is not None, "convert: alpha.png lost its mask")
    check(by["greyalpha.png"][0].get("/ColorSpace") == "/DeviceGray",
          "convert: greyalpha.png in %s" % show(by["greyalpha.png"][0].get("/ColorSpace")))
    prefix = os.path.join(work, "convert-page")
    subprocess.run(["pdftoppm", "-r", "72", "-png", path, prefix], check=True)
    pages = sorted(f for f in os.listdir(work) if f.startswith("convert-page"))
    for name in ("red.jpg", "red.png"):
        _, ctm, number, page = by[name]
        left, bottom, right, top = box_of(ctm)
        picture = Image.open(os.path.join(work, pages[number])).convert("RGB")
        height = float(page.MediaBox[3])
        at = lambda fx, fy: picture.getpixel((int(left + fx * (right - left)),
                                               int(height - top + fy * (top - bottom))))
        r, g, b = at(0.2, 0.2)
        check(r > 180 and g < 110 and b < 110, "convert: %s's red shows as %s" % (name, (r, g, b)))
        r, g, b = at(0.8, 0.8)
        check(b > 120 and r < 110, "convert: %s's blue shows as %s" % (name, (r, g, b)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chronik", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--pdfstd")
    a = ap.parse_args()
    for tool in ("pdfimages", "pdftoppm"):
        if not shutil.which(tool):
            raise SystemExit("%s is missing: apt-get install poppler-utils" % tool)
    work = tempfile.mkdtemp(prefix="chronik-images-")
    try:
        passthrough_and_profiles(a.chronik, work, a.pdfstd)
        orientations(a.chronik, work)
        resolution(a.chronik, work)
        styles(a.chronik, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    print("check_images: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
