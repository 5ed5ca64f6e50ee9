#!/usr/bin/env bash
# compare_canary: a run 3x slower is a regression on an unchanged machine, but when the
# machine's own speed (the canary) moved by as much, it is noise: inconclusive, never regression;
# one disturbed canary point is not the machine moving; waiting for a CPU is noise too
"$BUILD/benches/bench_gatecheck" --no-ui --baseline=off --repetitions=3 --min-time=0.02 --max-time=0.05 --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
"$PY" - "$TMP" <<'PY'
import json, sys
tmp = sys.argv[1]
steady = {"compute_ns": [30000.0] * 4, "vector_ns": [15000.0] * 4, "memory_ns": [140000.0] * 4}
d = json.load(open(tmp + "/a/result.json"))
d["run"]["canary"] = steady  # a steady machine during the baseline (not this test's own noise)
json.dump(d, open(tmp + "/base.json", "w"))
for name, machine in (("code", 1.0), ("machine", 3.0)):
    d = json.load(open(tmp + "/a/result.json"))
    m = d["benchmarks"][0]["metrics"]["time_ns"]
    for k in ("median", "mean", "min", "max", "p50", "p95", "p99"):
        m[k] *= 3.0
    m["ci95"] = [x * 3.0 for x in m["ci95"]]
    m["repetition_medians"] = [x * 3.0 for x in m["repetition_medians"]]
    d["benchmarks"][0]["metrics"]["cpu_time_ns"]["median"] *= 3.0  # slower code: CPU time too
    d["run"]["canary"] = {k: [x * machine for x in v] for k, v in steady.items()}
    json.dump(d, open("%s/%s.json" % (tmp, name), "w"))
# one disturbed point of each canary (a page fault, an interrupt) is not the machine moving
d = json.load(open(tmp + "/code.json"))
d["run"]["canary"] = {k: [v[0] * 1.4] + v[1:] for k, v in steady.items()}
json.dump(d, open(tmp + "/outlier.json", "w"))
# two points 3x slower: the machine changed for a while during the run (the median moved not)
d = json.load(open(tmp + "/code.json"))
d["run"]["canary"] = dict(steady, compute_ns=[90000.0, 90000.0, 30000.0, 30000.0, 30000.0])
json.dump(d, open(tmp + "/spell.json", "w"))
# wall time 3x with the CPU time unchanged: the process waited for a CPU (more runnable threads
# than cores), which the short canaries, taken as medians, do not see
d = json.load(open(tmp + "/code.json"))
d["benchmarks"][0]["metrics"]["cpu_time_ns"]["median"] /= 3.0
json.dump(d, open(tmp + "/waited.json", "w"))
PY
for case in code machine outlier spell waited; do
    "$BENCHGATE" compare "$TMP/base.json" "$TMP/$case.json" --metric=time_ns --format=json |
        "$PY" -c 'import json,sys; r=json.load(sys.stdin)["rows"][0]; print(sys.argv[1], r["verdict"], "(canary)" if "canary" in r["note"] else "(waited for a CPU)" if "waited for a CPU" in r["note"] else "")' "$case"
done
