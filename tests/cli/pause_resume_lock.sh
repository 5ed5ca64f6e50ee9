#!/usr/bin/env bash
# pause_resume_lock: a running start is paused (no sample is taken while paused), a second start
# on the same run directory is refused with exit 2 and clobbers nothing, resume finishes the run.
Q=(--build-dir="$BUILD" "--filter=^(overhead/cpu|gatecheck/.*)\$" --repetitions=2 --baseline=off --history=off --no-ui)
"$BENCHGATE" start "${Q[@]}" --min-time=0.4 --max-time=0.5 --output-dir="$TMP/run" >"$TMP/first.out" 2>"$TMP/first.err" &
first=$!
for _ in $(seq 100); do [ -f "$TMP/run/parts/gatecheck/.progress" ] && break; sleep 0.05; done
"$BENCHGATE" pause "$TMP/run" --wait=20 || exit 9
sleep 0.5 # the log lines of the pause reach run.log through start
snapshot() { (cd "$TMP/run" && find . -type f ! -name control.state -exec sha256sum {} + | sort); }
before=$(snapshot)
sleep 1.2
[ "$before" = "$(snapshot)" ] && echo "paused: nothing measured or written for 1.2 s"
grep -q '^paused ' "$TMP/run/control.state" && echo "state: paused"
"$BENCHGATE" start "${Q[@]}" --min-time=0.01 --max-time=0.05 --output-dir="$TMP/run" >"$TMP/second.out"
echo "second start exit $?"
[ "$before" = "$(snapshot)" ] && echo "nothing clobbered"
"$BENCHGATE" resume "$TMP/run" --wait=20 || exit 9
wait "$first"
echo "first start exit $?"
grep -c 'paused at gatecheck' "$TMP/run/run.log" | sed 's/^/pause logged: /'
"$PY" "$SRC/tests/integration/validate_result.py" "$SRC/docs/schema/result.schema.json" "$TMP/run/result.json"
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print('complete=%s benchmarks=%d' % (d['complete'], len(d['benchmarks'])))" "$TMP/run/result.json"
