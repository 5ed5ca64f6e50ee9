#!/usr/bin/env bash
# history_summary_classes: the same benchmark recorded on two machine classes, interleaved in
# time, is two trends in summary --db (table, csv and json), each over its own machine's runs
# alone: no change across machines (issue 36: 171.8 ns on one class, 312.3 ns on the other was
# shown as one line, +81.80%).
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PYEOF' || exit 9
import json, os, sys
src, tmp = sys.argv[1], sys.argv[2]
for i, (cls, v) in enumerate([("fast-box", 171.8), ("slow-box", 312.3), ("fast-box", 172.0),
                              ("slow-box", 313.0)]):
    d = json.load(open(src))
    d["run"]["run_id"] = "run-%d" % i
    d["run"]["timestamp"] = "2026-01-0%dT00:00:00Z" % (i + 1)
    d["system"]["machine_class"] = cls
    d["benchmarks"] = [b for b in d["benchmarks"] if b["name"] == "overhead/cpu"]
    m = d["benchmarks"][0]["metrics"]["time_ns"]
    m["median"] = v
    os.makedirs("%s/r%d" % (tmp, i))
    json.dump(d, open("%s/r%d/result.json" % (tmp, i), "w"))
PYEOF
for i in 0 1 2 3; do "$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/r$i" >/dev/null || exit 9; done
"$BENCHGATE" summary --db="$TMP/h.sqlite" | tr -s ' '
"$BENCHGATE" summary --db="$TMP/h.sqlite" --format=csv | cut -d, -f1,5,7,8,9,15
"$BENCHGATE" summary --db="$TMP/h.sqlite" --format=json >"$TMP/s.json" || exit 9
"$PY" - "$TMP/s.json" <<'PYEOF'
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
for r in rows:
    print("json %s %s: %s" % (r["benchmark"], r["machine_class"], [v["value"] for v in r["values"]]))
PYEOF
