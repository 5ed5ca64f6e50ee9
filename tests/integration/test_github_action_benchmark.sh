#!/usr/bin/env bash
# test_github_action_benchmark.sh BENCHGATE BENCH_EXE SOURCE_DIR - github-action-benchmark's own
# parser (extract.ts of v1.22.0, tests/interop/github-action-benchmark, run under node with tsx)
# on the exports of a real run of 3 repetitions: gbench (googlecpp), gbench-aggregates (one
# entry per benchmark, in ns/iter, the value of result.json's median) and custom-smaller /
# custom-bigger (customSmallerIsBetter / customBiggerIsBetter, with memory and throughput).
# Skips (77) without node and npm, or when npm cannot install the parser's packages.
set -u
benchgate=$1 bench=$2 src=$3
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node and npm are needed to run github-action-benchmark's parser"
    exit 77
fi
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/gab.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$src/tests/interop/github-action-benchmark" "$work/gab" || exit 1
if ! (cd "$work/gab" && npm install --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
    sed -n '1,5p' "$work/npm.log"
    echo "SKIP: npm install of github-action-benchmark's packages failed (no registry?)"
    exit 77
fi
"$bench" --no-ui --filter='n=(1024|32768)$' --repetitions=3 --min-time=0.02 --max-time=0.05 \
    --baseline=off --output-dir="$work/run" >/dev/null 2>&1 || { echo "FAIL: the bench run failed"; exit 1; }
fail=0
# extract FORMAT TOOL: exports the run as FORMAT and runs the action's parser with TOOL on it.
extract() {
    "$benchgate" export --format="$1" --output="$work/$1.json" "$work/run" ||
        { echo "FAIL: export --format=$1"; fail=1; return 1; }
    if ! (cd "$work/gab" && npx tsx extract_gbench.ts "$work/$1.json" "$2") >"$work/$1.out" 2>"$work/$1.err"; then
        echo "FAIL: github-action-benchmark ($2) rejected the $1 export:"
        cat "$work/$1.err"
        fail=1
        return 1
    fi
    echo "$2 on the $1 export: $(wc -l <"$work/$1.out") entries, e.g. $(head -n 1 "$work/$1.out")"
}
extract gbench googlecpp
extract gbench-aggregates googlecpp
extract custom-smaller customSmallerIsBetter
extract custom-bigger customBiggerIsBetter
"$py" - "$work" <<'PY' || fail=1
import json, os, sys
work = sys.argv[1]
def entries(fmt):
    return [json.loads(l) for l in open(os.path.join(work, fmt + ".out"))]
result = json.load(open(os.path.join(work, "run", "result.json")))
names = [b["name"] for b in result["benchmarks"] if b["status"] == "ok"]
medians = {b["name"]: b["metrics"]["time_ns"]["median"] for b in result["benchmarks"] if b["status"] == "ok"}
bad = []
full = entries("gbench")
if len(full) != 7 * len(names):
    bad.append("gbench: %d entries for %d benchmarks of 3 repetitions (want 3 + 4 aggregates each)" % (len(full), len(names)))
agg = entries("gbench-aggregates")
if sorted(e["name"] for e in agg) != sorted(names):
    bad.append("gbench-aggregates: entries %s, want one per benchmark %s" % ([e["name"] for e in agg], names))
for e in agg:
    if e["unit"] != "ns/iter":
        bad.append("gbench-aggregates: %s has unit %s, want ns/iter" % (e["name"], e["unit"]))
    if abs(e["value"] - medians.get(e["name"], -1)) > 1e-9 * max(1.0, e["value"]):
        bad.append("gbench-aggregates: %s is %r, result.json's median %r" % (e["name"], e["value"], medians.get(e["name"])))
smaller = {e["name"]: e for e in entries("custom-smaller")}
bigger = {e["name"]: e for e in entries("custom-bigger")}
for n in names:
    t = smaller.get(n + " time_ns")
    if t is None or t["unit"] != "ns" or abs(t["value"] - medians[n]) > 1e-9 * medians[n] or not (t.get("range") or "").startswith("\u00b1"):
        bad.append("custom-smaller: %s time_ns is %r" % (n, t))
    if n + " peak_rss_mb" not in smaller:
        bad.append("custom-smaller: no memory entry for %s" % n)
    if n + " bytes_per_second" not in bigger:
        bad.append("custom-bigger: no throughput entry for %s" % n)
if set(smaller) & set(bigger):
    bad.append("a metric in both custom exports: %s" % sorted(set(smaller) & set(bigger)))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
[ "$fail" = 0 ] && echo "PASS: github-action-benchmark's parser reads the gbench, gbench-aggregates and custom exports"
exit "$fail"
