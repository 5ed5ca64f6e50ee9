#!/usr/bin/env bash
# bench_callgrind_figures: instructions counted under callgrind are the only speed figure; the
# time, the rates and the roofline shares (from valgrind's ~50x slower clock) and the resident
# memory (valgrind's) are skipped with the reason, not reported as ok.
# (A committed profile with every ceiling, so the shares exist on any CPU before being skipped.)
BENCHGATE_PROFILE="$SRC/ci/machines/amd-epyc-2c.json" BENCHGATE_COUNTER=callgrind "$BUILD/tests/test_memory_bench" --no-ui --measure=instructions \
    --filter='^roof_' --repetitions=1 --baseline=off --output-dir="$TMP/run" >/dev/null
echo "exit $?"
"$PY" - "$TMP/run/result.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["benchmarks"][0]["metrics"]
for k in ("instructions", "time_ns", "bytes_per_second", "pct_of_peak_bandwidth", "peak_rss_mb",
          "bg_alloc_mb"):
    print(k, m[k]["status"], (m[k].get("error_message") or "")[:60])
PY
BENCHGATE_COUNTER=valgrind "$BUILD/tests/test_memory_bench" --dry-run >/dev/null
echo "bad counter: exit $?"
