#!/usr/bin/env bash
# test_failure_truth.sh SOURCE_DIR BUILD_DIR - a failed benchmark never reads "pass": a consumer
# project (tests/failing) installed from a prefix, whose `sum` fails its correctness check
# (DROP=1) and whose `crash` is killed by SIGSEGV (CRASH=1), gated in instruction mode without
# and with a baseline, under a GitHub-like environment. Every writer a person or a program reads
# says "error": the bench's gate line, gate.json, verdict.json, the verdict table, its exit
# words, the step summary, the ::error annotations at the BG_BENCHMARK's line, compare, the
# gbench export (error_occurred), JUnit (against junit-10.xsd) and CSV.
# Exit: 0 pass, 1 fail.
set -u
[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2; exit 1; }
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
py=/usr/bin/python3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# expect FILE REGEX WHAT / refuse FILE REGEX WHAT
expect() { grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$3 (no match for '$2' in $1)"; }; }
refuse() { ! grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$3 (found '$2' in $1)"; }; }
# json FILE EXPR WANT WHAT: the Python expression on the document d gives WANT
json() {
    got=$("$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1" 2>&1)
    [ "$got" = "$3" ] || fail "$4: $2 is '$got', expected '$3' ($1)"
    echo "ok: $4: $got"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-failtruth.XXXXXX") || fail "mktemp"
tmp=$(cd "$tmp" && pwd -P)
trap '[ "${BG_KEEP_TMP:-0}" = 1 ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

unset BENCH_BASELINE BENCH_CONFIG BENCH_FILTER BENCHGATE_BUILD_DIR DROP CRASH
export BENCH_MEASURE=instructions BENCH_REPETITIONS=1
export COLUMNS=1000 # the lines are matched whole here; integration.widths checks the wrapping
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install $build"; }
cp -R "$src/tests/failing" "$tmp/proj"
export PATH="$tmp/prefix/bin:$PATH"
cd "$tmp/proj" || fail "no $tmp/proj"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
{ cmake -S . -B build "${generator[@]+"${generator[@]}"}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" && cmake --build build; } >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log" >&2; fail "building the consumer project"; }
line=$(grep -n 'BG_BENCHMARK(sum_ints)' sum_bench.c | cut -d: -f1)

# gate STEP ENV...: ctest -L bench as GitHub Actions runs it; @return ctest's exit code
gate() {
    local step=$1
    shift
    : >"$tmp/$step.summary"
    env GITHUB_ACTIONS=true GITHUB_WORKSPACE="$tmp/proj" GITHUB_STEP_SUMMARY="$tmp/$step.summary" \
        "$@" ctest --test-dir build -L bench --output-on-failure >"$tmp/$step.log" 2>&1
}
# failed_sum STEP: what every reader of a failed `sum` must say
failed_sum() {
    local log=$tmp/$1.log g=build/bench-results/sum/gate.json
    expect "$log" 'bench\.sum \.+\*\*\*Failed' "$1: CTest marks sum Failed"
    expect "$log" 'bench_sum: gate: error \(instructions, .*wrong result: abs_err = 1 \(tolerance 0\).*exit 3' \
        "$1: the bench's gate line says error and the message"
    refuse "$log" 'bench_sum: gate: (pass|not gated)' "$1: the gate line says pass or not gated"
    json "$g" 'd["outcome"], d["exit_code"]' "error 3" "$1: gate.json outcome and exit code"
    json "$g" '[(r["verdict"], "wrong result" in r["note"]) for r in d["rows"]]' \
        "[('error', True)]" "$1: gate.json has one error row with the message"
    json "$g" '[(r["source_file"].endswith("sum_bench.c"), r["source_line"]) for r in d["rows"]]' \
        "[(True, $line)]" "$1: the row names the BG_BENCHMARK's file and line"
    "$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" gate "$g" \
        >"$tmp/$1.schema" 2>&1 || { cat "$tmp/$1.schema" >&2; fail "$1: gate.json against its schema"; }
    expect "$log" '^error +sum +instructions ' "$1: the verdict table's row"
    refuse "$log" '^pass +sum ' "$1: the verdict table says pass"
    expect "$log" '^verdict: .*1 error\(s\)' "$1: the verdict line counts the error"
    expect "$log" '^exit 3: a benchmark failed' "$1: the exit in words"
    expect "$log" "^::error file=sum_bench.c,line=$line,title=benchgate%3A sum::error sum_ints/cpu" \
        "$1: the ::error annotation at the BG_BENCHMARK's line"
    # shellcheck disable=SC2016 # the backticks are Markdown's
    expect "$tmp/$1.summary" '^\| \*\*error\*\* \| `sum` ' "$1: the step summary's row"
    # shellcheck disable=SC2016
    refuse "$tmp/$1.summary" '^\| pass \| `sum`' "$1: the step summary says pass"
}

# 1. no baseline: the failure is an error, not "not gated"
gate 1 DROP=1 && fail "1: ctest passed with a failed check"
failed_sum 1
expect "$tmp/1.log" '^not gated +good ' "1: good is not gated"
expect "$tmp/1.log" '^::warning title=benchgate%3A good::not gated' "1: a ::warning for good"

# 2. a baseline of the good code, then the failing one: error, not "pass"
cmake --build build --target bench-baseline >"$tmp/2.capture" 2>&1 ||
    { cat "$tmp/2.capture" >&2; fail "2: the baseline capture"; }
gate 2a || fail "2a: the good code against its own baseline exited $?"
expect "$tmp/2a.log" '^pass +sum ' "2a: the good code passes"
gate 2 DROP=1 && fail "2: ctest passed with a failed check against a baseline"
failed_sum 2
json build/bench-results/sum/verdict.json 'd["outcome"]' "error" "2: verdict.json's outcome"

# 3. a crash: no gate.json of its own, still an error row, from CTest's list of failures
gate 3 CRASH=1 && fail "3: ctest passed with a crash"
expect "$tmp/3.log" '^error +crash +ran, but wrote no verdict' "3: the crashed bench's row"
expect "$tmp/3.log" '^::error title=benchgate%3A crash::error: ran, but wrote no verdict' \
    "3: the crash's ::error annotation"
expect "$tmp/3.log" '^pass +sum ' "3: the others are as they are"
benchgate verdicts --build-dir=build >"$tmp/3.verdicts" 2>&1
rc=$?
[ "$rc" = 3 ] || fail "3: benchgate verdicts after the crash exited $rc, expected 3"
expect "$tmp/3.verdicts" '^error +crash ' "3: verdicts without --ctest: the crash's stale gate.json"

# 4. compare and the exchange formats of the failed run
gate 4 DROP=1
base=$(find ci/baselines -name sum.json | head -n 1)
benchgate compare "$base" build/bench-results/sum >"$tmp/4.compare" 2>&1
rc=$?
[ "$rc" = 3 ] || { cat "$tmp/4.compare" >&2; fail "4: compare of the failed run exited $rc, expected 3"; }
expect "$tmp/4.compare" '^outcome: error; exit 3' "4: compare's last line"
benchgate export --format=gbench build/bench-results/sum --output="$tmp/4.gbench.json" ||
    fail "4: gbench export"
json "$tmp/4.gbench.json" '[(b["error_occurred"], "wrong result" in b["error_message"]) for b in d["benchmarks"]]' \
    "[(True, True)]" "4: the gbench export's error_occurred and error_message"
benchgate export --format=junit build/bench-results/sum --output="$tmp/4.junit.xml" ||
    fail "4: junit export"
expect "$tmp/4.junit.xml" '<failure [^>]*message="[^"]*wrong result' "4: JUnit's <failure> with the message"
xmllint --noout --schema "$src/tests/interop/junit-10.xsd" "$tmp/4.junit.xml" 2>"$tmp/4.xsd" ||
    { cat "$tmp/4.xsd" >&2; fail "4: the JUnit file against junit-10.xsd"; }
benchgate export --format=csv build/bench-results/sum --output="$tmp/4.csv" || fail "4: csv export"
"$py" - "$tmp/4.csv" <<'PY' || fail "4: the CSV rows of the failed benchmark"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = [r for r in rows if r["benchmark_status"] != "error" or "wrong result" not in r["error_message"]]
print("ok: 4: %d CSV row(s), each with benchmark_status error and the message" % len(rows))
sys.exit(1 if bad or not rows else 0)
PY
benchgate verdicts --measurements --build-dir=build >"$tmp/4.measurements" ||
    fail "4: verdicts --measurements"
expect "$tmp/4.measurements" '<CTestMeasurement type="text/string" name="sum_ints/cpu status">error: wrong result' \
    "4: CDash's measurements say the benchmark failed"
echo "PASS: a failed and a crashed benchmark read as errors everywhere"
