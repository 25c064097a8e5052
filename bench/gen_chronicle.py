#!/usr/bin/env python3
"""Writes a chronicle that is data/lecos-chronik.xml with its periods
repeated N times (N=100: 2,200 periods, 5,900 milestones), for benchmarks.

usage: gen_chronicle.py N OUT.xml [--source data/lecos-chronik.xml]
"""
import argparse
import os
import xml.etree.ElementTree as ET


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--source", default=os.path.join(here, "..", "data", "lecos-chronik.xml"))
    a = ap.parse_args()
    tree = ET.parse(a.source)
    root = tree.getroot()
    body = [c for c in root if c.tag in ("period", "milestone")]
    for c in body:
        root.remove(c)
    for _ in range(a.n):
        for c in body:
            root.append(c)
    ET.indent(tree)
    tree.write(a.out, encoding="UTF-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
