#!/usr/bin/env bash
# compare_regression: a 3x slower copy of a result is a regression (exit 1); --no-fail exits 0
"$BUILD/benches/bench_triad" --no-ui --filter='n=1024$' --repetitions=3 --min-time=0.02 --max-time=0.05 --baseline=off --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
"$PY" - "$TMP/a/result.json" "$TMP/slow.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["benchmarks"][0]["metrics"]["time_ns"]
for k in ("median", "mean", "min", "max", "p50", "p95", "p99"):
    m[k] *= 3.0
m["ci95"] = [x * 3.0 for x in m["ci95"]]
m["repetition_medians"] = [m["median"]] * len(m["repetition_medians"])
json.dump(d, open(sys.argv[2], "w"))
PY
"$BENCHGATE" compare "$TMP/a/result.json" "$TMP/slow.json" --format=md
echo "exit $?"
"$BENCHGATE" compare "$TMP/a/result.json" "$TMP/slow.json" --no-fail >/dev/null
echo "no-fail exit $?"
"$BENCHGATE" compare "$TMP/a" "$TMP/a" --format=json | "$PY" -c 'import json,sys; v = json.load(sys.stdin)["rows"][0]["verdict"]; print("self:", "regression" if v == "regression" else "no regression")'
