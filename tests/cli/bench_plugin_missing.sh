#!/usr/bin/env bash
# bench_plugin_missing: a missing plugin: its metric is an error, the run and time_ns are ok
"$BUILD/benches/bench_triad" --filter="n=1024$" --min-time=0.01 --max-time=0.02 --repetitions=1 --baseline=off --format=json --output-dir="$TMP/run" --plugin="$TMP/none/libgone.so" && "$PY" -c "import json,sys; m=json.load(open(sys.argv[1]))[\"benchmarks\"][0][\"metrics\"]; print(m[\"plugin_gone\"][\"status\"], m[\"time_ns\"][\"status\"])" "$TMP/run/result.json"
