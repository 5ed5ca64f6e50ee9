#!/usr/bin/env bash
unset CI GITHUB_ACTIONS # a CI gate does not reuse unless asked (cli.reuse_env_and_entries checks that)
# reuse_cache: a second run with --reuse takes unchanged instances from the cache (fast, marked
# "reused" with the run they came from); a changed parameter or a changed binary is measured
# again, and --no-cache always measures.
Q=(--build-dir="$BUILD" "--filter=^(overhead/cpu|gatecheck/.*)\$" --min-time=0.05 --max-time=0.1 --repetitions=2 --baseline=off --no-ui --history=off --cache-dir="$TMP/cache")
reused() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(sys.argv[2] + ': ' + ' '.join('%s=%s' % (b['name'], 'reused' if b.get('reused') else 'measured') for b in d['benchmarks']))" "$1/result.json" "$2"; }
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/first" >/dev/null 2>&1 || exit 9
"$BENCHGATE" start "${Q[@]}" --reuse --output-dir="$TMP/second" >/dev/null 2>"$TMP/second.err" || exit 9
reused "$TMP/second" second
first_id=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['run']['run_id'])" "$TMP/first/result.json")
grep -c "\"reused_from\":.*\"$first_id\"" "$TMP/second/result.json" | sed 's/^/reused_from the first run: /'
grep -q 'reused the cached result of run' "$TMP/second.err" && echo "logged"
# reused, not measured again: the figures are the first run's, to the last digit (a time would
# be a timed check on a shared machine)
"$PY" -c "import json,sys; m=[{b['name']: b['metrics']['time_ns']['median'] for b in json.load(open(sys.argv[i] + '/result.json'))['benchmarks']} for i in (1, 2)]; print('second run has the first run\'s medians:', m[0] == m[1])" "$TMP/first" "$TMP/second"
"$BENCHGATE" start "${Q[@]}" --reuse --max-time=0.11 --output-dir="$TMP/third" >/dev/null 2>&1 || exit 9
reused "$TMP/third" third
# a changed parameter of one instance: axis steps=2048 is another instance than steps=4096
G=(--no-ui --baseline=off --min-time=0.02 --max-time=0.05 --repetitions=1 --cache-dir="$TMP/cache3" --format=json)
"$BUILD/benches/bench_gatecheck" "${G[@]}" --output-dir="$TMP/g1" >/dev/null 2>&1 || exit 9
"$BUILD/benches/bench_gatecheck" "${G[@]}" --reuse --axis=steps=4096,2048 --output-dir="$TMP/g2" >/dev/null 2>&1 || exit 9
reused "$TMP/g2" "axis"
"$BENCHGATE" start "${Q[@]}" --reuse --no-cache --output-dir="$TMP/fourth" >/dev/null 2>&1 || exit 9
reused "$TMP/fourth" fourth
# a changed binary: the same bench executable with one more byte at its end
cp "$BUILD/benches/bench_overhead" "$TMP/bench_copy"
B=(--no-ui --baseline=off --min-time=0.02 --max-time=0.05 --repetitions=1 --cache-dir="$TMP/cache2" --format=json)
"$TMP/bench_copy" "${B[@]}" --output-dir="$TMP/c1" >/dev/null 2>&1 || exit 9
"$TMP/bench_copy" "${B[@]}" --reuse --output-dir="$TMP/c2" >/dev/null 2>&1 || exit 9
reused "$TMP/c2" "same binary"
printf '\n' >>"$TMP/bench_copy"
"$TMP/bench_copy" "${B[@]}" --reuse --output-dir="$TMP/c3" >/dev/null 2>&1 || exit 9
reused "$TMP/c3" "changed binary"
"$PY" "$SRC/tests/integration/validate_result.py" "$SRC/docs/schema/result.schema.json" "$TMP/second/result.json" | sed "s#$TMP/##"
