#!/usr/bin/env python3
"""Benchmarks chronik as a user runs it: whole-process wall time and peak
memory (RSS) of `chronik render`, as medians of several runs, for the
sample and the sample repeated 10 and 100 times, per format.

usage: run.py [--chronik build/chronik] [--formats pdf,docx,md] [--runs 7]
              [--against OLD_BINARY]

With --against, each measurement alternates the two binaries run by run
(new, old, new, old, ...) and prints both medians and new/old: on a shared
machine only a ratio from the same minutes means anything.

The x100/x10 ratio shows whether time grows linearly (10 = linear).
Machines are shared and noisy: compare figures from one run of this script.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def measure(cmd, runs):
    walls, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - start)
        rss.append(usage.ru_maxrss / 1024.0)  # KiB -> MiB
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(cmd)}")
    return statistics.median(walls), statistics.median(rss)


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chronik", default=os.path.join(here, "..", "build", "chronik"))
    ap.add_argument("--formats", default="pdf,docx,md")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", help="an older chronik binary to alternate with")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {"sample": os.path.join(here, "..", "data", "lecos-chronik.xml")}
        for n in (10, 100):
            path = os.path.join(tmp, f"x{n}.xml")
            subprocess.run([sys.executable, os.path.join(here, "gen_chronicle.py"), str(n), path],
                           check=True)
            inputs[f"x{n}"] = path
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        os.environ.update(env)
        if a.against:
            return compare(a, inputs, tmp)
        print(f"{'format':6} {'input':7} {'median wall':>12} {'median peak RSS':>16}")
        for fmt in a.formats.split(","):
            results = {}
            for name, path in inputs.items():
                out = os.path.join(tmp, f"out-{fmt}-{name}")
                cmd = [a.chronik, "render", path, "-f", fmt, "-o", out, "-q"]
                measure(cmd, 1)  # warm the page cache
                wall, rss = measure(cmd, a.runs)
                results[name] = wall
                print(f"{fmt:6} {name:7} {wall * 1000:10.1f} ms {rss:13.1f} MiB")
            print(f"{fmt:6} x100/x10 time ratio: {results['x100'] / results['x10']:.1f}")
    return 0


def compare(a, inputs, tmp):
    print(f"{'format':6} {'input':7} {'new':>10} {'old':>10} {'new/old':>8} {'new RSS':>9} {'old RSS':>9}")
    for fmt in a.formats.split(","):
        for name, path in inputs.items():
            cmds = [[b, "render", path, "-f", fmt, "-o", os.path.join(tmp, f"out-{k}"), "-q"]
                    for k, b in enumerate((a.chronik, a.against))]
            for cmd in cmds:
                measure(cmd, 1)  # warm the page cache
            walls, rss = ([], []), ([], [])
            for _ in range(a.runs):
                for k, cmd in enumerate(cmds):
                    w, r = measure(cmd, 1)
                    walls[k].append(w)
                    rss[k].append(r)
            new, old = (statistics.median(w) for w in walls)
            print(f"{fmt:6} {name:7} {new * 1000:7.1f} ms {old * 1000:7.1f} ms {new / old:8.3f} "
                  f"{statistics.median(rss[0]):5.1f} MiB {statistics.median(rss[1]):5.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
