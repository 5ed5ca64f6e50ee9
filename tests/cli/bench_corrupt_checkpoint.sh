#!/usr/bin/env bash
# bench_corrupt_checkpoint: --resume with a checkpoint.jsonl whose header is not JSON says so (file, line
# and column) and measures every instance again; before, it was dropped without a word.
B=("$BUILD/benches/bench_overhead" --min-time=0.01 --max-time=0.02 --repetitions=1 --baseline=off --no-ui --format=json --output-dir="$TMP/o")
mkdir -p "$TMP/o"
printf '{"schema": "benchgate.checkpoint/2", "slots": [[0, 0]\n' >"$TMP/o/checkpoint.jsonl"
"${B[@]}" --resume >/dev/null || exit 9
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print('measured again: %d instance(s), complete=%s' % (len(d['benchmarks']), d['complete']))" "$TMP/o/result.json"
grep -c 'the checkpoint cannot be read' "$TMP/o/run.log" | sed 's/^/in run.log: /'
