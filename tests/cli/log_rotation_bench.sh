#!/usr/bin/env bash
# log_rotation_bench: run.log rotates at log_max_mb and keeps log_backups backups (from
# bench.yaml here; the flags and BENCH_LOG_* work the same way)
printf 'version: 1\nrun:\n  log_max_mb: 0.001\n  log_backups: 2\n' >bench.yaml
for _ in 1 2 3 4 5 6 7 8; do # the same folder 8 times: a finished run's result.json goes first
    rm -f "$TMP/run/result.json"
    "$BUILD/benches/bench_overhead" --config=bench.yaml --no-ui --baseline=off --min-time=0.005 --max-time=0.01 --repetitions=3 --format=json --output-dir="$TMP/run" >/dev/null 2>&1 || exit 9
done
for f in run.log run.log.1 run.log.2 run.log.3; do
    if [ -f "$TMP/run/$f" ]; then echo "$f: $(($(wc -c <"$TMP/run/$f") <= 1048)) lines=$(wc -l <"$TMP/run/$f" | tr -d ' ')"; else echo "$f: absent"; fi
done | sed 's/lines=[0-9]*/lines=N/'
"$PY" -c "import json,sys; c=json.load(open(sys.argv[1]))['run']['config']; print('recorded:', c['log_max_mb'], c['log_backups'], c['sources']['log_backups'])" "$TMP/run/result.json"
"$BUILD/benches/bench_overhead" --log-backups=101 --no-ui; echo "out of range: exit $?"
