#!/usr/bin/env bash
# power_check.sh - three time gates side by side on the same kernel and the same machine: N
# compares each of `benchgate ab` (base and head paired), the baseline gate (`benchgate start`
# against a baseline captured from 10 runs) and Google Benchmark's compare.py (U test, 10
# repetitions a side), the head doing PCT% more work (BENCHGATE_EXTRA_WORK_PCT) or none (A/A).
# Compare i runs the three gates one after another, in an order that rotates with i, so all
# three meet the same moments of the machine.
#
# usage: scripts/power_check.sh [--build-dir=DIR] [--compares=N] [--extra=PCT] [--load]
#                               [--gates=ab,baseline,gbench] [--budget=SECONDS] [--keep]
#                               [--ab-mode=auto|duet|alternate]
#   --extra=0 (default): A/A, every regression is a false alarm; --extra=5: 5% more work.
#   --load: two busy loops beside it, on for 15 s and off for 15 s (as ab_check.sh); the
#           baseline is captured under the same load.
#   --ab-mode: benchgate ab's --mode (default auto: a duet where two CPUs are usable).
#   --keep: leave the work folder (every run, log and verdict) and print where it is.
#   A regression: ab and the baseline gate say so in verdict.json; for compare.py, the U test's
#   p-value of the wall times is below 0.05 and the head's median is slower.
# Exit: 0 after reporting (it does not judge), 2 on bad arguments or nothing built, 77 when
# compare.py, scipy, g++ or libbenchmark-dev is missing and gbench was asked for.
set -u
export LC_ALL=C
build=build compares=20 extra=0 load=0 budget=55 gates=ab,baseline,gbench keep=0 ab_mode=auto
for arg in "$@"; do
    case $arg in
    --build-dir=*) build=${arg#*=} ;;
    --compares=*) compares=${arg#*=} ;;
    --extra=*) extra=${arg#*=} ;;
    --load) load=1 ;;
    --keep) keep=1 ;;
    --gates=*) gates=${arg#*=} ;;
    --budget=*) budget=${arg#*=} ;;
    --ab-mode=*) ab_mode=${arg#*=} ;;
    --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "power_check.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
case $compares in '' | *[!0-9]* | 0) echo "power_check.sh: --compares: a positive integer" >&2; exit 2 ;; esac
case $extra in '' | *[!0-9.]*) echo "power_check.sh: --extra: a percentage (0 to 1000)" >&2; exit 2 ;; esac
case $ab_mode in auto | duet | alternate) ;; *) echo "power_check.sh: --ab-mode: auto, duet or alternate (not '$ab_mode')" >&2; exit 2 ;; esac
case $budget in '' | *[!0-9]* | 0) echo "power_check.sh: --budget: a positive number of seconds" >&2; exit 2 ;; esac
for gate in $(echo "$gates" | tr ',' ' '); do
    case $gate in ab | baseline | gbench) ;; *) echo "power_check.sh: --gates: ab, baseline, gbench (not '$gate')" >&2; exit 2 ;; esac
done
script_dir=$(cd "$(dirname "$0")" && pwd -P)
cli="$build/src/cli/benchgate"
[ -x "$cli" ] || { echo "power_check.sh: $cli not found: build first" >&2; exit 2; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
compare=${GBENCH_COMPARE:-/usr/share/benchmark/compare.py}
work=$(mktemp -d "${TMPDIR:-/tmp}/power_check.XXXXXX")
# shellcheck source=scripts/power_lib.sh
. "$script_dir/power_lib.sh"
cleanup() {
    power_stop_load "power_check-busy-$$"
    if [ "$keep" = 1 ]; then echo "power_check.sh: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
has_gate() { case ",$gates," in *",$1,"*) return 0 ;; esac; return 1; }
skip() { echo "SKIP: $*"; exit 77; }

# Two build trees of the same binaries: the head's wrappers set the extra work.
power_make_sides "$work" "$build" "$extra" || exit 1
cp "$cli" "$work/benchgate" && cli="$work/benchgate" # a rebuild meanwhile changes nothing here

if has_gate gbench; then
    [ -f "$compare" ] || skip "Google Benchmark's compare.py not found at $compare (apt-get install libbenchmark-tools)"
    "$py" -c 'import scipy' 2>/dev/null || skip "compare.py needs scipy (apt-get install python3-scipy)"
    command -v "${CXX:-g++}" >/dev/null 2>&1 || skip "${CXX:-g++} not found"
    src=$(cd "$script_dir/.." && pwd -P)
    "${CC:-gcc}" -O3 -c "$src/kernels/cpu/spin.c" -o "$work/spin.o" >"$work/gbench-build.log" 2>&1
    for side in base head; do
        pct=0
        [ "$side" = head ] && pct=$extra
        if ! "${CXX:-g++}" -O3 -DEXTRA_WORK_PCT="$pct" -I"$src/kernels/cpu" "$script_dir/gbench_gatecheck.cc" \
            "$work/spin.o" -o "$work/gbench_$side" -lbenchmark -lpthread >>"$work/gbench-build.log" 2>&1; then
            sed -n '1,5p' "$work/gbench-build.log"
            skip "Google Benchmark is not usable (install libbenchmark-dev)"
        fi
    done
fi

[ "$load" = 1 ] && power_start_load "power_check-busy-$$"

start_flags=(--filter='^gatecheck/' --no-ui)
if has_gate baseline; then
    runs=()
    for k in 1 2 3 4 5 6 7 8 9 10; do
        "$cli" start "${start_flags[@]}" --build-dir="$work/base" --baseline=off \
            --output-dir="$work/capture$k" >"$work/capture$k.log" 2>&1 ||
            { echo "power_check.sh: baseline run $k failed:"; cat "$work/capture$k.log"; exit 1; }
        runs+=("--run=$work/capture$k")
    done
    "$cli" baseline "${runs[@]}" --dir="$work/baselines" >/dev/null ||
        { echo "power_check.sh: capturing the baseline failed" >&2; exit 1; }
fi

# run_gate GATE I: one compare; writes "GATE I EXIT SECONDS" to $work/times.
run_gate() {
    local t0 rc
    t0=$(date +%s)
    case $1 in
    ab)
        "$cli" ab --base="$work/base" --head="$work/head" --bench='^gatecheck$' --budget="$budget" --mode="$ab_mode" \
            --seed="$2" --output-dir="$work/ab$2" >"$work/ab$2.log" 2>&1
        ;;
    baseline)
        "$cli" start "${start_flags[@]}" --build-dir="$work/head" --baseline="$work/baselines" \
            --output-dir="$work/baseline$2" >"$work/baseline$2.log" 2>&1
        ;;
    gbench)
        "$py" "$compare" --no-color -d "$work/gbench$2.json" benchmarks "$work/gbench_base" \
            "$work/gbench_head" --benchmark_repetitions=10 --benchmark_min_time=0.05 \
            >"$work/gbench$2.log" 2>&1
        ;;
    esac
    rc=$?
    echo "$1 $2 $rc $(($(date +%s) - t0))" >>"$work/times"
}

# rotate WORD...: the words, the first moved to the end.
rotate() {
    local first=$1
    shift
    echo "$* $first"
}
# shellcheck disable=SC2086 # the gate list is meant to split into words
order=$(echo "$gates" | tr ',' ' ')
i=0
while [ "$i" -lt "$compares" ]; do
    i=$((i + 1))
    for gate in $order; do run_gate "$gate" "$i"; done
    # shellcheck disable=SC2086
    order=$(rotate $order)
    printf '.'
done
echo
"$py" "$script_dir/power_report.py" "$work" "$extra" "$load"
