#!/usr/bin/env bash
# test_gb_features.sh SOURCE_DIR BUILD_DIR - what Google Benchmark users reach for, from an
# installed benchgate (find_package(benchgate), tests/gbfeatures): a threaded family
# (.threads = "1,2": both counts run, every thread index checked, the gbench export's threads)
# skipped in instruction mode with the reason; a family whose loop is O(N^2) (.complexity =
# "auto"): result.json's complexity says O(N^2) and validates against the schema; compare and
# the gate on a baseline whose fit was O(N) report a regression (exit 1); the same fit passes;
# a broken complexity entry is exit 2 naming it; a bad .complexity word is exit 2; counters with
# GB's flags on the console (base 1024) and in the gbench export; perf counters (--counters,
# --benchmark_perf_counters, BENCH_COUNTERS): software ones measured, cycles measured or skipped
# naming perf_event_open, the gate on a baseline with them, broken lists exit 2.
# Exit: 0 pass, 1 fail, 77 skipped (python3-jsonschema missing).
set -u
[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2; exit 1; }
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
py=/usr/bin/python3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# json FILE EXPR WANT WHAT: the Python expression on the document d gives WANT
json() {
    got=$("$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1" 2>&1)
    [ "$got" = "$3" ] || fail "$4: $2 is '$got', expected '$3' ($1)"
    echo "ok: $4: $got"
}
# status WANT WHAT COMMAND...: runs it (output in $tmp/out), its exit must be WANT
status() {
    local want=$1 what=$2
    shift 2
    "$@" >"$tmp/out" 2>&1
    local rc=$?
    [ "$rc" -eq "$want" ] || { cat "$tmp/out" >&2; fail "$what: exit $rc, expected $want"; }
    echo "ok: $what: exit $rc"
}
expect() { grep -Eq -- "$1" "$tmp/out" || { cat "$tmp/out" >&2; fail "$2 (no match for '$1')"; }; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-gbfeat.XXXXXX") || fail "mktemp"
tmp=$(cd "$tmp" && pwd -P)
trap '[ "${BG_KEEP_TMP:-0}" = 1 ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
unset BENCH_BASELINE BENCH_CONFIG BENCH_FILTER BENCH_MEASURE BENCHGATE_BUILD_DIR
export COLUMNS=1000

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install $build"; }
cp -R "$src/tests/gbfeatures" "$tmp/proj"
export PATH="$tmp/prefix/bin:$PATH"
cd "$tmp/proj" || fail "no $tmp/proj"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
{ cmake -S . -B build "${generator[@]+"${generator[@]}"}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" && cmake --build build; } >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log" >&2; fail "building the consumer project"; }
bench=build/bench_features
quick=(--min-time=0.05 --max-time=0.5 --repetitions=1 --warmup=0 --no-ui)

status 0 "a run of both families" "$bench" "${quick[@]}" --output-dir="$tmp/run1"
r1=$tmp/run1/result.json
json "$r1" '[b["name"] for b in d["benchmarks"] if b["family"] == "shared_add"]' \
    "['shared_add/cpu/threads=1', 'shared_add/cpu/threads=2']" "one instance per thread count"
json "$r1" '[b["metrics"]["threads_seen"]["value"] for b in d["benchmarks"] if b["family"] == "shared_add"]' \
    "[1, 2]" "the last thread saw the count"
json "$r1" '[(c["family"], c["points"]) for c in d["complexity"]]' "[('pairs', 5)]" \
    "a time run fits the family too"
# The class is checked on instruction counts: exact, where the fit of times flipped to O(NlogN)
# or O(N^3) when other work shared the two cores (even CPU time doubled at one N).
status 0 "the O(N^2) family in instruction mode" "$bench" "${quick[@]}" --filter='^pairs/' \
    --measure=instructions --output-dir="$tmp/runc"
r=$tmp/runc/result.json
json "$r" '[(c["family"], c["fit"], c["points"]) for c in d["complexity"]]' \
    "[('pairs', 'O(N^2)', 5)]" "the O(N^2) family fits O(N^2)"
echo "figures: pairs fit $("$py" -c "import json,sys; c=json.load(open(sys.argv[1]))['complexity'][0]; print(c['fit'], 'coefficient %.4g instr, rms %.2f%%' % (c['coefficient'], c['rms_pct']))" "$r")"
expect '^pairs +O\(N\^2\) ' "the console shows the fit"
expect '^complexity \(the fit of instructions per iteration against N\)$' "the console names the figure"
expect '^pairs/cpu/n=1024 +ok +[0-9.]+ M instr ' "instruction counts without e-notation"
status 0 "a run of both families" "$bench" "${quick[@]}" --output-dir="$tmp/run1b"
expect '^  counters: adds_per_iter 1, adds_rate [0-9.]+ (Ki|Mi|Gi)?/s \(shared_add/cpu/threads=2\)' \
    "the console shows the counters, base 1024"
"$py" "$src/tests/integration/validate_result.py" "$src/docs/schema/result.schema.json" "$r1" \
    >"$tmp/schema.log" 2>&1
rc=$?
[ "$rc" -eq 77 ] && { cat "$tmp/schema.log"; exit 77; }
[ "$rc" -eq 0 ] || { cat "$tmp/schema.log" >&2; fail "result.json against its schema"; }

status 0 "the gbench export" benchgate export --format=gbench "$r1"
json "$tmp/out" 'sorted({b["threads"] for b in d["benchmarks"] if b["name"].startswith("shared_add")})' \
    "[1, 2]" "the gbench export's threads"
json "$tmp/out" '[b["adds_per_iter"] for b in d["benchmarks"] if b["name"].startswith("shared_add")]' \
    "[1, 1]" "the gbench export's counters (kAvgIterations)"

# A baseline whose fit was O(N): the same figures otherwise.
"$py" - "$r" "$tmp/linear.json" "$tmp/broken.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["complexity"][0]["fit"] = "O(N)"
json.dump(d, open(sys.argv[2], "w"))
d["complexity"][0]["fit"] = "O(N^4)"
json.dump(d, open(sys.argv[3], "w"))
PY
status 1 "compare on a baseline that fitted O(N)" benchgate compare "$tmp/linear.json" "$r"
expect 'complexity O\(N\^2\), the baseline.s O\(N\): a worse class' "compare names the classes"
# the same fit: a pass row (the times of one repetition may be inconclusive: exit 0 or 77)
benchgate compare "$r" "$r" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 77 ] || { cat "$tmp/out" >&2; fail "compare on the same fit: exit $rc"; }
expect '^pairs +complexity .*pass: complexity O\(N\^2\), as in the baseline' "the same class passes"
expect ' 0 regression\(s\)' "no regression on the same fit"
status 2 "compare with a broken complexity entry" benchgate compare "$tmp/broken.json" "$r"
expect 'complexity\[0\]: has a "fit" that is not' "the message names the entry"
status 1 "the gate on a baseline that fitted O(N)" \
    "$bench" "${quick[@]}" --measure=instructions --filter='^pairs/' --output-dir="$tmp/run2" \
    --baseline="$tmp/linear.json"
