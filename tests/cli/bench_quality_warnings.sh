#!/usr/bin/env bash
# bench_quality_warnings: a missed noise target is said on the console and kept in result.json
# ("warnings"), so a figure that is less sure than asked never passes unseen
"$BUILD/benches/bench_triad" --filter='n=1024$' --min-time=0.01 --max-time=0.02 --max-noise=0.001 \
    --repetitions=2 --baseline=off --no-ui --output-dir="$TMP/r" >/dev/null
echo "exit $?"
"$PY" -c 'import json,sys; b=json.load(open(sys.argv[1]))["benchmarks"][0]; print("in result.json:", any("noise target 0.001% missed in 2 of 2" in w for w in b["warnings"]))' "$TMP/r/result.json"
