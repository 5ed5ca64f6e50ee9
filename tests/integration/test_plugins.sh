#!/usr/bin/env bash
# test_plugins.sh MODE BUILD_DIR - metric plugins (--plugin=FILE.so) in a bench executable.
#
# MODE: tail_ratio - the example plugin: tail_ratio_p99_p50, mad and mad_pct are ok and equal
#                    to the same figures computed here from samples.csv; also through
#                    BENCH_PLUGINS and bench.yaml (run: plugins: [...]);
#       broken     - each broken plugin (wrong ABI, error, NaN, crash, scribbles on its input,
#                    no entry point, bad metric name, hangs: BENCHGATE_PLUGIN_TIMEOUT=1) and
#                    a missing file: the run exits 0, the
#                    plugin's metric has status "error" with the reason, a warning is logged,
#                    and the instruction counts (deterministic) are identical to a run without
#                    the plugin: a broken plugin never changes a benchmark's figures.
# Exit: 0 pass, 1 fail, 77 skipped (no python3).
set -u
mode=$1 build=$2
bench="$build/benches/bench_triad"
plugins="$build/tests/plugins"

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-plugins.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# The messages of FILE, each on one line: a message wrapped to the width goes on in lines
# indented by two blanks (docs/reporting.md), joined back here.
joined() {
    awk 'NR > 1 && /^  [^ ]/ { line = line " " substr($0, 3); next }
         NR > 1 { print line } { line = $0 } END { if (NR) print line }' "$1"
}
fail() {
    echo "FAIL ($mode): $*"
    echo "--- stderr"; cat "$tmp/err" 2>/dev/null
    exit 1
}
cd "$tmp" || exit 1
common="--filter=n=(1024|32768)$ --baseline=off --no-ui --format=json,csv --history=off"

run() { # run OUT_DIR [flags...]: the bench into OUT_DIR; fails the test on a non-zero exit
    out=$1
    shift
    # shellcheck disable=SC2086 # $common holds several flags
    "$bench" $common --output-dir="$tmp/$out" "$@" >"$tmp/out" 2>"$tmp/err" ||
        fail "$out: exit $? (expected 0)"
}

check_tail() { # check_tail RUN_DIR: the plugin's figures, recomputed from samples.csv
    python3 - "$1" <<'EOF' || fail "$1: the plugin's metrics are wrong"
import csv, json, math, os, sys
run = sys.argv[1]
doc = json.load(open(os.path.join(run, "result.json")))
samples = {}
for r in csv.DictReader(open(os.path.join(run, "samples.csv"))):
    samples.setdefault(r["benchmark"], []).append(float(r["time_ns"]))

def q(v, p):
    pos = p * (len(v) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)

for b in doc["benchmarks"]:
    m = b["metrics"]
    v = sorted(samples[b["name"]])
    p50, p99 = q(v, 0.5), q(v, 0.99)
    mad = q(sorted(abs(x - p50) for x in v), 0.5)
    for name, want in (("tail_ratio_p99_p50", p99 / p50), ("mad", mad),
                       ("mad_pct", 100 * mad / p50)):
        got = m[name]
        assert got["status"] == "ok", (name, got)
        assert math.isclose(got["value"], want, rel_tol=1e-9, abs_tol=1e-12), (name, got, want)
    assert m["tail_ratio_p99_p50"]["value"] >= 1 and m["tail_ratio_p99_p50"]["unit"] == "ratio"
    assert m["mad"]["unit"] == "ns" and m["time_ns"]["status"] == "ok"
print("tail_ratio ok:", run)
EOF
}

if [ "$mode" = tail_ratio ]; then
    so="$build/plugins/libbg_tail_ratio.so"
    run flag --repetitions=2 --min-time=0.01 --max-time=0.03 --plugin="$so"
    check_tail "$tmp/flag"
    grep -q "^triad/cpu/n=1024,triad,cpu,tail_ratio_p99_p50,ok,ratio," "$tmp/flag/result.csv" ||
        fail "result.csv lacks the plugin's metric"
    BENCH_PLUGINS="$so" run env --repetitions=1 --min-time=0.01 --max-time=0.02
    check_tail "$tmp/env"
    printf 'version: 1\nrun:\n  plugins: ["%s"]\n' "$so" >"$tmp/bench.yaml"
    run yaml --config="$tmp/bench.yaml" --repetitions=1 --min-time=0.01 --max-time=0.02
    check_tail "$tmp/yaml"
    echo "ok ($mode)"
    exit 0
