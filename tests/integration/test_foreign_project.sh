#!/usr/bin/env bash
# test_foreign_project.sh - an installed benchgate gating benchmarks of other harnesses in a
# project of its own (tests/foreign): a real Google Benchmark executable (libbenchmark-dev,
# find_package(benchmark)) with bg_add_gbench_test, and hyperfine with bg_add_hyperfine_test:
#   1. no baseline: ctest -L bench says Skipped for both, gate.json (valid against
#      docs/schema/gate.schema.json) says not gated, the verdict table lists both;
#   2. the bench-baseline target captures both baselines (BENCHGATE_BASELINE_RUNS=2);
#   3. ctest -L bench again: both compared (pass or inconclusive on a shared machine, never not
#      gated or error), verdict.json beside;
#   4. GB_SMALL_FAIL=1 (SkipWithError): bench.gb_small fails, gate.json says error, exit 3,
#      with GB's message in its row;
#   5. the real GB JSON through compare, export (gbench, read back by compare.py), summary and
#      baseline; the same JSON with every time x3 is a regression (exit 1) against it.
# Usage: test_foreign_project.sh SOURCE_DIR BUILD_DIR   Exit: 0 pass, 1 fail, 77 skip.
set -u
export COLUMNS=1000 # messages are matched whole here; integration.widths checks the wrapping
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
py=/usr/bin/python3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
expect() {
    grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$3 (no '$2' in $1)"; }
}
if [ ! -f /usr/include/benchmark/benchmark.h ] && [ ! -f /usr/local/include/benchmark/benchmark.h ]; then
    echo "SKIP: benchmark/benchmark.h not found (install libbenchmark-dev)"
    exit 77
fi
command -v hyperfine >/dev/null 2>&1 || { echo "SKIP: hyperfine not found (apt-get install hyperfine)"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-foreignp.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install $build failed"; }
export PATH="$tmp/prefix/bin:$PATH"
cp -R "$src/tests/foreign" "$tmp/proj"
cd "$tmp/proj" || fail "cd"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    -DBENCHGATE_BASELINE_DIR="$tmp/baselines" >"$tmp/configure.log" 2>&1 ||
    { cat "$tmp/configure.log" >&2; fail "configure"; }
cmake --build build >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; fail "build"; }
schema() { # NAME FILE
    "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" "$1" "$2" >"$tmp/v.log" 2>&1 ||
        { cat "$tmp/v.log" >&2; fail "$2 is not a valid $1 document"; }
}
outcome() { "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["outcome"])' "$1"; }

# 1. no baseline
ctest --test-dir build -L bench >"$tmp/1.log" 2>&1
expect "$tmp/1.log" 'bench\.gb_small .*Not Run|bench\.gb_small .*Skipped' "no baseline: skipped"
expect "$tmp/1.log" 'bench\.hf_sleep .*Not Run|bench\.hf_sleep .*Skipped' "no baseline: skipped"
expect "$tmp/1.log" 'not gated +gb_small' "the verdict table lists gb_small"
expect "$tmp/1.log" 'not gated +hf_sleep' "the verdict table lists hf_sleep"
for t in gb_small hf_sleep; do
    schema gate "build/bench-results/$t/gate.json"
    schema result "build/bench-results/$t/result.json"
    [ "$(outcome "build/bench-results/$t/gate.json")" = "not gated" ] || fail "$t: not 'not gated'"
done
echo "ok 1: no baseline, skipped and listed"

# 2. capture
BENCHGATE_BASELINE_RUNS=2 cmake --build build --target bench-baseline >"$tmp/2.log" 2>&1 ||
    { cat "$tmp/2.log" >&2; fail "bench-baseline"; }
for t in gb_small hf_sleep; do
    f=$(find "$tmp/baselines" -name "$t.json" | head -n 1)
    [ -n "$f" ] || { cat "$tmp/2.log" >&2; fail "no baseline $t.json"; }
    schema result "$f"
done
echo "ok 2: bench-baseline captured both"

# 3. gated
ctest --test-dir build -L bench >"$tmp/3.log" 2>&1
for t in gb_small hf_sleep; do
    o=$(outcome "build/bench-results/$t/gate.json")
    case "$o" in
    pass | inconclusive) ;;
    *) cat "$tmp/3.log" >&2; fail "$t gated: $o (pass or inconclusive expected)" ;;
    esac
    schema gate "build/bench-results/$t/gate.json"
    schema verdict "build/bench-results/$t/verdict.json"
    echo "  $t: $o"
done
echo "ok 3: compared against the baselines"

# 4. a failed benchmark
GB_SMALL_FAIL=1 ctest --test-dir build -L bench -R gb_small >"$tmp/4.log" 2>&1 &&
    { cat "$tmp/4.log" >&2; fail "a failed GB benchmark passed ctest"; }
g=build/bench-results/gb_small/gate.json
[ "$(outcome $g)" = error ] || fail "failed benchmark: $(outcome $g)"
expect "$g" '"exit_code":[[:space:]]*3' "exit 3 in gate.json"
expect "$g" 'wrong result: 41 != 42' "GB's error_message in the row"
expect "$tmp/4.log" 'error +gb_small' "the verdict table says error"
echo "ok 4: SkipWithError is an error, exit 3"

# 5. the real JSON through the readers
ctest --test-dir build -L bench -R gb_small >/dev/null 2>&1
real=build/bench-results/gb_small/gbench.json
"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "context" in d and any(b.get("run_type")=="aggregate" for b in d["benchmarks"])' "$real" ||
    fail "$real is not GB's JSON with aggregates"
benchgate summary "$real" >"$tmp/5s.log" 2>&1 || fail "summary of GB's JSON"
expect "$tmp/5s.log" 'BM_Sum/4096 +time_ns' "summary"
benchgate export --format=gbench "$real" --output="$tmp/back.json" || fail "export gbench"
if [ -f /usr/share/benchmark/compare.py ]; then
    "$py" /usr/share/benchmark/compare.py benchmarks "$tmp/back.json" "$tmp/back.json" \
        >"$tmp/5c.log" 2>&1 || { cat "$tmp/5c.log" >&2; fail "compare.py read the export"; }
    expect "$tmp/5c.log" 'BM_Sum/4096' "compare.py on the export"
fi
benchgate baseline --run="$real" --dir="$tmp/b5" --class=c5 >"$tmp/5b.log" 2>&1 ||
    { cat "$tmp/5b.log" >&2; fail "baseline of GB's JSON"; }
"$py" - "$real" "$tmp/slow.json" <<'PY' || fail "scaling"
import json, sys
d = json.load(open(sys.argv[1]))
for b in d["benchmarks"]:
    if b.get("aggregate_name") != "cv":
        for k in ("real_time", "cpu_time"):
            b[k] *= 3
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
benchgate compare "$tmp/b5/c5/gb_small.json" "$tmp/slow.json" --allow-class-mismatch >"$tmp/5r.log" 2>&1
rc=$?
[ $rc = 1 ] || { cat "$tmp/5r.log" >&2; fail "x3 slower: exit $rc, expected 1 (regression)"; }
expect "$tmp/5r.log" 'BM_Sum/4096 +time_ns .*\+200\.00%.*regression' "x3 slower is a regression"
echo "ok 5: GB's JSON through summary, export, compare.py, baseline; x3 a regression"
echo PASS
