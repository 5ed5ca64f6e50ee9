#!/usr/bin/env bash
# compare_order: with 40 benchmarks, the one regression is the first row, the passes come last
# and, being over 30, are summed up in one line (--all lists them); values carry their units.
"$BUILD/benches/bench_triad" --no-ui --filter='n=1024$' --repetitions=3 --min-time=0.02 --max-time=0.05 --baseline=off --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
"$PY" - "$TMP/a/result.json" "$TMP" <<'PY'
import copy, json, sys
for name, slow in (("base", None), ("cur", "b37")):
    d = json.load(open(sys.argv[1]))
    d["run"].pop("canary", None)
    one = d["benchmarks"][0]
    d["benchmarks"] = []
    for i in range(40):
        b = copy.deepcopy(one)
        b["name"] = "b%02d/cpu/n=1024" % i
        b["family"] = "b%02d" % i
        m = b["metrics"]["time_ns"]
        f = 3.0 if b["family"] == slow else 1.0
        median = m["median"]
        for k in ("median", "mean", "min", "max", "p50", "p95", "p99"):
            m[k] = median * f
        m["ci95"] = [median * f * 0.999, median * f * 1.001]
        m["repetition_medians"] = [median * f * x for x in (0.995, 1.0, 1.005)]
        b["metrics"]["cpu_time_ns"]["median"] *= f
        d["benchmarks"].append(b)
    json.dump(d, open("%s/%s.json" % (sys.argv[2], name), "w"))
PY
"$BENCHGATE" compare "$TMP/base.json" "$TMP/cur.json" >"$TMP/table"
echo "exit $?"
sed -n 2p "$TMP/table" | grep -q '^b37/cpu/n=1024 .* regression' && echo "first row: the regression"
grep -q '^b00/' "$TMP/table" || echo "passes: not listed"
grep -E '^\([0-9]+ pass rows not shown: each within its threshold; benchgate compare --all lists them\)$' "$TMP/table"
grep -qE '^b37/cpu/n=1024 +time_ns +[0-9.]+ (ns|µs) +[0-9.]+ (ns|µs) ' "$TMP/table" && echo "times: with their unit"
"$BENCHGATE" compare "$TMP/base.json" "$TMP/cur.json" --all --format=md >"$TMP/md"
echo "all: $(grep -c '^| `b[0-9]' "$TMP/md") rows, first $(sed -n 3p "$TMP/md" | cut -d'`' -f2)"
"$BENCHGATE" compare "$TMP/base.json" "$TMP/cur.json" --all=yes
echo "all=yes exit $?"
