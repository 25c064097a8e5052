#!/usr/bin/python3
"""A strict structural check of a page chronik -f html wrote (docs/html.md).

Usage: check_html.py PAGE.html...  Prints file: error: ... per finding and
exits 1 when there is one. Checks what the page promises, not all of HTML
(the Nu Html Checker in tests/web does that): every element closed and
nested right (void elements excepted), exactly one h1, one <style> and
no <script>, no on* attribute, no javascript:/vbscript:/data: link, ids
unique and of [A-Za-z0-9_-], every period section labelled by its h2, every
contents link resolving to a period heading in order, every img with alt,
width, height and loading=lazy, every article with an h3, every time with a valid datetime.
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID = re.compile(r"^[A-Za-z0-9_-]+$")


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.stack = []
        self.counts = {}
        self.ids = []
        self.nav_links = []
        self.period_headings = []
        self.sections = []  # (aria-labelledby, the id of the h2 that follows)
        self.in_nav = False
        self.doctype = False
        self.articles = []  # whether each article has its h3

    def error(self, msg):
        self.errors.append(f"line {self.getpos()[0]}: {msg}")

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if len(a) != len(attrs):
            self.error(f"<{tag}> repeats an attribute")
        self.counts[tag] = self.counts.get(tag, 0) + 1
        for name, value in attrs:
            if name.startswith("on"):
                self.error(f"<{tag}> has an event handler {name}")
            if name in ("href", "src") and value is not None:
                v = re.sub(r"[\x00-\x20]", "", value).lower()
                if v.startswith(("javascript:", "vbscript:")) or (
                        v.startswith("data:") and not (tag == "img" and v.startswith("data:image/"))):
                    self.error(f"<{tag} {name}> is {value[:40]!r}")
        if "id" in a:
            if not ID.match(a["id"] or ""):
                self.error(f"id {a['id']!r} is not of [A-Za-z0-9_-]")
            self.ids.append(a["id"])
        if tag == "nav":
            self.in_nav = True
        if tag == "a" and self.in_nav:
            self.nav_links.append(a.get("href", ""))
        if tag == "article":
            self.articles.append(False)
        if tag == "h3" and self.stack and self.stack[-1] == "article":
            self.articles[-1] = True
        if tag == "section":
            self.sections.append([a.get("aria-labelledby"), None])
        if tag == "h2" and self.stack and self.stack[-1] == "section":
            self.sections[-1][1] = a.get("id")
            self.period_headings.append(a.get("id"))
        if tag == "img":
            for need in ("alt", "width", "height"):
                if need not in a:
                    self.error(f"<img> without {need}")
            if a.get("loading") != "lazy":
                self.error("<img> without loading=lazy")
            for dim in ("width", "height"):
                if dim in a and not (a[dim] or "").isdigit():
                    self.error(f"<img {dim}={a[dim]!r}>")
        if tag == "time" and not DATETIME.match(a.get("datetime") or ""):
            self.error(f"<time datetime={a.get('datetime')!r}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.error(f"<{tag}/>: self-closing syntax")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.error(f"</{tag}> of a void element")
            return
        if not self.stack or self.stack[-1] != tag:
            self.error(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "nav":
            self.in_nav = False


def check(path):
    text = open(path, encoding="utf-8").read()
    c = Check()
    c.feed(text)
    c.close()
    if not c.doctype:
        c.error("no <!DOCTYPE html>")
    if c.stack:
        c.error("unclosed at the end: " + " ".join(c.stack))
    for tag, want in (("h1", 1), ("style", 1), ("main", 1), ("html", 1), ("title", 1)):
        if c.counts.get(tag, 0) != want:
            c.error(f"{c.counts.get(tag, 0)} <{tag}>, not {want}")
    for tag in ("script", "iframe", "object", "embed", "link", "base", "form"):
        if c.counts.get(tag):
            c.error(f"a <{tag}> element")
    if not all(c.articles):
        c.error(f"{c.articles.count(False)} article(s) without an h3")
    dupes = sorted({i for i in c.ids if c.ids.count(i) > 1})
    if dupes:
        c.error("ids used twice: " + ", ".join(dupes))
    for labelled_by, heading in c.sections:
        if labelled_by is None or labelled_by != heading:
            c.error(f"section labelled by {labelled_by!r}, its h2 is {heading!r}")
    if c.counts.get("nav") and [h.lstrip("#") for h in c.nav_links] != c.period_headings:
        c.error("the contents links are not the period headings in order")
    if re.search(r"</style", text, re.I) and len(re.findall(r"</style", text, re.I)) != 1:
        c.error("more than one </style")
    return [f"{path}: error: {e}" for e in c.errors]


def main(argv):
    if len(argv) < 2:
        print("usage: check_html.py PAGE.html...", file=sys.stderr)
        return 2
    errors = [e for p in argv[1:] for e in check(p)]
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
