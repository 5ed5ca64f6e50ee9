#!/usr/bin/env bash
# start_runs_and_merges
"$BENCHGATE" start --build-dir="$BUILD" --filter="^(overhead/cpu|triad/cpu/n=1024)$" --min-time=0.02 --max-time=0.05 --repetitions=1 --baseline=off --output-dir="$TMP/run" || exit $?
for f in result.json result.csv samples.csv summary.md parts/overhead/run.log; do test -s "$TMP/run/$f" || { echo "missing $f"; exit 9; }; done
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(\"benchmarks=%d complete=%s\" % (len(d[\"benchmarks\"]), d[\"complete\"]))" "$TMP/run/result.json"
