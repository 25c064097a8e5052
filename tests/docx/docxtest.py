"""Shared helpers of the DOCX round-trip tests (Python 3 standard library).

The chronicle is read here with ElementTree, independently of chronik's own
reader, so the tests compare chronik's output with what the source says."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EPOCH = "1700000000"
MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chronik", required=True, help="the chronik binary")
    ap.add_argument("--source", required=True, help="the source tree")
    return ap


def args() -> argparse.Namespace:
    return parser().parse_args()


def render(chronik: str, chronicle: str, outdir: str, style: str | None = None,
           epoch: str = EPOCH) -> str:
    """Renders `chronicle` to DOCX in `outdir`; returns the file's path."""
    cmd = [chronik, "render", chronicle, "-f", "docx", "-q", "-o", outdir]
    if style:
        cmd += ["-s", style]
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    cp = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if cp.returncode != 0:
        sys.exit(f"chronik failed ({cp.returncode}): {cp.stderr}")
    return os.path.join(outdir, os.path.splitext(os.path.basename(chronicle))[0] + ".docx")


def norm(text: str) -> str:
    """White space (including no-break spaces) collapsed to single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def text_of(el: ET.Element) -> str:
    """The text as a reader sees it: element edges add no space ("„<span
    lang='en'>Are</span>“" is one word), a <br/> is one."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        if e.tag == "br":
            parts.append(" ")
        parts.append(e.text or "")
        for c in e:
            walk(c)
            parts.append(c.tail or "")

    walk(el)
    return norm("".join(parts))


def date_label(date: str, lang: str) -> str:
    parts = [int(p) for p in date.split("-")]
    months = MONTHS["de" if lang.startswith("de") else "en"]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{months[parts[1] - 1]} {parts[0]}"
    if lang.startswith("de"):
        return f"{parts[2]}. {months[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {months[parts[1] - 1]} {parts[0]}"


class Chronicle:
    """What a chronicle says, in reading order."""

    def __init__(self, path: str):
        root = ET.parse(path).getroot()
        self.lang = root.get("lang", "de")
        self.title = text_of(root.find("title"))
        self.subtitle = text_of(root.find("subtitle")) if root.find("subtitle") is not None else ""
        org = root.find("organization")
        self.organization = text_of(org) if org is not None else ""
        intro = root.find("intro")
        self.intro = [text_of(p) for p in intro.findall("p")] if intro is not None else []
        # periods: (label, [milestones]); milestone: dict
        self.periods = []
        for period in root.findall("period"):
            ms = []
            for m in period.findall("milestone"):
                t = m.find("title")
                ms.append({
                    "date": m.get("date"),
                    "title": text_of(t) if t is not None else "",
                    "paragraphs": [text_of(p) for p in m.findall("p")],
                    "captions": [text_of(c) for c in m.findall("image/caption")],
                })
            self.periods.append((period.get("label"), ms))

    def paragraphs(self) -> list[str]:
        """Every paragraph of the chronicle, in document order."""
        out = [self.title]
        out += [t for t in (self.subtitle, self.organization) if t]
        out += self.intro
        for label, ms in self.periods:
            out.append(label)
            for m in ms:
                if m["title"]:
                    out.append(m["title"])
                out += m["paragraphs"] + m["captions"]
        return out

    def milestone_heads(self) -> list[str]:
        """The Heading 2 of each milestone with a body: its title, else its
        date unless that is a bare year under a one-year period of that year."""
        heads = []
        for _, ms in self.periods:
            years = {int(m["date"][:4]) for m in ms}
            single = len(years) == 1
            for m in ms:
                if not m["paragraphs"]:
                    continue
                redundant = len(m["date"]) == 4 and single and int(m["date"]) in years
                if m["title"]:
                    heads.append(m["title"])
                elif not redundant:
                    heads.append(date_label(m["date"], self.lang))
        return heads

    def one_liners(self) -> list[str]:
        out = []
        for _, ms in self.periods:
            for m in ms:
                if not m["paragraphs"] and not m["captions"]:
                    out.append(date_label(m["date"], self.lang) + "\t" + m["title"])
        return out


def require_tool(tool: str, package: str) -> None:
    """Fails the test, saying so, when `tool` is not on PATH: a round trip
    through a reader that is not there must not pass unseen."""
    if not shutil.which(tool):
        sys.exit(f"{tool} is not installed, and this test needs it (Debian package {package}; "
                 "`make test-deps` installs the test tools)")


def soffice(src: str, fmt: str, outdir: str, timeout: int = 300) -> str:
    """Converts with LibreOffice headless, in a profile of its own."""
    require_tool("soffice", "libreoffice-writer-nogui")
    home = tempfile.mkdtemp(prefix="chronik-lo-home-")
    env = dict(os.environ, HOME=home)
    cmd = ["soffice", f"-env:UserInstallation=file://{home}/profile", "--headless",
           "--convert-to", fmt, "--outdir", outdir, src]
    cp = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    ext = fmt.split(":")[0]
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + ext)
    if cp.returncode != 0 or not os.path.exists(out):
        sys.exit(f"soffice --convert-to {fmt} failed ({cp.returncode}): {cp.stdout} {cp.stderr}")
    return out


class Failures:
    def __init__(self):
        self.items: list[str] = []

    def check(self, ok: bool, what: str) -> None:
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            self.items.append(what)

    def exit(self) -> None:
        if self.items:
            print(f"{len(self.items)} failure(s)")
            sys.exit(1)
        print("all passed")
        sys.exit(0)


YEAR_RE = re.compile(r"^\d{4}")
