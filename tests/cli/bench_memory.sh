#!/usr/bin/env bash
# bench_memory: peak_rss_mb is the benchmark's own resident growth (96 MiB, then 8 MiB after it:
# not the process's watermark), process_peak_rss_mb the whole process's, bg_alloc_mb what
# bg_alloc gave; memory a benchmark mallocs itself counts too.
"$BUILD/tests/test_memory_bench" --no-ui --min-time=0.01 --max-time=0.02 --repetitions=2 \
    --filter='^mem_' --baseline=off --output-dir="$TMP/run" >/dev/null
echo "exit $?"
"$PY" - "$TMP/run/result.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for b in doc["benchmarks"]:
    m = b["metrics"]
    mib = float(b["name"].split("mib=")[1])
    own, proc, given = (m[k]["value"] for k in ("peak_rss_mb", "process_peak_rss_mb", "bg_alloc_mb"))
    print("%s own %s process-above %s bg_alloc %s" % (
        b["name"], "right" if abs(own - mib) < 2 else "wrong: %.1f" % own,
        "yes" if proc >= own else "no", "%.0f" % given))
PY
