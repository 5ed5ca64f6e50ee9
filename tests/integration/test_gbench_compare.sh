#!/usr/bin/env bash
# test_gbench_compare.sh BENCHGATE SOURCE_DIR - Google Benchmark's own tools/compare.py (Debian:
# libbenchmark-tools, with python3-scipy for its U test) reads `benchgate export --format=gbench`
# without changes: two exports, the second 10% slower, compared by compare.py.
set -u
benchgate=$1 src=$2
compare=${GBENCH_COMPARE:-/usr/share/benchmark/compare.py}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if [ ! -f "$compare" ]; then
    echo "SKIP: Google Benchmark's compare.py not found at $compare (apt-get install libbenchmark-tools)"
    exit 77
fi
if ! "$py" -c 'import scipy' 2>/dev/null; then
    echo "SKIP: compare.py needs scipy (apt-get install python3-scipy)"
    exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/gbench_compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$benchgate" export --format=gbench --output="$work/old.json" "$src/fixtures/results/small" || exit 1
"$py" - "$work" <<'PY' || exit 1
import json, sys
work = sys.argv[1]
d = json.load(open(work + "/old.json"))
for b in d["benchmarks"]:
    if b.get("aggregate_name") != "cv":  # a coefficient of variation does not scale
        b["real_time"] *= 1.10
        b["cpu_time"] *= 1.10
json.dump(d, open(work + "/new.json", "w"))
PY
"$py" "$compare" --no-color benchmarks "$work/old.json" "$work/new.json" >"$work/out" 2>&1
rc=$?
cat "$work/out"
[ "$rc" = 0 ] || { echo "FAIL: compare.py exited $rc"; exit 1; }
fail=0
for name in overhead/cpu 'triad/cpu/n=1024'; do
    # every repetition and the median: +0.1000 in time and CPU time
    grep -E "^$name(_median)? +\+0\.1000 +\+0\.1000" "$work/out" >/dev/null ||
        { echo "FAIL: compare.py shows no +10% for $name"; fail=1; }
    grep -E "^${name}_pvalue .*U Test, Repetitions: 3 vs 3" "$work/out" >/dev/null ||
        { echo "FAIL: compare.py ran no U test for $name"; fail=1; }
done
grep -E "^OVERALL_GEOMEAN +\+0\.1000" "$work/out" >/dev/null || { echo "FAIL: no OVERALL_GEOMEAN +0.1000"; fail=1; }
[ "$fail" = 0 ] && echo "ok: compare.py read both exports (U test, +10% on every benchmark)"
exit "$fail"