json "$tmp/run2/gate.json" '[r["verdict"] for r in d["rows"] if r["metric"] == "complexity"]' \
    "['regression']" "gate.json's complexity row"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" gate "$tmp/run2/gate.json" \
    >"$tmp/gate.schema" 2>&1 || { cat "$tmp/gate.schema" >&2; fail "gate.json against its schema"; }

# Instruction mode measures one thread: threaded instances are skipped with the reason.
status 77 "threads in instruction mode" "$bench" "${quick[@]}" --filter='^shared_add/cpu/threads=2$' \
    --measure=instructions --output-dir="$tmp/run3"
json "$tmp/run3/result.json" '[(b["status"], "measured with time only" in b["error_message"]) for b in d["benchmarks"]]' \
    "[('skipped', True)]" "the threaded instance is skipped, saying why"

# Performance counters (--counters, perf_event_open): the software ones are measured; cycles is
# measured where the kernel has a PMU, else a skipped metric saying perf_event_open refused it.
ctrs=task-clock,page-faults,context-switches,cycles
status 0 "a run with --counters" "$bench" "${quick[@]}" --filter='^shared_add/cpu/threads=2$' \
    --counters="$ctrs" --output-dir="$tmp/run5"
c5=$tmp/run5/result.json
cyc=$("$py" -c "import json,sys; print(json.load(open(sys.argv[1]))['benchmarks'][0]['metrics']['perf_cycles']['status'])" "$c5")
json "$c5" '[(k, m["status"], m["unit"], m["better"]) for k, m in sorted(d["benchmarks"][0]["metrics"].items()) if k.startswith("perf_")]' \
    "[('perf_context_switches', 'ok', 'count/iter', 'lower'), ('perf_cycles', '$cyc', 'count/iter', 'lower'), ('perf_page_faults', 'ok', 'count/iter', 'lower'), ('perf_task_clock', 'ok', 'ns/iter', 'lower')]" \
    "each counter is a metric"
