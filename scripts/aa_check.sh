#!/usr/bin/env bash
# aa_check.sh - how good the gate is, measured.
#
# usage: scripts/aa_check.sh [--build-dir=DIR] [--mode=time|instructions] [--compares=N]
#                            [--extra=PCT] [--filter=REGEX] [--repetitions=N] [--min-time=S]
#                            [--baseline-runs=K]
#
# Captures a baseline once (from K separate runs, default 3), then runs the selected benchmarks N more times against it and
# counts the verdicts. With --extra=0 (the default) every run is the same code: any regression
# is a false alarm (A/A). With --extra=PCT the gatecheck benchmark does PCT% more work
# (BENCHGATE_EXTRA_WORK_PCT) and the regressions counted are catches.
set -u
build=build mode=time compares=20 extra=0 filter='' reps='' min_time='' baseline_runs=3
for arg in "$@"; do
    case $arg in
    --build-dir=*) build=${arg#*=} ;;
    --mode=*) mode=${arg#*=} ;;
    --compares=*) compares=${arg#*=} ;;
    --extra=*) extra=${arg#*=} ;;
    --filter=*) filter=${arg#*=} ;;
    --repetitions=*) reps=${arg#*=} ;;
    --min-time=*) min_time=${arg#*=} ;;
    --baseline-runs=*) baseline_runs=${arg#*=} ;;
    --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "aa_check.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
case $mode in time | cpu | instructions) ;; *) echo "aa_check.sh: --mode: time, cpu or instructions" >&2; exit 2 ;; esac
case $compares in '' | *[!0-9]*) echo "aa_check.sh: --compares: a positive integer" >&2; exit 2 ;; esac
cli="$build/src/cli/benchgate"
[ -x "$cli" ] || { echo "aa_check.sh: $cli not found: build first" >&2; exit 2; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if [ -z "$filter" ]; then
    if [ "$extra" = 0 ]; then filter='^(overhead/cpu|triad/cpu/n=(1024|32768)|gatecheck/.*)$'; else filter='^gatecheck/'; fi
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/aa_check.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A/A means the same binaries throughout: snapshot the executables and their manifest, so a
# rebuild while this runs cannot change the code being compared.
mkdir -p "$work/snap/benchgate/manifest.d" "$work/snap/bin"
for entry in "$build"/benchgate/manifest.d/*.tsv; do
    IFS=$(printf '\t') read -r name exe labels args <"$entry"
    cp "$exe" "$work/snap/bin/" || exit 1
    printf '%s\t%s\t%s\t%s\n' "$name" "$work/snap/bin/$(basename "$exe")" "$labels" "$args" \
        >"$work/snap/benchgate/manifest.d/$(basename "$entry")"
done
cp "$cli" "$work/snap/bin/benchgate" && cli="$work/snap/bin/benchgate"
build="$work/snap"
flags=(--build-dir="$build" "--filter=$filter" "--measure=$mode" --no-ui)
[ -n "$reps" ] && flags+=("--repetitions=$reps")
[ -n "$min_time" ] && flags+=("--min-time=$min_time")

# The baseline: several separate runs, as bench-baseline captures it (run-to-run noise).
runs=()
for k in $(seq 1 "$baseline_runs"); do
    "$cli" start "${flags[@]}" --baseline=off --output-dir="$work/base$k" >"$work/base$k.log" 2>&1 ||
        { echo "aa_check.sh: baseline run $k failed:"; cat "$work/base$k.log"; exit 1; }
    runs+=("--run=$work/base$k")
done
"$cli" baseline "${runs[@]}" --dir="$work/baselines" >/dev/null ||
    { echo "aa_check.sh: capturing the baseline failed" >&2; exit 1; }

i=0
while [ "$i" -lt "$compares" ]; do
    i=$((i + 1))
    BENCHGATE_EXTRA_WORK_PCT=$extra "$cli" start "${flags[@]}" --baseline="$work/baselines" \
        --output-dir="$work/run$i" >"$work/run$i.log" 2>&1
    printf '.'
done
echo
"$py" - "$work" "$compares" "$mode" "$extra" <<'PY'
import glob, json, os, sys
work, n, mode, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
counts, compares_with_regression, rows = {}, 0, 0
for i in range(1, n + 1):
    files = glob.glob(os.path.join(work, "run%d" % i, "parts", "*", "verdict.json"))
    hit = False
    for f in files:
        for r in json.load(open(f))["rows"]:
            counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
            rows += 1
            hit |= r["verdict"] == "regression"
            if r["verdict"] == "regression" and float(extra) == 0:
                print("  false regression: run%d %s %s %+.1f%% %s" % (i, r["benchmark"], r["metric"],
                      r.get("change") or 0, r.get("note", "")))
            if r["verdict"] == "inconclusive" and float(extra) > 0:
                print("  not caught: run%d %s %+.1f%%: %s" % (i, r["benchmark"], r.get("change") or 0,
                      r.get("note", "")))
    compares_with_regression += hit
kind = "A/A (same code)" if float(extra) == 0 else "gatecheck with %s%% more work" % extra
print("mode %s, %s: %d compares, %d verdicts" % (mode, kind, n, rows))
for v in ("regression", "inconclusive", "pass", "improvement", "not compared", "new", "gone"):
    if counts.get(v):
        print("  %-13s %5d  (%.1f%% of verdicts)" % (v, counts[v], 100.0 * counts[v] / rows))
label = "false alarms" if float(extra) == 0 else "caught"
print("compares with a regression (%s): %d of %d = %.1f%%" %
      (label, compares_with_regression, n, 100.0 * compares_with_regression / n))
PY
