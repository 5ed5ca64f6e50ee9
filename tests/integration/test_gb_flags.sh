#!/usr/bin/env bash
# test_gb_flags.sh BENCH_EXE SOURCE_DIR - a script written for a Google Benchmark binary, run
# against a bench executable: --benchmark_filter, _repetitions, _min_time=0.02s and
# --benchmark_format=json on stdout twice, read by Google Benchmark's own compare.py
# (libbenchmark-tools) with its U test; --benchmark_out in json read by github-action-benchmark's
# parser (googlecpp, tests/interop/github-action-benchmark, when node and npm are there) and in
# csv by Python's csv reader; --benchmark_list_tests; the refused forms, exit 2.
set -u
bench=$1 src=$2
compare=${GBENCH_COMPARE:-/usr/share/benchmark/compare.py}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if [ ! -f "$compare" ] || ! "$py" -c 'import scipy' 2>/dev/null; then
    echo "SKIP: Google Benchmark's compare.py (libbenchmark-tools) with scipy is needed"
    exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/gb_flags.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail=0
GB=(--benchmark_filter='n=(1024|32768)$' --benchmark_repetitions=3 --benchmark_min_time=0.02s)
for run in a b; do
    (cd "$work" && "$bench" "${GB[@]}" --benchmark_format=json --no-ui --baseline=off \
        --output-dir="$work/run-$run" >"$work/$run.json" 2>"$work/$run.err") ||
        { echo "FAIL: run $run exited $?"; cat "$work/$run.err"; exit 1; }
done
"$py" - "$work" <<'PY' || fail=1
import json, sys
work = sys.argv[1]
for run in "ab":
    d = json.load(open("%s/%s.json" % (work, run)))  # stdout is the document alone
    names = sorted({b["run_name"] for b in d["benchmarks"]})
    reps = sorted({b["repetitions"] for b in d["benchmarks"]})
    print("%s.json: %d entries, benchmarks %s, repetitions %s" % (run, len(d["benchmarks"]), names, reps))
PY
"$py" "$compare" --no-color benchmarks "$work/a.json" "$work/b.json" >"$work/compare.out" 2>&1 ||
    { echo "FAIL: compare.py exited $?"; cat "$work/compare.out"; fail=1; }
for name in 'triad/cpu/n=1024' 'triad/cpu/n=32768'; do
    if grep -qE "^${name}_pvalue .*U Test, Repetitions: 3 vs 3" "$work/compare.out"; then
        echo "compare.py: $name compared, U test of 3 vs 3 repetitions"
    else
        echo "FAIL: compare.py has no U test for $name"; cat "$work/compare.out"; fail=1
    fi
done
# --benchmark_out beside the console table; csv on stdout
(cd "$work" && "$bench" "${GB[@]}" --benchmark_out="$work/out.json" --benchmark_out_format=json \
    --no-ui --baseline=off --output-dir="$work/run-c" >"$work/c.out" 2>/dev/null) || fail=1
grep -q 'benchmark .*median' "$work/c.out" && echo "stdout: the console table" || fail=1
(cd "$work" && "$bench" "${GB[@]}" --benchmark_format=csv --no-ui --baseline=off \
    --output-dir="$work/run-d" >"$work/d.csv" 2>/dev/null) || fail=1
"$py" - "$work/d.csv" <<'PY' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(float(r["real_time"]) > 0 for r in rows), rows
print("csv: %d rows, columns %s" % (len(rows), ",".join(list(rows[0])[:5])))
PY
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    cp -r "$src/tests/interop/github-action-benchmark" "$work/gab" &&
    (cd "$work/gab" && npm install --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
    if (cd "$work/gab" && npx tsx extract_gbench.ts "$work/out.json" googlecpp) >"$work/gab.out" 2>"$work/gab.err"; then
        echo "github-action-benchmark: $(wc -l <"$work/gab.out" | tr -d ' ') entries from --benchmark_out"
    else
        echo "FAIL: github-action-benchmark rejected --benchmark_out's file"; cat "$work/gab.err"; fail=1
    fi
else
    echo "github-action-benchmark: not run (no node/npm or no packages)"
fi
[ "$("$bench" --benchmark_list_tests --benchmark_filter=n=1024)" = "$("$bench" --list --filter=n=1024)" ] &&
    echo "--benchmark_list_tests: the names, one per line" || fail=1
for bad in --benchmark_min_time=100x --benchmark_format=xml --benchmark_out_format=csv \
    --benchmark_filter=-triad --benchmark_list_tests=maybe --benchmark_color=false; do
    "$bench" "$bad" --list >/dev/null 2>"$work/err"
    rc=$?
    echo "$bad: exit $rc $(head -c 90 "$work/err")"
    [ "$rc" = 2 ] && grep -q 'error: command line --benchmark_' "$work/err" || fail=1
done
exit "$fail"
