#!/usr/bin/env python3
"""Embedded fonts, through real readers.

1. The sample's DOCX carries Charis SIL's faces as obfuscated parts
   (ECMA-376 Part 1 17.8.1); unlocked with the w:fontKey of fontTable.xml
   (the algorithm written out here again, independently of chronik's) each
   is a TrueType font named "Charis SIL" with a Windows Unicode character
   map, smaller than the installed file.
2. LibreOffice, in a font configuration without Charis SIL (only DejaVu's
   folder: FONTCONFIG_FILE), converts the DOCX to PDF; pdffonts shows Charis
   SIL embedded in regular, bold and italic: the fonts came from the DOCX.
   The same DOCX with its font parts taken out comes out in another font,
   so the check can fail.
3. A face whose OS/2 fsType forbids embedding (a copy of Charis SIL patched
   to 0x0002, installed alone) is left out with a warning naming it; one
   that forbids subsetting (0x0100) goes in whole.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import docxtest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DEJAVU = "/usr/share/fonts/truetype/dejavu"
EMBEDS = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")


def unobfuscate(data: bytes, key: str) -> bytes:
    digits = key.strip("{}").replace("-", "")
    k = bytes.fromhex(digits)[::-1]
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def tables(font: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack(">H", font[4:6])
    out = {}
    for i in range(count):
        tag, _, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        out[tag] = font[off:off + length]
    return out


def names(font: bytes) -> dict[int, str]:
    name = tables(font)[b"name"]
    count, strings = struct.unpack(">HH", name[2:6])
    out = {}
    for i in range(count):
        pid, eid, lang, nid, length, off = struct.unpack(">6H", name[6 + 12 * i:18 + 12 * i])
        if pid == 3 and lang == 0x409:
            out[nid] = name[strings + off:strings + off + length].decode("utf-16-be")
    return out


def cmaps(font: bytes) -> set[tuple[int, int]]:
    cmap = tables(font)[b"cmap"]
    (count,) = struct.unpack(">H", cmap[2:4])
    return {struct.unpack(">HH", cmap[4 + 8 * i:8 + 8 * i]) for i in range(count)}


def fs_type(font: bytes) -> int:
    return struct.unpack(">H", tables(font)[b"OS/2"][8:10])[0]


def embedded(docx: str) -> dict[str, dict[str, tuple[bytes, bool]]]:
    """family -> embed element -> (font program, subsetted)."""
    z = zipfile.ZipFile(docx)
    table = ET.fromstring(z.read("word/fontTable.xml"))
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("word/_rels/fontTable.xml.rels")).iter(PR + "Relationship")}
    out = {}
    for font in table.iter(W + "font"):
        faces = {}
        for e in EMBEDS:
            el = font.find(W + e)
            if el is not None:
                data = z.read("word/" + rels[el.get(R + "id")])
                faces[e] = (unobfuscate(data, el.get(W + "fontKey")),
                            el.get(W + "subsetted") in ("1", "true"))
        out[font.get(W + "name")] = faces
    return out


def fonts_conf(tmp: str, dirs: list[str]) -> str:
    path = os.path.join(tmp, "fonts.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n')
        for d in dirs:
            f.write(f"  <dir>{d}</dir>\n")
        f.write(f"  <cachedir>{tmp}/fc-cache</cachedir>\n</fontconfig>\n")
    return path


def pdf_fonts(pdf: str) -> list[tuple[str, bool]]:
    """(font name without subset tag, embedded) of each font pdffonts lists."""
    docxtest.require_tool("pdffonts", "poppler-utils")
    lines = subprocess.run(["pdffonts", pdf], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    out = []
    for line in lines:
        cols = line.split()
        # name type [encoding words] emb sub uni object ID
        out.append((re.sub(r"^[A-Z]{6}\+", "", cols[0]), cols[-5] == "yes"))
    return out


def without_fonts(docx: str, out: str) -> None:
    """A copy of `docx` whose fontTable embeds nothing."""
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename.startswith("word/fonts/"):
                continue
            data = src.read(item.filename)
            if item.filename == "word/fontTable.xml":
                data = re.sub(rb"<w:embed(Regular|Bold|Italic|BoldItalic)\b[^>]*/>", b"", data)
            dst.writestr(item, data)


def soffice_pdf(docx: str, outdir: str, conf: str) -> str:
    old = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = conf
    try:
        return docxtest.soffice(docx, "pdf", outdir)
    finally:
        if old is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = old


def check_parts(docx: str, f: docxtest.Failures) -> None:
    faces = embedded(docx).get("Charis SIL", {})
    f.check(set(faces) == set(EMBEDS), f"parts: Charis SIL's four faces embedded ({sorted(faces)})")
    for e, (font, subsetted) in sorted(faces.items()):
        ok = font[:4] in (b"\0\1\0\0", b"true")
        n = names(font) if ok else {}
        f.check(ok and n.get(1) == "Charis SIL" and {2, 4, 6} <= set(n),
                f"parts: {e} unlocks to a TrueType font named {n.get(1)!r} ({n.get(2)!r}), "
                f"name records {sorted(n)}")
        f.check(ok and (3, 1) in cmaps(font), f"parts: {e} has a Windows Unicode cmap (3,1)")
        installed = os.path.getsize(f"/usr/share/fonts/truetype/charis/CharisSIL-"
                                    f"{e[5:] if e != 'embedRegular' else 'Regular'}.ttf")
        f.check(subsetted and len(font) < installed / 3,
                f"parts: {e} subset, {len(font)} bytes of the installed {installed}")


def check_libreoffice(docx: str, tmp: str, f: docxtest.Failures) -> None:
    conf = fonts_conf(tmp, [DEJAVU])
    listed = subprocess.run(["fc-list"], env=dict(os.environ, FONTCONFIG_FILE=conf),
                            capture_output=True, text=True).stdout
    f.check("Charis" not in listed and "DejaVu" in listed,
            "premise: the test's font configuration has DejaVu and no Charis SIL")
    out = os.path.join(tmp, "with")
    os.makedirs(out)
    fonts = pdf_fonts(soffice_pdf(docx, out, conf))
    charis = sorted({n for n, emb in fonts if n.startswith("CharisSIL") and emb})
    f.check({"CharisSIL", "CharisSIL-Bold", "CharisSIL-Italic"} <= set(charis),
            f"LibreOffice without Charis SIL installed: the PDF embeds {charis} from the DOCX")
    bare = os.path.join(tmp, "bare.docx")
    without_fonts(docx, bare)
    out = os.path.join(tmp, "without")
    os.makedirs(out)
    fonts = pdf_fonts(soffice_pdf(bare, out, conf))
    others = sorted({n for n, _ in fonts})
    f.check(not any(n.startswith("CharisSIL") for n in others),
            f"control: the same DOCX without its font parts comes out in {others}")


def check_licence(args, tmp: str, f: docxtest.Failures) -> None:
    fonts = os.path.join(tmp, "patched")
    os.makedirs(fonts)
    patched = {"Regular": 0x0002, "Bold": 0x0100}
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        data = bytearray(open(f"/usr/share/fonts/truetype/charis/CharisSIL-{face}.ttf", "rb").read())
        if face in patched:
            (count,) = struct.unpack(">H", data[4:6])
            for i in range(count):
                tag, _, off, _ = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
                if tag == b"OS/2":
                    data[off + 8:off + 10] = struct.pack(">H", patched[face])
        open(os.path.join(fonts, f"CharisSIL-{face}.ttf"), "wb").write(data)
    conf = fonts_conf(tmp, [fonts, DEJAVU])
    out = os.path.join(tmp, "licence")
    os.makedirs(out)
    chronicle = os.path.join(args.source, "data/lecos-chronik.xml")
    env = dict(os.environ, SOURCE_DATE_EPOCH=docxtest.EPOCH, FONTCONFIG_FILE=conf)
    cp = subprocess.run([args.chronik, "render", chronicle, "-f", "docx", "-q", "-o", out],
                        env=env, capture_output=True, text=True)
    f.check(cp.returncode == 0, f"licence: chronik rendered ({cp.returncode})")
    warned = [l for l in cp.stderr.splitlines()
              if "warning" in l and "Charis SIL" in l and "not embedded" in l]
    f.check(len(warned) == 1 and "regular" in warned[0] and "0x0002" in warned[0],
            f"licence: one warning names the restricted face: {warned}")
    faces = embedded(os.path.join(out, "lecos-chronik.docx")).get("Charis SIL", {})
    f.check("embedRegular" not in faces, "licence: the restricted regular face is not embedded")
    bold = faces.get("embedBold")
    whole = os.path.getsize(os.path.join(fonts, "CharisSIL-Bold.ttf"))
    f.check(bold is not None and not bold[1] and len(bold[0]) == whole
            and fs_type(bold[0]) == 0x0100,
            f"licence: the no-subsetting bold face goes in whole ({len(bold[0]) if bold else 0}"
            f" of {whole} bytes)")
    f.check("embedItalic" in faces and faces["embedItalic"][1],
            "licence: the unrestricted italic face is embedded, subset")


def main() -> None:
    args = docxtest.args()
    f = docxtest.Failures()
    with tempfile.TemporaryDirectory(prefix="chronik-docx-fonts-") as tmp:
        docx = docxtest.render(args.chronik, os.path.join(args.source, "data/lecos-chronik.xml"),
                               tmp)
        check_parts(docx, f)
        check_libreoffice(docx, tmp, f)
        check_licence(args, tmp, f)
    f.exit()


if __name__ == "__main__":
    main()
