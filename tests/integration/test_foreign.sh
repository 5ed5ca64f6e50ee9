#!/usr/bin/env bash
# test_foreign.sh - results of other harnesses read by every reader (issue 40):
#   1. Google Benchmark's own compare.py inputs (fixtures/gbench/compare_py): compare finds the
#      changes tools/gbench/report.py's tests expect (BM_2xSlower +100%, BM_NotBadTimeUnit -90%
#      across time units, ...); one value per benchmark is inconclusive with the reason (exit 77),
#      never a pass; BigO and RMS rows are no benchmarks; export --format=json is valid against
#      docs/schema/result.schema.json and says run.source gbench; summary, export md, report
#      --html and baseline read them too;
#   2. nvbench's own sample files (fixtures/nvbench): every state a benchmark, skipped states
#      skipped with their reason, the GPUs as system.gpus;
#   3. hyperfine's --export-json from the real hyperfine: its runs are the gate's samples;
#   4. broken input: a bad time unit, a time that is not a number, an nvbench value that is not
#      a number, a hyperfine time < 0, a file of no known format and --from naming another
#      format are exit 2 with the file, the key and the problem, and nothing written.
# Usage: test_foreign.sh BUILD_DIR SOURCE_DIR   Exit: 0 pass, 1 fail.
set -u
export COLUMNS=1000 # messages are matched whole here; integration.widths checks the wrapping
build=$1
src=$2
bg="$build/src/cli/benchgate"
py=/usr/bin/python3
fx="$src/fixtures"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-foreign.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run EXPECTED_EXIT LOG CMD...: runs CMD with stdout and stderr to LOG, checks the exit.
run() {
    local want=$1 log=$2
    shift 2
    "$@" >"$log" 2>&1
    local rc=$?
    [ "$rc" = "$want" ] || { cat "$log" >&2; fail "$* exited $rc, expected $want"; }
}

expect() {
    grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$3 (no '$2' in $1)"; }
}

# ---- 1. compare.py's inputs
g1="$fx/gbench/compare_py/test1_run1.json"
g2="$fx/gbench/compare_py/test1_run2.json"
run 77 "$tmp/cmp.json" "$bg" compare "$g1" "$g2" --format=json
"$py" - "$tmp/cmp.json" <<'PY' || fail "compare of compare.py's test1 inputs"
import json, sys
rows = {r["benchmark"]: r for r in json.load(open(sys.argv[1]))["rows"]}
# tools/gbench/report.py, TestReportDifference: the change of real time, as a fraction
# (it prints 4 decimals: BM_ThirdFaster -0.3333 is (66.665 - 100) / 100)
expected = {"BM_SameTimes": 0.0, "BM_2xFaster": -0.5, "BM_2xSlower": 1.0,
            "BM_1PercentFaster": -0.01, "BM_1PercentSlower": 0.01,
            "BM_10PercentFaster": -0.1, "BM_10PercentSlower": 0.1, "BM_100xSlower": 99.0,
            "BM_100xFaster": -0.99, "BM_10PercentCPUToTime": 0.1, "BM_ThirdFaster": -0.33335,
            "BM_NotBadTimeUnit": -0.9, "BM_hasLabel": 0.0}
bad = []
for name, want in expected.items():
    r = rows.get(name)
    if r is None:
        bad.append(name + ": missing")
        continue
    got = r["change_pct"] / 100
    if abs(got - want) > 1e-6 * max(1, abs(want)):
        bad.append("%s: %+.4f, compare.py says %+.4f" % (name, got, want))
    if r["verdict"] != "inconclusive" or "benchmark_repetitions" not in r["note"]:
        bad.append("%s: %s (%s): one value per side must be inconclusive with the reason"
                   % (name, r["verdict"], r["note"]))
for fit in ("MyComplexityTest_BigO", "MyComplexityTest_RMS"):
    if fit in rows:
        bad.append(fit + ": a complexity fit taken as a timing")
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("compare.py test1: %d changes as report.py expects, all inconclusive" % len(expected))
PY
run 77 "$tmp/cmp.txt" "$bg" compare "$g1" "$g2"
expect "$tmp/cmp.txt" 'BM_2xSlower +time_ns +50 ns +100 ns +\+100\.00%' "the table's 2x slower row"
expect "$tmp/cmp.txt" 'outcome: inconclusive; exit 77' "the outcome line"
run 77 "$tmp/cmp_from.txt" "$bg" compare --from=gbench "$g1" "$g2"
run 0 "$tmp/t1.json" "$bg" export --format=json "$g1"
run 0 "$tmp/valid.txt" "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" result \
    "$tmp/t1.json"
"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["run"]["source"] == "gbench", d["run"]; assert d["system"]["cpu_count"] == 4; print("source gbench")' "$tmp/t1.json" ||
    fail "run.source or the context"
