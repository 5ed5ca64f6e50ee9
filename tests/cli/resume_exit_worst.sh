#!/usr/bin/env bash
# resume_exit_worst: a run resumed after kill -9 exits with the worst outcome of all its parts,
# the kept ones included: gpu_triad (every instance skipped here: no GPU, 77) was done before
# the kill, overhead is continued and passes (0), so the run says 77 (it said 0 when only the
# parts it ran again counted).
Q=(--build-dir="$BUILD" "--filter=^(gpu_triad/.*|overhead/cpu)\$" --min-time=0.08 --max-time=0.1 --repetitions=4 --baseline=off --history=off --no-ui)
complete() { "$PY" -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['complete'] else 1)" "$1" 2>/dev/null; }
wait_part() { for _ in $(seq 200); do complete "$1/parts/$2/result.json" && return 0; sleep 0.05; done; return 1; }
wait_slots() { for _ in $(seq 200); do grep -q '"reps":\[' "$1/parts/$2/checkpoint.jsonl" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/r" >/dev/null 2>"$TMP/r1.err" &
pid=$!
wait_part "$TMP/r" gpu_triad || exit 9
wait_slots "$TMP/r" overhead || exit 9
child=$(cat "$TMP/r/parts/overhead/.lock")
kill -9 "$pid" "$child"; wait "$pid" 2>/dev/null
"$BENCHGATE" resume "$TMP/r" --no-ui >"$TMP/r2.out" 2>"$TMP/r2.err"
echo "resume exit $?"
grep -q 'kept gpu_triad' "$TMP/r2.err" && echo "gpu_triad kept, not run again"
grep -o 'results in .* (exit [0-9]*)' "$TMP/r2.out" | sed 's/.*(exit/last line: (exit/'
