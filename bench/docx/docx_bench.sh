#!/usr/bin/env bash
# DOCX speed: process wall time and peak RSS of `chronik render -f docx`
# for the sample and for the sample repeated 100 times; prints medians.
# A benchmark, not a test. Needs /usr/bin/time (Debian package "time").
#
# usage: bench/docx/docx_bench.sh [CHRONIK_BINARY] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chronik="${1:-$root/build-docx/chronik}"
runs="${2:-21}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sample="$root/data/lecos-chronik.xml"
big="$work/lecos-x100.xml"
# The project's generator if it is there (bench/gen_chronicle.py N OUT),
# else this folder's own.
if [ -f "$root/bench/gen_chronicle.py" ] &&
   python3 "$root/bench/gen_chronicle.py" 100 "$big" --source "$sample" 2>/dev/null; then
  :
else
  python3 "$here/gen_chronicle.py" --times 100 "$sample" "$big"
fi

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

bench() {
  local name="$1" input="$2" format="${3:-docx}"
  local times="$work/$name.times" rss="$work/$name.rss"
  : >"$times"; : >"$rss"
  for _ in $(seq "$runs"); do
    # Wall time from bash's clock around the process (time -v rounds to
    # 10 ms); peak RSS from time -v.
    local t0=$EPOCHREALTIME
    SOURCE_DATE_EPOCH=1700000000 /usr/bin/time -v -o "$work/t" \
      "$chronik" render "$input" -f "$format" -q -o "$work/out-$name" 2>/dev/null
    local t1=$EPOCHREALTIME
    echo "$t0 $t1" | awk '{print $2 - $1}' >>"$times"
    awk -F': ' '/Maximum resident/ {print $2}' "$work/t" >>"$rss"
  done
  local size
  size=$(stat -c %s "$work/out-$name/$(basename "${input%.xml}").$format")
  printf '%-8s %-4s %4d runs  median wall %6.3f s  median peak RSS %7.1f MB  (input %s KB, output %s KB)\n' \
    "$name" "$format" "$runs" "$(median <"$times")" "$(median <"$rss" | awk '{print $1/1024}')" \
    "$(( $(stat -c %s "$input") / 1024 ))" "$(( size / 1024 ))"
}

bench sample "$sample"
bench x100 "$big"
# The same with Markdown: what reading and composing cost without DOCX.
bench sample "$sample" md
bench x100 "$big" md
