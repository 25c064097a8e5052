#!/usr/bin/env bash
# chronik batch speed: 100 jobs over the sample (60 with a PDF, 130 outputs),
# wall time of `chronik batch --force` with -j 1 and -j 2 (runs interleaved,
# medians), the speed-up, and the time of a re-run where nothing changed.
# A benchmark, not a test; machines are shared and noisy, so compare figures
# from one run of this script (it prints the load average; CPU time, user +
# system of all threads, is less sensitive to other load than wall time).
# Needs /usr/bin/time (Debian package "time").
#
# usage: bench/batch_bench.sh [CHRONIK_BINARY] [RUNS]
#   BASELINE=1 also times the same 130 outputs made by 100 `chronik render`
#   processes, one after another (once).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
chronik="${1:-$root/build/chronik}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
sample="$root/data/lecos-chronik.xml"

# Ten variants, like a press kit, ten times over: formats and options of
# each job as job attributes and as `chronik render` arguments.
variants=(
  'formats="pdf"|-f pdf'
  'formats="pdf" style="booklet"|-f pdf -s booklet'
  'formats="docx"|-f docx'
  'formats="md"|-f md'
  'formats="pdf docx" from="2019" to="2021"|-f pdf,docx --from 2019 --to 2021'
  'formats="pdf" category="software" order="oldest"|-f pdf --category software --order oldest'
  'formats="docx" lang="en"|-f docx --lang en'
  'formats="md" lang="en" order="oldest"|-f md --lang en --order oldest'
  'formats="pdf" category="cooperation" order="newest"|-f pdf --category cooperation --order newest'
  'formats="pdf docx md"|-f pdf,docx,md'
)
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<jobs version="1" output="out">'
  echo "  <defaults input=\"$sample\"/>"
  for i in $(seq 0 99); do
    attrs="${variants[$((i % 10))]%%|*}"
    printf '  <job name="job%02d" %s output="v%d/job%02d"/>\n' "$i" "$attrs" "$((i % 10))" "$i"
  done
  echo '</jobs>'
} >"$work/jobs.xml"

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
timed() { # prints "wall cpu" of "$@" in seconds (cpu = user + system, of all threads)
  local t0=$EPOCHREALTIME
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" >/dev/null 2>&1 ||
    { echo "failed: $*" >&2; exit 1; }
  local t1=$EPOCHREALTIME
  echo "$t0 $t1 $(cat "$work/cpu")" | awk '{printf "%.3f %.2f\n", $2 - $1, $3 + $4}'
}

batch=("$chronik" batch "$work/jobs.xml" -q)
"${batch[@]}" -j 2 --force # warm the page cache; the manifest exists from here on
: >"$work/j1"; : >"$work/j2"; : >"$work/nochange"
for _ in $(seq "$runs"); do
  timed "${batch[@]}" -j 1 --force >>"$work/j1"
  timed "${batch[@]}" -j 2 --force >>"$work/j2"
  timed "${batch[@]}" -j 2 >>"$work/nochange"
done
outputs=$(find "$work/out" -type f ! -name '.chronik-manifest' | wc -l)
bytes=$(find "$work/out" -type f ! -name '.chronik-manifest' -printf '%s\n' | awk '{s+=$1} END {print s}')
wall() { cut -d' ' -f1 <"$1" | median; }
cpu() { cut -d' ' -f2 <"$1" | median; }
runs_of() { cut -d' ' -f1 <"$1" | paste -sd' '; }
j1=$(wall "$work/j1"); j2=$(wall "$work/j2"); nc=$(wall "$work/nochange")
printf 'chronik batch, 100 jobs over the sample (%d outputs, %d KB), %d runs each, %d processors\n' \
  "$outputs" "$((bytes / 1024))" "$runs" "$(nproc)"
printf '  load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  -j 1 --force       median %6.2f s wall, %5.2f s cpu   (wall of each run: %s)\n' \
  "$j1" "$(cpu "$work/j1")" "$(runs_of "$work/j1")"
printf '  -j 2 --force       median %6.2f s wall, %5.2f s cpu   (wall of each run: %s)\n' \
  "$j2" "$(cpu "$work/j2")" "$(runs_of "$work/j2")"
printf '  speed-up -j2/-j1   %.2fx\n' "$(echo "$j1 $j2" | awk '{print $1 / $2}')"
printf '  no change, -j 2    median %6.3f s wall, %5.2f s cpu   (wall of each run: %s)\n' \
  "$nc" "$(cpu "$work/nochange")" "$(runs_of "$work/nochange")"

if [ "${BASELINE:-0}" = 1 ]; then
  t0=$EPOCHREALTIME
  for i in $(seq 0 99); do
    args="${variants[$((i % 10))]#*|}"
    # shellcheck disable=SC2086
    "$chronik" render "$sample" $args -o "$work/render/v$((i % 10))" -q 2>/dev/null
  done
  t1=$EPOCHREALTIME
  printf '  100 x chronik render, one after another: %.2f s\n' "$(echo "$t0 $t1" | awk '{print $2 - $1}')"
fi
