#!/usr/bin/python3
"""Reads a TimelineJS3 JSON file that chronik wrote and checks it against
TimelineJS3's documented format (docs/timeline.md names the sources) and
against the chronicle it came from, read here independently of chronik:
every <milestone> of the chronicle is an event, in the same order, with the
date its date attribute gives ("YYYY", "YYYY-MM" or "YYYY-MM-DD").

    check_timeline.py OUTPUT.json CHRONICLE.xml
Exit 0 when all holds, 1 with the problems on stderr."""

import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def local(tag):
    return tag.rsplit("}", 1)[-1]


def chronicle_dates(path):
    dates = []
    for el in ET.parse(path).getroot().iter():
        if local(el.tag) == "milestone":
            dates.append(el.get("date"))
    return dates


def check(out_path, xml_path):
    problems = []
    with open(out_path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data.get("events"), list):
        return ["no events list"]
    title = data.get("title")
    if title is not None and not (title.get("text") or title.get("media")):
        problems.append("the title slide has neither text nor media")
    if data.get("scale", "human") not in ("human", "cosmological"):
        problems.append("scale is " + repr(data["scale"]))
    ids = set()
    got = []
    for n, ev in enumerate(data["events"]):
        where = "event %d" % n
        start = ev.get("start_date")
        if not isinstance(start, dict) or "year" not in start:
            problems.append(where + ": no start_date.year")
            continue
        parts = []
        for key in ("year", "month", "day"):
            if key in start:
                value = str(start[key])
                if not re.fullmatch(r"-?\d+", value):
                    problems.append("%s: start_date.%s is %r" % (where, key, value))
                parts.append(value)
        y = parts[0]
        got.append("-".join([y.zfill(4)] + [p.zfill(2) for p in parts[1:]]))
        if not (ev.get("text") or ev.get("media")):
            problems.append(where + ": neither text nor media")
        if "media" in ev:
            url = ev["media"].get("url", "")
            if not url:
                problems.append(where + ": media without url")
            elif not url.startswith("data:image/") and not os.path.isfile(
                    os.path.join(os.path.dirname(out_path), url)):
                problems.append(where + ": media file %s is not beside the output" % url)
        uid = ev.get("unique_id")
        if not uid or uid in ids:
            problems.append(where + ": unique_id missing or repeated: %r" % uid)
        ids.add(uid)
    for era in data.get("eras", []):
        if "year" not in era.get("start_date", {}) or "year" not in era.get("end_date", {}):
            problems.append("an era without start or end year")
        elif all(era["end_date"].get(k) == v for k, v in era["start_date"].items()):
            # TimelineJS drops an end whose start's fields it equals, then refuses the era
            problems.append("era %r ends where it starts" % era.get("text", {}).get("headline"))
    want = chronicle_dates(xml_path)
    if got != want:
        problems.append("event dates %s differ from the chronicle's milestones %s"
                        % (got, want))
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(sys.argv[1], sys.argv[2])
    for p in problems:
        print("%s: error: %s" % (sys.argv[1], p), file=sys.stderr)
    if not problems:
        print("%s: %d events, each a milestone of %s with its date"
              % (sys.argv[1], len(json.load(open(sys.argv[1], encoding="utf-8"))["events"]),
                 sys.argv[2]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
