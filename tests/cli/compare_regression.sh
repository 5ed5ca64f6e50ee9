#!/usr/bin/env bash
# compare_regression: a 3x slower copy of a result is a regression (exit 1); --no-fail exits 0
"$BUILD/benches/bench_triad" --no-ui --filter='n=1024$' --repetitions=3 --min-time=0.02 --max-time=0.05 --baseline=off --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
"$PY" - "$TMP/a/result.json" "$TMP" <<'PY'
import json, sys
# controlled inputs: tight repetitions and no canary, so the machine's own noise under CI load
# cannot decide the verdict (compare_canary and the unit tests cover the noise handling)
for name, factor in (("base", 1.0), ("slow", 3.0)):
    d = json.load(open(sys.argv[1]))
    d["run"].pop("canary", None)
    m = d["benchmarks"][0]["metrics"]["time_ns"]
    median = m["median"]
    for k in ("median", "mean", "min", "max", "p50", "p95", "p99"):
        m[k] = median * factor
    m["ci95"] = [median * factor * 0.999, median * factor * 1.001]
    m["repetition_medians"] = [median * factor * x for x in (0.995, 1.0, 1.005)]
    # slower code takes CPU time as well (only waiting for a CPU stretches wall time alone)
    d["benchmarks"][0]["metrics"]["cpu_time_ns"]["median"] = median * factor
    json.dump(d, open("%s/%s.json" % (sys.argv[2], name), "w"))
PY
"$BENCHGATE" compare "$TMP/base.json" "$TMP/slow.json" --format=md
echo "exit $?"
"$BENCHGATE" compare "$TMP/base.json" "$TMP/slow.json" --no-fail >/dev/null
echo "no-fail exit $?"
"$BENCHGATE" compare "$TMP/a" "$TMP/a" --format=json | "$PY" -c 'import json,sys; v = json.load(sys.stdin)["rows"][0]["verdict"]; print("self:", "regression" if v == "regression" else "no regression")'