# Each counter has statistics over every sample, as the time has (median, CI, repetitions).
json "$c5" '(lambda m, t: (m["median"] > 0, m["n"] == t["n"], m["ci95"][0] <= m["median"] <= m["ci95"][1], len(m["repetition_medians"])))(d["benchmarks"][0]["metrics"]["perf_task_clock"], d["benchmarks"][0]["metrics"]["time_ns"])' \
    "(True, True, True, 1)" "task-clock counted in every sample, with its CI"
# Two threads: the second thread's task clock counts too (it inherits the counter, and the first
# thread's enable and read cover it), so the task clock is the process's CPU time, not half.
json "$c5" '(lambda m: 0.7 < m["perf_task_clock"]["median"] / m["cpu_time_ns"]["median"] < 1.45)(d["benchmarks"][0]["metrics"])' \
    "True" "threads=2: task-clock near the CPU time of both threads"
echo "figures: threads=2: perf_task_clock / cpu_time_ns = $("$py" -c "import json,sys; m=json.load(open(sys.argv[1]))['benchmarks'][0]['metrics']; print('%.3f' % (m['perf_task_clock']['median'] / m['cpu_time_ns']['median']))" "$c5")"
# cycles: measured (statistics, no message) or skipped naming perf_event_open, nothing between
json "$c5" '(lambda m: (m["status"] == "ok" and m["median"] >= 0 and "error_message" not in m) or (m["status"] == "skipped" and m["value"] is None and m["error_message"].startswith("perf_event_open: ")))(d["benchmarks"][0]["metrics"]["perf_cycles"])' \
    "True" "cycles measured, or skipped with perf_event_open's reason"
expect '^  perf shared_add/cpu/threads=2: task-clock [0-9.]+ (ns|µs|ms)/iter, page-faults [0-9.]+/iter' \
    "the console shows each counter's median"
[ "$cyc" = ok ] || expect '^  --counters: not counted on this machine: cycles \(perf_event_open: ' \
    "the console names the counter this machine cannot count"
echo "figures: $("$py" -c "import json,sys; m=json.load(open(sys.argv[1]))['benchmarks'][0]['metrics']; print(', '.join('%s %s %s' % (k, ('%.6f' % m[k]['median']).rstrip('0').rstrip('.') if 'median' in m[k] else '-', m[k].get('error_message', m[k]['unit'])) for k in sorted(m) if k.startswith('perf_')))" "$c5")"
"$py" "$src/tests/integration/validate_result.py" "$src/docs/schema/result.schema.json" "$c5" \
    >"$tmp/schema5.log" 2>&1 || { cat "$tmp/schema5.log" >&2; fail "counters' result.json against its schema"; }
# Google Benchmark's flag, its names in upper case, and BENCH_COUNTERS
status 0 "--benchmark_perf_counters" "$bench" "${quick[@]}" --filter='^shared_add/cpu/threads=1$' \
    --benchmark_perf_counters=TASK_CLOCK,CYCLES --output-dir="$tmp/run6"
json "$tmp/run6/result.json" 'sorted(k for k in d["benchmarks"][0]["metrics"] if k.startswith("perf_"))' \
    "['perf_cycles', 'perf_task_clock']" "GB's names become the counters"
BENCH_COUNTERS=page-faults status 0 "BENCH_COUNTERS" "$bench" "${quick[@]}" \
    --filter='^shared_add/cpu/threads=1$' --output-dir="$tmp/run7"
json "$tmp/run7/result.json" 'sorted(k for k in d["benchmarks"][0]["metrics"] if k.startswith("perf_"))' \
    "['perf_page_faults']" "BENCH_COUNTERS sets the counters"
printf 'run:\n  counters: task-clock,Page_Faults\n' >"$tmp/counters.yaml"
status 0 "bench.yaml run: counters" "$bench" "${quick[@]}" --filter='^shared_add/cpu/threads=1$' \
    --config="$tmp/counters.yaml" --output-dir="$tmp/run9"
