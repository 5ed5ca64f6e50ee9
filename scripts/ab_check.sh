#!/usr/bin/env bash
# ab_check.sh - how good `benchgate ab` is, measured: N compares of the gatecheck bench of one
# build against itself, its head doing PCT% more work (BENCHGATE_EXTRA_WORK_PCT), optionally
# under load; counts the verdicts and the wall time of each compare.
#
# usage: scripts/ab_check.sh [--build-dir=DIR] [--compares=N] [--extra=PCT] [--load]
#                            [--budget=SECONDS] [--bench=REGEX] [--ab-mode=auto|duet|alternate]
#   --extra=0 (default): A/A, every regression is a false alarm; --extra=5: 5% more work.
#   --load: two busy loops beside it, on for 15 s and off for 15 s (three runnable threads on a
#           2-core machine half the time), as in the time-gate figures of docs/gates.md.
#   --ab-mode: benchgate ab's --mode (default auto: a duet where two CPUs are usable).
set -u
build=build compares=20 extra=0 load=0 budget=60 bench='^gatecheck$' ab_mode=auto
for arg in "$@"; do
    case $arg in
    --build-dir=*) build=${arg#*=} ;;
    --compares=*) compares=${arg#*=} ;;
    --extra=*) extra=${arg#*=} ;;
    --load) load=1 ;;
    --budget=*) budget=${arg#*=} ;;
    --ab-mode=*) ab_mode=${arg#*=} ;;
    --bench=*) bench=${arg#*=} ;;
    --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "ab_check.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
case $compares in '' | *[!0-9]* | 0) echo "ab_check.sh: --compares: a positive integer" >&2; exit 2 ;; esac
case $extra in '' | *[!0-9.]*) echo "ab_check.sh: --extra: a percentage (0 to 1000)" >&2; exit 2 ;; esac
case $ab_mode in auto | duet | alternate) ;; *) echo "ab_check.sh: --ab-mode: auto, duet or alternate (not '$ab_mode')" >&2; exit 2 ;; esac
cli="$build/src/cli/benchgate"
[ -x "$cli" ] || { echo "ab_check.sh: $cli not found: build first" >&2; exit 2; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/ab_check.XXXXXX")
# shellcheck source=scripts/power_lib.sh
. "$(dirname "$0")/power_lib.sh"
cleanup() {
    power_stop_load "ab_check-busy-$$"
    rm -rf "$work"
}
trap cleanup EXIT
# Two build trees of the same binaries: the head's wrappers set the extra work.
power_make_sides "$work" "$build" "$extra" || exit 1
cp "$cli" "$work/benchgate" && cli="$work/benchgate" # a rebuild meanwhile changes nothing here
[ "$load" = 1 ] && power_start_load "ab_check-busy-$$"
i=0
while [ "$i" -lt "$compares" ]; do
    i=$((i + 1))
    start=$(date +%s)
    "$cli" ab --base="$work/base" --head="$work/head" "--bench=$bench" --budget="$budget" --mode="$ab_mode" \
        --seed="$i" --output-dir="$work/ab$i" >"$work/ab$i.log" 2>&1
    echo "$? $(($(date +%s) - start))" >"$work/ab$i.exit"
    printf '.'
done
echo
"$py" - "$work" "$compares" "$extra" "$load" <<'PY'
import json, os, sys
work, n, extra, load = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
counts, walls, pairs, hits = {}, [], [], 0
for i in range(1, n + 1):
    code, wall = open(os.path.join(work, "ab%d.exit" % i)).read().split()
    walls.append(int(wall))
    path = os.path.join(work, "ab%d" % i, "verdict.json")
    if not os.path.exists(path):
        counts["error (exit %s)" % code] = counts.get("error (exit %s)" % code, 0) + 1
        continue
    rows = json.load(open(path))["rows"]
    for r in rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    hits += any(r["verdict"] == "regression" for r in rows)
    pairs.append(json.load(open(os.path.join(work, "ab%d" % i, "ab.json")))["pairs"])
walls.sort()
pairs.sort()
kind = "A/A" if extra == 0 else "+%g%% work" % extra
mode = "duet" if " duet on CPUs " in open(os.path.join(work, "ab1.log")).readline() else "alternation"
print("benchgate ab (%s), %s, %s: %d compares" % (mode, kind, "under load" if load else "idle", n))
print("  verdicts: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())))
print("  %s: %d of %d = %.1f%%" % ("false regressions" if extra == 0 else "caught", hits, n, 100.0 * hits / n))
print("  wall per compare: median %d s, max %d s; pairs: median %d, max %d" % (
    walls[len(walls) // 2], walls[-1], pairs[len(pairs) // 2] if pairs else 0, pairs[-1] if pairs else 0))
PY
