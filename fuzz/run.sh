#!/usr/bin/env bash
# Runs the libFuzzer targets for a bounded time each (README, "Hardening").
#
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]      (default: every target)
#
# Seeds come from the source tree (data/, styles/, tests/cases, tests/images,
# tests/regressions); what the fuzzer finds is kept in BUILD_DIR/corpus/<target>
# for the next run, crashes and hangs in BUILD_DIR/artifacts/<target>/.
# FUZZ_PARALLEL=2 runs two targets at a time. The last lines of each run
# (libFuzzer's final stats) go to BUILD_DIR/fuzz-<target>.log, and one line
# per target to the summary printed at the end. Exits 1 if a target failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(dirname "$here")"
build="$(cd "$1" && pwd)"
seconds="$2"
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(chronicle style pipeline image unicode style_sample)
parallel="${FUZZ_PARALLEL:-1}"

seed() { # target -> a folder of seed inputs
    local t="$1" dir="$build/seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    case "$t" in
    chronicle | pipeline)
        cp "$src"/data/*.xml "$dir"/
        for c in "$src"/tests/cases/*/; do cp "$c/input.xml" "$dir/case-$(basename "$c").xml"; done
        find "$src/tests/regressions" -maxdepth 1 -name '*.xml' ! -name 'style-*' \
            -exec cp {} "$dir"/ \; 2>/dev/null || true
        if [ "$t" = chronicle ]; then cp "$src"/tests/images/* "$dir"/; fi ;;
    style)
        cp "$src"/styles/*.xml "$dir"/
        find "$src/tests/regressions" -maxdepth 1 -name 'style-*.xml' -exec cp {} "$dir"/ \; 2>/dev/null || true ;;
    style_sample) # choices, not text: a few byte strings to start from
        for n in 1 2 3 4; do head -c $((64 * n)) /dev/urandom >"$dir/seed-$n"; done
        printf '\377\377\377\377\377\377\377\377\377\377\377\377' >"$dir/seed-large" ;;
    image)
        cp "$src"/tests/images/* "$dir"/
        find "$src/tests/regressions" -maxdepth 1 \( -name '*.png' -o -name '*.jpg' \) \
            -exec cp {} "$dir"/ \; 2>/dev/null || true ;;
    unicode)
        cp "$here"/seeds/unicode/* "$dir"/ ;;
    esac
    echo "$dir"
}

dict() {
    case "$1" in
    chronicle | pipeline) echo "$here/chronicle.dict" ;;
    style | style_sample) echo "$here/style.dict" ;;
    image) echo "$here/image.dict" ;;
    unicode) echo "$here/unicode.dict" ;;
    esac
}

run_one() {
    local t="$1" seeds corpus artifacts log
    seeds="$(seed "$t")"
    corpus="$build/corpus/$t"
    artifacts="$build/artifacts/$t"
    log="$build/fuzz-$t.log"
    mkdir -p "$corpus" "$artifacts"
    local status=0
    # -rss_limit_mb: ASan's shadow memory included; -timeout: a hang is a finding.
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}" \
        "$build/fuzz_$t" "$corpus" "$seeds" -dict="$(dict "$t")" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    local done_line execs speed
    done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    printf '%-10s %6ss  execs %-9s exec/s %-6s %s  artifacts %s  exit %s\n' "$t" "$seconds" \
        "${execs:-?}" "${speed:-?}" \
        "$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' <<<"$done_line" || echo 'cov: ?')" \
        "$(find "$artifacts" -type f | wc -l)" "$status" >"$build/fuzz-$t.summary"
    return "$status"
}

failed=0
pids=()
for t in "${targets[@]}"; do
    [ -x "$build/fuzz_$t" ] || { echo "no fuzz target $build/fuzz_$t (build with make fuzz)" >&2; exit 2; }
    run_one "$t" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$parallel" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done

echo "fuzzing summary (logs: $build/fuzz-<target>.log):"
for t in "${targets[@]}"; do cat "$build/fuzz-$t.summary"; done
if [ "$failed" -ne 0 ]; then
    echo "a fuzz target failed; see the artifacts above and the logs" >&2
    exit 1
fi