run 0 "$tmp/sum.txt" "$bg" summary "$g1" "$g2"
expect "$tmp/sum.txt" 'BM_2xSlower +time_ns +2 ' "summary of two gbench files"
run 0 "$tmp/md.txt" "$bg" export --format=md "$g2"
expect "$tmp/md.txt" 'BM_NotBadTimeUnit' "export md"
run 0 "$tmp/html.txt" "$bg" report --html "$g2" --output="$tmp/r.html"
expect "$tmp/r.html" 'BM_ThirdFaster' "report --html"
run 0 "$tmp/base.txt" "$bg" baseline --run="$g1" --run="$g2" --dir="$tmp/b" --class=test-class
expect "$tmp/base.txt" "wrote $tmp/b/test-class/test1_run1.json \\(2 runs\\)" "baseline of two gbench files"
run 0 "$tmp/valid.txt" "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" result \
    "$tmp/b/test-class/test1_run1.json"
# a run with a failed benchmark is never a baseline; its clean repetitions are samples
run 2 "$tmp/base_err.txt" "$bg" baseline --run="$fx/gbench/google_benchmark_error.json" \
    --dir="$tmp/b" --class=test-class
run 3 "$tmp/err.txt" "$bg" compare "$fx/gbench/google_benchmark_error.json" \
    "$fx/gbench/google_benchmark_error.json"
expect "$tmp/err.txt" 'BM_failed .*error' "error_occurred is an error row"
expect "$tmp/err.txt" 'BM_ok/repeats:3 +time_ns .* pass' "3 repetitions gate as samples"
echo "ok: Google Benchmark"

# ---- 2. nvbench's samples
run 77 "$tmp/nv.json" "$bg" compare "$fx/nvbench/test_ref.json" "$fx/nvbench/test_cmp.json" \
    --format=json
"$py" - "$tmp/nv.json" <<'PY' || fail "compare of nvbench's test_ref and test_cmp"
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
verdicts = {}
for r in rows:
    verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + 1
assert verdicts.get("pass", 0) == 0, verdicts  # one mean per state: never a pass
assert verdicts.get("skipped", 0) > 0 and verdicts.get("inconclusive", 0) > 0, verdicts
assert any(r["benchmark"] == "simple/cuda/device=0" for r in rows)
print("nvbench:", verdicts)
PY
run 0 "$tmp/nvr.json" "$bg" export --format=json "$fx/nvbench/test_ref.json"
run 0 "$tmp/valid.txt" "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" result \
    "$tmp/nvr.json"
"$py" -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert [g["name"] for g in d["system"]["gpus"]] == ["Quadro GV100", "Quadro GP100"], d["system"]
b={x["name"]: x for x in d["benchmarks"]}["simple/cuda/device=0"]
assert b["device"] == "cuda" and abs(b["metrics"]["time_ns"]["median"] - 1003471.58) < 1, b
assert "batch_gpu_time_ns" in b["metrics"], b["metrics"].keys()
print("nvbench: GPUs, GPU time, batch GPU time")' "$tmp/nvr.json" || fail "nvbench conversion"
# gate-foreign --from=nvbench with a stand-in for an nvbench executable that writes the sample
# shellcheck disable=SC2016 # the stand-in expands $1 and $2 itself
printf '#!/bin/sh\n[ "$1" = --json ] && cp "%s" "$2"\n' "$fx/nvbench/test_ref.json" >"$tmp/nvfake"
chmod +x "$tmp/nvfake"
run 0 "$tmp/nvg0.txt" "$bg" gate-foreign --from=nvbench --name=nvk --baseline=off \
    --output-dir="$tmp/nvg0" -- "$tmp/nvfake"
run 0 "$tmp/valid.txt" "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" result \
    "$tmp/nvg0/result.json"
run 0 "$tmp/nvb.txt" "$bg" baseline --run="$tmp/nvg0" --dir="$tmp/nvbase"
run 77 "$tmp/nvg1.txt" "$bg" gate-foreign --from=nvbench --name=nvk --baseline="$tmp/nvbase" \
    --output-dir="$tmp/nvg1" -- "$tmp/nvfake"
expect "$tmp/nvg1.txt" 'one mean per state \(nvbench keeps no repetitions\)' "nvbench's gate note"
expect "$tmp/nvg1.txt" 'gate-foreign: gate: inconclusive \(nvbench' "nvbench's gate line"
run 0 "$tmp/valid.txt" "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" gate \
    "$tmp/nvg1/gate.json"
echo "ok: nvbench"

