#!/usr/bin/env python3
"""Writes a chronicle N times the size of a given one (default: the sample
100 times): its periods repeated N times, everything else once. For the DOCX
benchmark (bench/docx/docx_bench.sh); standard library only.

usage: gen_chronicle.py [--times N] SOURCE.xml OUT.xml"""

import argparse
import copy
import xml.etree.ElementTree as ET


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--times", type=int, default=100)
    ap.add_argument("source")
    ap.add_argument("out")
    a = ap.parse_args()
    tree = ET.parse(a.source)
    root = tree.getroot()
    periods = root.findall("period")
    for _ in range(a.times - 1):
        for p in periods:
            root.append(copy.deepcopy(p))
    tree.write(a.out, encoding="UTF-8", xml_declaration=True)


if __name__ == "__main__":
    main()
