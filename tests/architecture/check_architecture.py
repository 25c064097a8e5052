#!/usr/bin/python3
"""The house rules of chronik, checked on the source tree.

Derives which stage (folder of src/) includes which from the #include lines
and fails on an arrow the architecture forbids (README, "Architecture"):

  - model imports nothing;
  - a renderer (render/<format>/) imports no other renderer, a design
    (design/<name>/) no other design;
  - flowing renderers (every renderer but render/pdf) import neither
    layout nor design;
  - layout imports no renderer and no design;
  - text imports neither layout nor anything above it;
  - and, in general, a stage imports only the stages listed for it in
    ALLOWED below (the picture in the README), so a new arrow is a decision
    someone writes down here, not an accident;
  - each C library is spoken to by one place (C_LIBRARIES below): libharu
    by the PDF writer adapter alone.

usage: check_architecture.py [--graph] SRC_DIR
  exit 0: the tree keeps the rules (with --graph the derived arrows are
  printed); exit 1: a broken rule, one line per include that breaks it
  (file:line: stage A imports stage B: rule).
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')

# Stage -> the stages it may import (besides itself). A stage is a folder
# of src/; render/<format>/ and design/<name>/ are stages of their own, and
# "render" / "design" are their shared interface and registry.
ALLOWED = {
    "support": set(),
    "model": set(),
    "xml": {"support"},
    "chronicle": {"model", "support"},
    "reader": {"chronicle", "model", "xml", "support"},
    "style": {"model", "xml", "support"},
    "compose": {"chronicle", "model", "style", "support"},
    "text": {"style", "support"},
    "layout": {"text", "model", "style", "support"},
    "design": {"layout", "text", "model", "style", "support"},
    # The print rules read laid-out pages; the PDF renderer runs them.
    "preflight": {"layout", "text", "model", "style", "support"},
    "render": {"model", "style", "support"},
    "pipeline": {"reader", "compose", "render", "design", "chronicle", "model", "style", "xml",
                 "support"},
    "batch": {"pipeline", "reader", "compose", "render", "design", "text", "chronicle", "model",
              "style", "xml", "support"},
    "cli": {"pipeline", "batch", "reader", "compose", "render", "design", "text", "chronicle",
            "model", "style", "xml", "support"},
}
# What a renderer may import besides ALLOWED["render"]: flowing formats
# read the model (and measure text); the PDF renderer paints designed pages.
FLOWING_EXTRA = {"render", "text", "xml"}
PAGED = {"render/pdf"}
PAGED_EXTRA = {"render", "design", "layout", "text", "preflight"}
DESIGN_EXTRA = {"design"}

# C library headers -> the only stage (or file) that may include them.
C_LIBRARIES = [
    (re.compile(r"^hpdf"), "render/pdf/pdf_writer.cpp", "libharu is spoken to by the PDF writer adapter alone"),
    (re.compile(r"^(fontconfig/|ft2build|freetype/)"), "text", "fontconfig and FreeType belong to text/"),
    (re.compile(r"^hyphen\.h$"), "text", "libhyphen belongs to text/"),
    (re.compile(r"^(linebreak|wordbreak|graphemebreak|unibreakdef|linebreakdef)\.h$"), "text",
     "libunibreak belongs to text/"),
    (re.compile(r"^libdeflate"), "render/pdf", "libdeflate belongs to the PDF writer"),
    (re.compile(r"^(jpeglib|jerror|jconfig|jmorecfg)\.h$"), "support/jpeg_file.cpp",
     "libjpeg is spoken to by support/jpeg_file.cpp alone"),
    (re.compile(r"^lcms2"), "support/colour.cpp", "LittleCMS is spoken to by support/colour.cpp alone"),
]


def stage_of(rel):
    """'render/docx/docx_xml.cpp' -> 'render/docx'; 'render/registry.cpp' -> 'render'."""
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] in ("render", "design"):
        return parts[0] + "/" + parts[1]
    return parts[0]


def family(stage):
    return stage.split("/")[0]


def allowed(importer, imported):
    """None if `importer` may include from `imported`, else the rule it breaks."""
    if importer == imported:
        return None
    fam, ifam = family(importer), family(imported)
    if fam == "model":
        return "model imports nothing"
    if fam == "render" and importer != "render":
        if ifam == "render" and imported != "render":
            return "a renderer imports no other renderer"
        if importer in PAGED:
            ok = ALLOWED["render"] | PAGED_EXTRA
        else:
            if ifam in ("layout", "design"):
                return "flowing renderers import neither layout nor design"
            ok = ALLOWED["render"] | FLOWING_EXTRA
        return None if ifam in ok else "render/ may import only " + ", ".join(sorted(ok))
    if fam == "design" and importer != "design":
        if ifam == "design" and imported != "design":
            return "a design imports no other design"
        ok = ALLOWED["design"] | DESIGN_EXTRA
        return None if ifam in ok else "a design may import only " + ", ".join(sorted(ok))
    if fam == "layout" and ifam in ("render", "design"):
        return "layout imports no renderer and no design"
    if fam == "text" and ifam not in ALLOWED["text"]:
        return "text imports neither layout nor anything above it"
    if fam == ifam:
        return None  # render -> render/x (the registry), design -> design/x
    if fam not in ALLOWED:
        return "stage %s is not in the architecture's table (tests/architecture)" % fam
    if ifam in ALLOWED[fam]:
        return None
    return "%s may import only %s" % (fam, ", ".join(sorted(ALLOWED[fam])) or "itself")


def main(argv):
    graph = "--graph" in argv
    args = [a for a in argv if a != "--graph"]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    src = os.path.abspath(args[0])
    if not os.path.isdir(src):
        print("check_architecture.py: %s: not a folder" % src, file=sys.stderr)
        return 2
    problems, arrows, files = [], {}, 0
    # Top-level folders of src/: an include that starts with one is ours,
    # in quotes or angle brackets.
    stages_of_src = {n for n in os.listdir(src) if os.path.isdir(os.path.join(src, n))}
    for root, _, names in os.walk(src):
        for name in sorted(names):
            if not name.endswith((".hpp", ".cpp", ".h", ".inc", ".ipp", ".tpp", ".cc", ".hh")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            if "/" not in rel:
                continue
            files += 1
            importer = stage_of(rel)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, target = m.groups()
                    where = "%s:%d" % (os.path.relpath(path), number)
                    # A C library's header, however it is written: its home only.
                    for pattern, owner, rule in C_LIBRARIES:
                        if pattern.match(target) and not (rel == owner or importer == owner
                                                          or family(importer) == owner):
                            problems.append("%s: %s includes <%s>: %s" % (where, importer, target, rule))
                    if kind == "<" and target.split("/")[0] not in stages_of_src:
                        continue  # the system's or a library's header
                    # Quoted: beside the file first, then from src/; angle
                    # brackets: from src/.
                    beside = os.path.normpath(os.path.join(root, target))
                    resolved = (beside if kind == '"' and os.path.exists(beside)
                                else os.path.join(src, target))
                    trel = os.path.relpath(resolved, src).replace(os.sep, "/")
                    if trel.startswith("..") or "/" not in trel:
                        if not os.path.exists(resolved):
                            # generated (build tree) or a typo: the build says which
                            continue
                        problems.append("%s: includes %s, outside the stages of src/" % (where, target))
                        continue
                    imported = stage_of(trel)
                    if imported != importer:
                        arrows.setdefault(importer, set()).add(imported)
                    rule = allowed(importer, imported)
                    if rule:
                        problems.append("%s: %s imports %s (%s): %s" % (where, importer, imported, target, rule))
    if files == 0:
        print("check_architecture.py: no source files under %s" % src, file=sys.stderr)
        return 2
    if graph:
        for stage in sorted(arrows):
            print("%s -> %s" % (stage, ", ".join(sorted(arrows[stage]))))
    for p in problems:
        print(p)
    if problems:
        print("%d include(s) break the architecture" % len(problems))
        return 1
    print("architecture: %d files, %d stages, no forbidden include" % (files, len(arrows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
