#!/usr/bin/python3
"""The architecture check passes on the tree and fails on each forbidden arrow.

For every rule, a copy of src/ gets one include that breaks it, and the
check must fail naming that rule; the untouched copy must pass.
usage: test_check_architecture.py SRC_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "check_architecture.py")

# (file to change, include added, words the failure must contain)
CASES = [
    ("model/document.hpp", '#include "support/utf8.hpp"', "model imports nothing"),
    ("render/md/markdown_renderer.cpp", '#include "render/docx/docx_renderer.hpp"',
     "a renderer imports no other renderer"),
    ("render/docx/docx_renderer.cpp", '#include "layout/page.hpp"',
     "flowing renderers import neither layout nor design"),
    ("render/md/markdown_renderer.cpp", '#include "design/design.hpp"',
     "flowing renderers import neither layout nor design"),
    ("layout/pager.cpp", '#include "render/renderer.hpp"', "layout imports no renderer and no design"),
    ("layout/pager.cpp", '#include "design/design.hpp"', "layout imports no renderer and no design"),
    ("text/font_set.cpp", '#include "layout/units.hpp"', "text imports neither layout"),
    ("layout/pager.cpp", "#include <hpdf.h>", "libharu is spoken to by the PDF writer adapter alone"),
    ("render/docx/docx_units.cpp", "#include <layout/page.hpp>",
     "flowing renderers import neither layout nor design"),
    ("render/docx/docx_units.cpp", '#include "../../layout/page.hpp"',
     "flowing renderers import neither layout nor design"),
    ("layout/pager.cpp", '#include "hpdf.h"', "libharu is spoken to by the PDF writer adapter alone"),
    ("render/docx/docx_units.cpp", "#include <wordbreak.h>", "libunibreak belongs to text/"),
    ("design/brochure/brochure_design.cpp", '#include "design/factsheet/factsheet_design.hpp"',
     "a design imports no other design"),
    ("support/png_file.cpp", "#include <lcms2.h>", "LittleCMS is spoken to by support/colour.cpp alone"),
]


def run(src):
    p = subprocess.run([sys.executable, CHECK, src], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip())
        return 2
    src = os.path.abspath(argv[0])
    failures = 0
    code, out = run(src)
    if code != 0:
        print("the tree itself breaks the architecture:\n" + out)
        failures += 1
    with tempfile.TemporaryDirectory() as tmp:
        for rel, include, words in CASES:
            copy = os.path.join(tmp, "src")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(src, copy)
            path = os.path.join(copy, rel)
            if not os.path.exists(path):
                print("FAIL: %s does not exist; keep this test's cases in step with src/" % rel)
                failures += 1
                continue
            # for an include that needs an existing target, the target must exist
            # an include of one of our headers must name one that exists
            target = include.split('"')[1] if '"' in include else include.split("<")[1][:-1]
            ours = not target.startswith("..") and os.path.isdir(os.path.join(copy, target.split("/")[0]))
            if ours and not os.path.exists(os.path.join(copy, target)):
                print("FAIL: %s does not exist; keep this test's cases in step with src/" % target)
                failures += 1
                continue
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n" + include + "\n")
            code, out = run(copy)
            if code != 1 or words not in out or rel not in out:
                print("FAIL: %s in %s: expected a failure saying '%s', got exit %d:\n%s"
                      % (include, rel, words, code, out))
                failures += 1
            else:
                print("ok: %s in %s fails: %s" % (include, rel, words))
    print("%d passed, %d failed" % (len(CASES) + 1 - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