# ---- 3. hyperfine, the real one
if command -v hyperfine >/dev/null 2>&1; then
    run 0 "$tmp/hf.txt" hyperfine --runs 5 --style none --export-json "$tmp/hf.json" \
        'sleep 0.01' -P ms 20 20 'sleep 0.0{ms}'
    # the same runs on both sides: a pass when they are steady, else inconclusive; never worse
    "$bg" compare "$tmp/hf.json" "$tmp/hf.json" >"$tmp/hfc.txt" 2>&1
    rc=$?
    { [ $rc = 0 ] || [ $rc = 77 ]; } || { cat "$tmp/hfc.txt" >&2; fail "hyperfine against itself: exit $rc"; }
    expect "$tmp/hfc.txt" '\+0\.00% .*(pass|inconclusive)' "no change against itself"
    expect "$tmp/hfc.txt" 'sleep 0.01 +time_ns' "hyperfine's command as the benchmark"
    run 0 "$tmp/hfs.txt" "$bg" summary "$tmp/hf.json"
    run 0 "$tmp/hfr.json" "$bg" export --format=json "$tmp/hf.json"
    run 0 "$tmp/valid.txt" "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" \
        result "$tmp/hfr.json"
    "$py" -c '
import json,sys
d=json.load(open(sys.argv[1]))
b=d["benchmarks"][0]["metrics"]["time_ns"]
assert d["run"]["source"] == "hyperfine" and b["n"] == 5 and len(b["repetition_medians"]) == 5, b
p=d["benchmarks"][1]["params"]
assert p == {"ms": "20"}, p
print("hyperfine: 5 runs as 5 repetitions, parameters as params")' "$tmp/hfr.json" ||
        fail "hyperfine conversion"
    echo "ok: hyperfine"
else
    echo "note: hyperfine not installed (scripts/install_deps.sh): its part not run"
fi

# ---- 4. broken input: exit 2, the file, the key, the problem
broken() { # NAME JSON PATTERN [FLAG]
    printf '%s\n' "$2" >"$tmp/$1.json"
    run 2 "$tmp/$1.txt" "$bg" compare ${4:+"$4"} "$tmp/$1.json" "$tmp/$1.json"
    expect "$tmp/$1.txt" "$3" "$1"
}
ctx='"context": {"date": "2026-01-01T00:00:00+00:00", "num_cpus": 2}'
broken unit "{$ctx, \"benchmarks\": [{\"name\": \"a\", \"real_time\": 1, \"cpu_time\": 1, \"time_unit\": \"fortnight\"}]}" \
    'unit.json: benchmarks\[0\]\.time_unit: .fortnight. is not a time unit'
broken time "{$ctx, \"benchmarks\": [{\"name\": \"a\", \"real_time\": \"fast\", \"cpu_time\": 1, \"time_unit\": \"ns\"}]}" \
    'time.json: benchmarks\[0\]\.real_time: missing or not a number'
broken nvvalue '{"devices": [], "benchmarks": [{"name": "k", "states": [{"name": "s", "summaries": [{"tag": "nv/cold/time/gpu/mean", "data": [{"name": "value", "type": "float64", "value": "soon"}]}]}]}]}' \
    'nvvalue.json: benchmarks\[0\]\.states\[0\]\.summaries\[0\]\.data\[0\]\.value: .soon. is not a number'
broken hftime '{"results": [{"command": "x", "mean": 1, "times": [1, -2]}]}' \
    'hftime.json: results\[0\]\.times\[1\]: not a number of seconds'
broken unknown '{"rows": []}' \
    'unknown.json: not a benchgate.result/1 document .no "schema"., nor Google Benchmark, nvbench or hyperfine JSON$'
broken forced '{"results": [{"command": "x", "mean": 1}]}' \
    'forced.json: --from=gbench: not Google Benchmark JSON' --from=gbench
run 2 "$tmp/badfrom.txt" "$bg" compare --from=csv "$g1" "$g2"
expect "$tmp/badfrom.txt" 'compare: --from=csv: not gbench, nvbench, hyperfine' "--from=csv"
printf 'keep\n' >"$tmp/out.txt"
run 2 "$tmp/exp_bad.txt" "$bg" export --format=csv "$tmp/unit.json" --output="$tmp/out.txt"
[ "$(cat "$tmp/out.txt")" = keep ] || fail "a broken input overwrote the output file"
echo "ok: broken input"
# ---- history import: each file is one run, named by its content (two files of one second are
# two runs; the same file again adds nothing)
cp "$fx/gbench/compare_py/test1_run1.json" "$fx/gbench/compare_py/test1_run2.json" "$tmp/"
touch -d '2026-01-02 03:04:05' "$tmp/test1_run1.json" "$tmp/test1_run2.json"
run 0 "$tmp/import.txt" "$bg" history import --db="$tmp/imp.sqlite" "$tmp/test1_run1.json" \
    "$tmp/test1_run2.json" "$tmp/test1_run1.json"
expect "$tmp/import.txt" '2 run\(s\) imported, 1 already stored, 0 refused' \
    "history import of Google Benchmark files: two runs, the repeated file skipped"
echo "ok: history import: $(grep -o '[0-9] run(s) imported, [0-9] already stored' "$tmp/import.txt")"
echo "PASS"
