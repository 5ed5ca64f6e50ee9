#!/usr/bin/env bash
# duet_probe.sh - does a duet (base and head at the same time, one on each core) beat `benchgate
# ab`'s alternation (one after the other, in a random order) on this machine? N pairs of each,
# interleaved so that both modes meet the same moments, of one gatecheck instance run as ab runs
# it (1 repetition, 0.1 s to 0.2 s); the head does PCT% more work. For each mode: the paired log
# ratio's mean, spread and 99% interval after N pairs, and the wall time per pair. The mode with
# the narrower interval for the same wall time wins (interval x sqrt(wall per pair), lower is
# better: halving an interval takes four times the pairs).
#
# usage: scripts/duet_probe.sh [--build-dir=DIR] [--pairs=N] [--extra=PCT] [--load]
#   --load: two busy loops, on for 15 s and off for 15 s, as ab_check.sh and power_check.sh.
# Exit: 0 after reporting (it does not judge), 2 on bad arguments, 77 without taskset or 2 CPUs.
set -u
export LC_ALL=C
build=build pairs=30 extra=0 load=0
for arg in "$@"; do
    case $arg in
    --build-dir=*) build=${arg#*=} ;;
    --pairs=*) pairs=${arg#*=} ;;
    --extra=*) extra=${arg#*=} ;;
    --load) load=1 ;;
    --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "duet_probe.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
case $pairs in '' | *[!0-9]* | 0 | 1) echo "duet_probe.sh: --pairs: an integer of 2 or more" >&2; exit 2 ;; esac
case $extra in '' | *[!0-9.]*) echo "duet_probe.sh: --extra: a percentage (0 to 1000)" >&2; exit 2 ;; esac
exe="$build/benches/bench_gatecheck"
[ -x "$exe" ] || { echo "duet_probe.sh: $exe not found: build first" >&2; exit 2; }
command -v taskset >/dev/null 2>&1 || { echo "SKIP: taskset not found (util-linux)"; exit 77; }
[ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ] || { echo "SKIP: a duet needs 2 CPUs"; exit 77; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/duet_probe.XXXXXX")
# shellcheck source=scripts/power_lib.sh
. "$(dirname "$0")/power_lib.sh"
cleanup() {
    power_stop_load "duet_probe-busy-$$"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cp "$exe" "$work/bench" || exit 1
flags=(--repetitions=1 --min-time=0.1 --max-time=0.2 --baseline=off --no-ui
    '--filter=^gatecheck/cpu/steps=4096$')
# side SIDE DIR [CPU]: one run of the instance (the head with the extra work), on CPU if given.
side() {
    local pct=0 pin=()
    [ "$1" = head ] && pct=$extra
    [ -n "${3:-}" ] && pin=(taskset -c "$3")
    BENCHGATE_EXTRA_WORK_PCT=$pct ${pin[@]+"${pin[@]}"} "$work/bench" "${flags[@]}" --output-dir="$2" \
        >/dev/null 2>&1
}
now() { "$py" -c 'import time; print(time.time())'; }
[ "$load" = 1 ] && power_start_load "duet_probe-busy-$$"
i=0
while [ "$i" -lt "$pairs" ]; do
    i=$((i + 1))
    t0=$(now)
    if [ $((RANDOM % 2)) = 0 ]; then
        side base "$work/alt$i/base" && side head "$work/alt$i/head"
    else
        side head "$work/alt$i/head" && side base "$work/alt$i/base"
    fi
    t1=$(now)
    side base "$work/duet$i/base" 0 &
    duet_base=$!
    side head "$work/duet$i/head" 1
    wait "$duet_base" # not a bare wait: the load's loop is a background job too
    t2=$(now)
    echo "$i $t0 $t1 $t2" >>"$work/times"
    printf '.'
done
echo
"$py" - "$work" "$pairs" "$extra" "$load" <<'PY'
import json, math, os, sys
work, n, extra, load = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
T99 = {2: 63.66, 3: 9.925, 4: 5.841, 5: 4.604, 6: 4.032, 7: 3.707, 8: 3.499, 9: 3.355}


def t99(k):  # two-sided 99% Student quantile for k pairs: a table, then Cornish-Fisher
    if k in T99:
        return T99[k]
    z, df = 2.5758, k - 1.0
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)

def median_ns(path):
    d = json.load(open(os.path.join(path, "result.json")))
    return d["benchmarks"][0]["metrics"]["time_ns"]["median"]

walls = {"alternation": [], "duet": []}
for line in open(os.path.join(work, "times")):
    i, t0, t1, t2 = line.split()
    walls["alternation"].append(float(t1) - float(t0))
    walls["duet"].append(float(t2) - float(t1))
print("gatecheck, %s, %s: %d pairs of each mode" % (
    "A/A" if extra == 0 else "+%g%% work" % extra, "under load" if load else "idle", n))
for mode, prefix in (("alternation", "alt"), ("duet", "duet")):
    logs = [math.log(median_ns(os.path.join(work, "%s%d" % (prefix, i), "head")) /
                     median_ns(os.path.join(work, "%s%d" % (prefix, i), "base"))) for i in range(1, n + 1)]
    mean = sum(logs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in logs) / (n - 1))
    half = t99(n) * sd / math.sqrt(n)
    wall = sum(walls[mode]) / n
    print("  %-11s change %+.2f%%, 99%% interval +-%.2f%%, spread (sd) %.2f%%, wall %.2f s a pair, "
          "interval x sqrt(wall) %.3f" % (mode, 100 * math.expm1(mean), 100 * half, 100 * sd, wall,
                                          100 * half * math.sqrt(wall)))
PY