fi
[ "$mode" = broken ] || fail "unknown mode"

# The reference: instruction counts without any plugin. Where they cannot be counted (no
# perf_event_open and a sanitizer build that valgrind cannot run), time mode, where only the
# statuses can be compared.
measure=--measure=instructions
# shellcheck disable=SC2086 # $common holds several flags
if ! "$bench" $common --output-dir="$tmp/ref" $measure >"$tmp/out" 2>"$tmp/err" ||
    ! python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if all(b['metrics']['instructions']['status'] == 'ok' for b in d['benchmarks']) else 1)
" "$tmp/ref/result.json"; then
    echo "note: instructions cannot be counted here; comparing statuses in time mode"
    measure="--min-time=0.01 --max-time=0.02 --repetitions=1"
    # shellcheck disable=SC2086 # $measure holds several flags
    run ref $measure
fi

i=0
for case in "1:bg_broken_plugin_1:plugin_bg_broken_plugin_1:plugin ABI version 42, this benchgate needs 1" \
    "2:bg_broken_plugin_2:broken_value:broken failed: refusing on purpose" \
    "3:bg_broken_plugin_3:broken_value:(not a finite number)" \
    "4:bg_broken_plugin_4:broken_value:crashed (signal 11" \
    "5:bg_broken_plugin_5:broken_value:" \
    "6:bg_broken_plugin_6:plugin_bg_broken_plugin_6:no bg_plugin_entry() or it returned NULL" \
    "7:bg_broken_plugin_7:plugin_bad_name:returned the metric name 'Bad Name!'" \
    "9:bg_broken_plugin_8:broken_value:did not finish within 1.0 s (killed)" \
    "8:missing:plugin_missing:cannot load: "; do
    i=$((i + 1))
    n=${case%%:*} rest=${case#*:}
    lib=${rest%%:*} rest=${rest#*:}
    metric=${rest%%:*} why=${rest#*:}
    so="$plugins/lib$lib.so"
    [ "$n" = 8 ] && so="$tmp/nowhere/libmissing.so"
    [ "$n" = 8 ] || [ -f "$so" ] || fail "$so was not built"
    # shellcheck disable=SC2086 # $measure holds several flags
    BENCHGATE_PLUGIN_TIMEOUT=1 run "p$n" $measure --plugin="$so"
    [ -n "$why" ] && { joined "$tmp/err" | grep -qF "warning: plugin $so: " ||
        fail "case $n: no warning"; }
    python3 - "$tmp/ref/result.json" "$tmp/p$n/result.json" "$metric" "$why" <<'EOF' ||
import json, sys
ref, got = (json.load(open(p)) for p in sys.argv[1:3])
metric, why = sys.argv[3], sys.argv[4]
assert [b["name"] for b in ref["benchmarks"]] == [b["name"] for b in got["benchmarks"]]
for r, g in zip(ref["benchmarks"], got["benchmarks"]):
    assert g["status"] == "ok", g["name"]
    if r["metrics"]["instructions"]["status"] == "ok":
        assert r["metrics"]["instructions"] == g["metrics"]["instructions"], "instructions changed"
    assert g["metrics"]["time_ns"]["status"] == r["metrics"]["time_ns"]["status"], "time_ns"
    m = g["metrics"][metric]
    if why:
        assert m["status"] == "error" and m["value"] is None, m
        assert why in m["error_message"] and "plugin " in m["error_message"], m
    else:  # scribbled on its copy of the samples: its own figure is fine, nothing else moved
        assert m["status"] == "ok", m
print("case ok:", metric, m["status"], m.get("error_message", ""))
EOF
        fail "case $n ($lib)"
    grep -q "nan\|NaN" "$tmp/p$n/samples.csv" && fail "case $n: samples.csv holds NaN"
done
echo "ok ($mode: $i cases)"
