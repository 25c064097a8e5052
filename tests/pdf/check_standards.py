#!/usr/bin/python3
"""The claims of the PDF (--pdf-standard; README, "Accessible and archival PDF")
read back with Debian's python3-pikepdf and xml.etree, on the sample and on
tests/cases/rich:

  - the header is %PDF-1.7; /MarkInfo /Marked true; /ViewerPreferences
    /DisplayDocTitle true;
  - the catalog's /Metadata is an uncompressed stream /Type /Metadata
    /Subtype /XML whose xpacket header has no bytes or encoding attribute,
    which parses as XML, and whose values agree with the info dictionary:
    dc:title (x-default and the document language) = Title, dc:creator =
    Author, dc:description = Subject, dc:language = /Lang, pdf:Keywords =
    Keywords, xmp:CreatorTool = Creator, pdf:Producer = Producer, and
    xmp:CreateDate / ModifyDate the moments of CreationDate / ModDate;
  - pdfaid and pdfuaid say what was asked and nothing else; pdfuaid comes
    with its PDF/A extension schema;
  - under PDF/A one /OutputIntent /GTS_PDFA1 whose profile is, byte for byte,
    Debian's sRGB.icc, with /N 3; without PDF/A none;
  - XML-special characters in the title survive the XMP;
  - two renders with the same SOURCE_DATE_EPOCH are byte-identical.

usage: check_standards.py --chronik BINARY --source SOURCE_DIR
Exit 0 when every check holds; 1 (listing each failure) otherwise.
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import pikepdf

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SRGB = "/usr/share/color/icc/sRGB.icc"
EPOCH = "1700000000"

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def render(chronik, source, out, extra):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run([chronik, "render", source, "-q", "-f", "pdf", "-o", out] + extra,
                       env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("chronik render %s %s failed: %s" % (source, extra, p.stderr))
    return os.path.join(out, os.path.splitext(os.path.basename(source))[0] + ".pdf")


def props(root, ns, local):
    """The values of one XMP property: the items of an array, or the text."""
    out = []
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for el in desc.findall("{%s}%s" % (NS[ns], local)):
            items = list(el.iter("{%s}li" % NS["rdf"]))
            out.extend(items if items else [el])
    return out


def texts(root, ns, local):
    return [(e.text or "") for e in props(root, ns, local)]


def pdf_date(s):
    """D:YYYYMMDDHHmmSS+HH'mm' -> aware datetime."""
    m = re.fullmatch(r"D:(\d{14})(?:([+-])(\d\d)'(\d\d)'?|Z)?", s)
    if not m:
        return None
    t = datetime.datetime.strptime(m.group(1), "%Y%m%d%H%M%S")
    off = datetime.timedelta(0)
    if m.group(2):
        off = datetime.timedelta(hours=int(m.group(3)), minutes=int(m.group(4)))
        off = off if m.group(2) == "+" else -off
    return t.replace(tzinfo=datetime.timezone(off))


def check_file(path, label, pdfa, ua, title=None):
    data = open(path, "rb").read()
    check(data.startswith(b"%PDF-1.7\n"), "%s: header %r, not %%PDF-1.7" % (label, data[:9]))
    pdf = pikepdf.open(path)
    root = pdf.Root
    info = pdf.docinfo
    check(root.get("/MarkInfo") is not None and bool(root.MarkInfo.get("/Marked")),
          "%s: no /MarkInfo /Marked true" % label)
    vp = root.get("/ViewerPreferences")
    check(vp is not None and bool(vp.get("/DisplayDocTitle")),
          "%s: no /ViewerPreferences /DisplayDocTitle true" % label)

    meta = root.get("/Metadata")
    if not check(meta is not None, "%s: no /Metadata in the catalog" % label):
        return
    check(meta.get("/Type") == "/Metadata" and meta.get("/Subtype") == "/XML",
          "%s: /Metadata is /Type %s /Subtype %s" % (label, meta.get("/Type"), meta.get("/Subtype")))
    check(meta.get("/Filter") is None, "%s: the XMP stream is filtered (%s)" % (label, meta.get("/Filter")))
    raw = meta.read_raw_bytes()
    header = re.search(rb"<\?xpacket begin=[^>]*\?>", raw)
    if check(header is not None, "%s: no xpacket header" % label):
        check(b"bytes=" not in header.group(0) and b"encoding=" not in header.group(0),
              "%s: xpacket header %r has bytes or encoding" % (label, header.group(0)))
    check(raw.rstrip().endswith(b'<?xpacket end="w"?>'), "%s: no xpacket trailer" % label)
    try:
        x = ET.fromstring(raw.decode("utf-8").lstrip("\ufeff"))
    except (UnicodeDecodeError, ET.ParseError) as e:
        check(False, "%s: the XMP does not parse: %s" % (label, e))
        return

    lang = str(root.get("/Lang"))
    titles = props(x, "dc", "title")
    check([t.get(XML_LANG) for t in titles] == ["x-default", lang],
          "%s: dc:title languages %s, not x-default and %s" % (label, [t.get(XML_LANG) for t in titles], lang))
    check(all(t.text == str(info.Title) for t in titles),
          "%s: dc:title %s != Info /Title %r" % (label, [t.text for t in titles], str(info.Title)))
    if title is not None:
        check(str(info.Title) == title, "%s: Info /Title %r, not %r" % (label, str(info.Title), title))
    check(texts(x, "dc", "creator") == [str(info.Author)],
          "%s: dc:creator %s != Info /Author %r" % (label, texts(x, "dc", "creator"), str(info.get("/Author"))))
    check(texts(x, "dc", "description")[:1] == [str(info.Subject)],
          "%s: dc:description %s != Info /Subject" % (label, texts(x, "dc", "description")))
    check(texts(x, "dc", "language") == [lang], "%s: dc:language %s != /Lang %s" % (label, texts(x, "dc", "language"), lang))
    check(texts(x, "pdf", "Keywords") == [str(info.Keywords)],
          "%s: pdf:Keywords %s != Info /Keywords" % (label, texts(x, "pdf", "Keywords")))
    check(texts(x, "xmp", "CreatorTool") == [str(info.Creator)],
          "%s: xmp:CreatorTool %s != Info /Creator" % (label, texts(x, "xmp", "CreatorTool")))
    producer = texts(x, "pdf", "Producer")
    check(producer == [str(info.Producer)] and producer[0].startswith("chronik "),
          "%s: pdf:Producer %s, Info /Producer %r" % (label, producer, str(info.get("/Producer"))))
    for xmp_key, info_key in (("CreateDate", "/CreationDate"), ("ModifyDate", "/ModDate")):
        v = texts(x, "xmp", xmp_key)
        moment = pdf_date(str(info.get(info_key)))
        check(len(v) == 1 and moment is not None
              and datetime.datetime.fromisoformat(v[0]) == moment
              and moment.timestamp() == int(EPOCH),
              "%s: xmp:%s %s != Info %s %s (SOURCE_DATE_EPOCH %s)" % (label, xmp_key, v, info_key, info.get(info_key), EPOCH))

    want_part = ["2"] if pdfa else []
    check(texts(x, "pdfaid", "part") == want_part, "%s: pdfaid:part %s, not %s" % (label, texts(x, "pdfaid", "part"), want_part))
    want_conf = [pdfa] if pdfa else []
    check(texts(x, "pdfaid", "conformance") == want_conf,
          "%s: pdfaid:conformance %s, not %s" % (label, texts(x, "pdfaid", "conformance"), want_conf))
    check(texts(x, "pdfuaid", "part") == (["1"] if ua else []),
          "%s: pdfuaid:part %s (ua %s)" % (label, texts(x, "pdfuaid", "part"), ua))
    described = [e.text for e in x.iter("{%s}namespaceURI" % NS["pdfaSchema"])]
    check(described == ([NS["pdfuaid"]] if ua else []),
          "%s: PDF/A extension schemas for %s (ua %s)" % (label, described, ua))

    intents = root.get("/OutputIntents")
    if pdfa:
        if check(intents is not None and len(intents) == 1, "%s: not one output intent" % label):
            oi = intents[0]
            check(oi.get("/Type") == "/OutputIntent" and oi.get("/S") == "/GTS_PDFA1",
                  "%s: output intent /Type %s /S %s" % (label, oi.get("/Type"), oi.get("/S")))
            check(str(oi.get("/OutputConditionIdentifier")) == "sRGB IEC61966-2.1",
                  "%s: OutputConditionIdentifier %s" % (label, oi.get("/OutputConditionIdentifier")))
            profile = oi.DestOutputProfile
            check(int(profile.N) == 3, "%s: profile /N %s" % (label, profile.get("/N")))
            check(profile.read_bytes() == open(SRGB, "rb").read(),
                  "%s: the output intent's profile is not %s" % (label, SRGB))
    else:
        check(intents is None, "%s: an output intent without PDF/A" % label)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chronik", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    sample = os.path.join(a.source, "data", "lecos-chronik.xml")
    rich = os.path.join(a.source, "tests", "cases", "rich", "input.xml")
    cases = [
        ([], "A", True),
        (["--pdf-standard", "ua-1,a-2a"], "A", True),
        (["--pdf-standard", "a-2b"], "B", False),
        (["--pdf-standard", "a-2u,ua-1"], "U", True),
        (["--pdf-standard", "ua-1"], None, True),
        (["--pdf-standard", "none"], None, False),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for n, (extra, pdfa, ua) in enumerate(cases):
            for source in (sample, rich):
                out = os.path.join(tmp, "%d-%s" % (n, os.path.basename(os.path.dirname(source))))
                path = render(a.chronik, source, out, extra)
                label = "%s %s" % (os.path.relpath(source, a.source), " ".join(extra) or "(default)")
                check_file(path, label, pdfa, ua)
                again = render(a.chronik, source, out + "-again", extra)
                check(open(path, "rb").read() == open(again, "rb").read(),
                      "%s: two renders differ" % label)
        # XML's own characters in the title reach the XMP escaped and back.
        title = 'Fish & Chips <1990> "quoted"'
        path = render(a.chronik, sample, os.path.join(tmp, "escaped"), ["--title", title])
        check_file(path, "--title with & < > \"", "A", True, title=title)
    for f in failures:
        print("FAIL", f)
    print("check_standards: %d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
