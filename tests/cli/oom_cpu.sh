#!/usr/bin/env bash
# oom_cpu: an axis far too large is an error metric and a logged message; the run goes on (exit 3)
"$BUILD/benches/bench_triad" --no-ui --baseline=off --axis=n=1024,4T --repetitions=1 --min-time=0.01 --max-time=0.02 --output-dir="$TMP/o"
rc=$?
"$PY" - "$TMP/o/result.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for b in d["benchmarks"]:
    print(b["name"], b["status"], b["metrics"]["time_ns"]["status"], (b["error_message"] or "")[:33])
PY
grep -c "out of memory: asked" "$TMP/o/run.log"
exit $rc
