#!/usr/bin/env python3
"""The DOCX package as other tools see it: `unzip -t` is clean, every XML
part is well-formed (ElementTree, and xmllint when installed), every part has
a content type, every internal relationship resolves, no zip entry is a
directory, and two renders with the same SOURCE_DATE_EPOCH are
byte-identical."""

import os
import posixpath
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import docxtest

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def check_package(path: str, f: docxtest.Failures, label: str) -> None:
    cp = subprocess.run(["unzip", "-t", "-q", path], capture_output=True, text=True)
    f.check(cp.returncode == 0, f"{label}: unzip -t: {(cp.stdout + cp.stderr).strip()}")
    z = zipfile.ZipFile(path)
    f.check(z.testzip() is None, f"{label}: zipfile CRCs")
    folders = [n for n in z.namelist() if n.endswith("/")]
    f.check(not folders, f"{label}: no directory entries (OPC has parts only) {folders}")
    names = z.namelist()
    xml_parts = [n for n in names if n.endswith((".xml", ".rels"))]
    f.check(len(xml_parts) >= 11, f"{label}: {len(xml_parts)} XML parts")
    bad = []
    for n in xml_parts:
        data = z.read(n)
        try:
            ET.fromstring(data)
        except ET.ParseError as e:
            bad.append(f"{n}: {e}")
        lint = subprocess.run(["xmllint", "--noout", "-"], input=data, capture_output=True)
        if lint.returncode != 0:
            bad.append(f"{n}: xmllint: {lint.stderr.decode()[:200]}")
    f.check(not bad, f"{label}: every XML part well-formed {bad}")

    ct = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension") for d in ct.iter(CT + "Default")}
    overrides = {o.get("PartName").lstrip("/") for o in ct.iter(CT + "Override")}
    untyped = [n for n in names if n != "[Content_Types].xml" and n not in overrides
               and n.rsplit(".", 1)[-1] not in defaults]
    f.check(not untyped, f"{label}: every part has a content type {untyped}")
    f.check(overrides <= set(names), f"{label}: every override names a part")

    missing = []
    for rp in [n for n in names if n.endswith(".rels")]:
        base = posixpath.dirname(posixpath.dirname(rp))
        for r in ET.fromstring(z.read(rp)).iter(REL + "Relationship"):
            if r.get("TargetMode") == "External":
                continue
            # (a target starting with "/" is from the package's root, RFC 3986)
            target = posixpath.normpath(posixpath.join(base, r.get("Target"))).lstrip("/")
            if target not in names:
                missing.append(f"{rp}: {r.get('Target')}")
    f.check(not missing, f"{label}: every relationship resolves {missing}")


def main() -> None:
    a = docxtest.args()
    docxtest.require_tool("unzip", "unzip")
    docxtest.require_tool("xmllint", "libxml2-utils")
    f = docxtest.Failures()
    sample = os.path.join(a.source, "data", "lecos-chronik.xml")
    rich = os.path.join(a.source, "tests", "cases", "rich", "input.xml")
    with tempfile.TemporaryDirectory() as tmp:
        for chronicle, style in ((sample, None), (sample, "booklet"), (rich, None)):
            label = f"{os.path.basename(chronicle)} [{style or 'brochure'}]"
            out = docxtest.render(a.chronik, chronicle, os.path.join(tmp, label), style)
            check_package(out, f, label)

        one = docxtest.render(a.chronik, sample, os.path.join(tmp, "one"))
        two = docxtest.render(a.chronik, sample, os.path.join(tmp, "two"))
        other = docxtest.render(a.chronik, sample, os.path.join(tmp, "other"), epoch="1800000000")
        same = open(one, "rb").read() == open(two, "rb").read()
        f.check(same, "two renders with the same SOURCE_DATE_EPOCH are byte-identical")
        f.check(open(one, "rb").read() != open(other, "rb").read(),
                "a render with another SOURCE_DATE_EPOCH differs")
        times = {i.date_time for i in zipfile.ZipFile(one).infolist()}
        f.check(times == {(2023, 11, 14, 22, 13, 20)}, f"every entry stamped with the epoch {times}")
    f.exit()


if __name__ == "__main__":
    main()