json "$tmp/run9/result.json" 'sorted(k for k in d["benchmarks"][0]["metrics"] if k.startswith("perf_"))' \
    "['perf_page_faults', 'perf_task_clock']" "bench.yaml's counters"
printf 'run:\n  counters: task-clock,bogus\n' >"$tmp/bad.yaml"
status 2 "bench.yaml run: counters bogus" "$bench" --config="$tmp/bad.yaml" --output-dir="$tmp/bad0"
expect "counters.*unknown counter 'bogus'" "bench.yaml's unknown counter"
# The gate on a baseline with counters: one that moves with the machine (task-clock, cycles,
# page faults) is compared only when a threshold names it, with its samples' noise; a skipped one
# has a row that says so and never passes; one counted 0 on both sides passes.
"$bench" "${quick[@]}" --filter='^shared_add/cpu/threads=2$' --counters="$ctrs" \
    --metric-threshold=perf_task_clock=50,perf_cycles=5,perf_cpu_migrations=5 \
    --output-dir="$tmp/run8" --baseline="$c5" >"$tmp/out" 2>&1
rc=$?
case $rc in 0 | 1 | 77) ;; *) cat "$tmp/out" >&2; fail "the gate with counters: exit $rc" ;; esac
json "$tmp/run8/gate.json" '[r["verdict"] in ("pass", "improvement", "regression", "inconclusive") and r["change_ci"] is not None for r in d["rows"] if r["metric"] == "perf_task_clock"]' \
    "[True]" "a named perf_task_clock is judged with its noise"
json "$tmp/run8/gate.json" '[r["metric"] for r in d["rows"] if r["metric"] in ("perf_page_faults", "perf_context_switches")]' \
    "[]" "counters no threshold names are not gated"
json "$tmp/run8/gate.json" '[r["verdict"] for r in d["rows"] if r["metric"] == "perf_cycles" and "'"$cyc"'" == "skipped"] in ([], ["skipped"])' \
    "True" "a skipped counter never passes"
if [ "$cyc" != ok ]; then # a named counter skipped on both sides: counted and shown as skipped
    json "$tmp/run8/gate.json" 'd["counts"]["skipped"] >= 1' "True" "gate.json counts the skipped counter"
    "$tmp/prefix/bin/benchgate" compare "$c5" "$tmp/run8/result.json" >"$tmp/out" 2>&1
    expect 'perf_cycles .* skipped: baseline skipped, current skipped: perf_event_open: ' \
        "compare shows the skipped counter's row, with the kernel's reason"
fi
# Broken lists: exit 2 naming the option and the problem, nothing written.
status 2 "an unknown counter" "$bench" --counters=task-clock,bogus --output-dir="$tmp/bad1"
expect "--counters: .*unknown counter 'bogus' \\(known: cycles, instructions" "the unknown name, the known"
status 2 "an empty counter list" "$bench" --counters= --output-dir="$tmp/bad2"
expect "--counters: .*empty" "the empty list"
status 2 "a counter named twice" "$bench" --counters=cycles,CYCLES --output-dir="$tmp/bad3"
expect "--counters: .*names counter 'CYCLES' twice" "the duplicate"
status 2 "an empty counter item" "$bench" --counters=cycles,,task-clock --output-dir="$tmp/bad4"
expect "--counters: .*empty item" "the empty item"
for d in bad0 bad1 bad2 bad3 bad4; do [ ! -e "$tmp/$d" ] || fail "a broken --counters wrote $tmp/$d"; done

# A .complexity word that is not a class: exit 2 naming the family.
sed 's/.complexity = "auto"/.complexity = "n^2"/' features_bench.c >bad_bench.c
printf 'bg_add_benchmark(bad bad_bench.c)\n' >>CMakeLists.txt
cmake --build build >"$tmp/build2.log" 2>&1 || { cat "$tmp/build2.log" >&2; fail "building bad"; }
status 2 "a bad .complexity" build/bench_bad "${quick[@]}" --output-dir="$tmp/run4"
expect 'benchmark pairs: .complexity = "n\^2" is not auto' "the message names family and word"
[ ! -e "$tmp/run4" ] || fail "a bad .complexity wrote $tmp/run4"
echo "PASS"
