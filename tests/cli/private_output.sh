#!/usr/bin/env bash
# private_output: --private makes the run directory 0700 and its files 0600
"$BUILD/benches/bench_overhead" --no-ui --baseline=off --private --min-time=0.01 --max-time=0.02 --repetitions=1 --output-dir="$TMP/p/run" >/dev/null 2>&1 || exit 9
stat -c '%a %n' "$TMP/p/run" "$TMP/p/run/result.json" "$TMP/p/run/samples.csv" "$TMP/p/run/run.log" | sed "s#$TMP/##"
