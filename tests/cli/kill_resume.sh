#!/usr/bin/env bash
# kill_resume: kill -9 benchgate start in the middle of a run (its bench executable gets SIGTERM
# and writes a partial result), then kill -9 start and its bench executable together; each time
# `benchgate resume` keeps the complete parts untouched, continues the interrupted one from its
# checkpoint, and ends with one complete, valid result.json that holds every benchmark once.
Q=(--build-dir="$BUILD" "--filter=^(overhead/cpu|gatecheck/.*|triad/cpu/n=1024)\$" --min-time=0.08 --max-time=0.1 --repetitions=4 --baseline=off --history="$TMP/history.sqlite" --no-ui)
complete() { "$PY" -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['complete'] else 1)" "$1" 2>/dev/null; }
# wait_part RUN NAME: until parts/NAME/result.json is complete
wait_part() { for _ in $(seq 200); do complete "$1/parts/$2/result.json" && return 0; sleep 0.05; done; return 1; }
# wait_slots RUN NAME N: until the checkpoint of parts/NAME holds N slots
wait_slots() { for _ in $(seq 200); do [ "$(grep -c '"reps":\[' "$1/parts/$2/checkpoint.jsonl" 2>/dev/null)" -ge "$3" ] && return 0; sleep 0.05; done; return 1; }
check() { # RUN LABEL
    "$PY" - "$1" "$2" <<'PYEOF'
import collections, json, sys
run, label = sys.argv[1], sys.argv[2]
d = json.load(open(run + "/result.json"))
names = [b["name"] for b in d["benchmarks"]]
dups = [n for n, c in collections.Counter(names).items() if c > 1]
reps = sorted({b["metrics"]["time_ns"]["noise"]["repetitions"] for b in d["benchmarks"]})
print("%s: complete=%s benchmarks=%d duplicates=%d repetitions=%s" % (label, d["complete"], len(names), len(dups), reps))
PYEOF
    "$PY" "$SRC/tests/integration/validate_result.py" "$SRC/docs/schema/result.schema.json" "$1/result.json" | sed "s#$1#$2#"
}

# 1. kill -9 start alone, while overhead (the second executable) runs
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/a" >/dev/null 2>"$TMP/a1.err" &
pid=$!
wait_part "$TMP/a" gatecheck || exit 9
wait_slots "$TMP/a" overhead 1 || exit 9
kill -9 "$pid"; wait "$pid" 2>/dev/null
for _ in $(seq 100); do flock -n "$TMP/a/parts/overhead/.lock" true && break; sleep 0.05; done
sum=$(sha256sum <"$TMP/a/parts/gatecheck/result.json")
complete "$TMP/a/parts/overhead/result.json" || echo "a: the interrupted executable wrote a partial result"
tail -n +2 "$TMP/a/parts/overhead/samples.csv" | sort >"$TMP/a.partial"
"$BENCHGATE" resume "$TMP/a" --no-ui >/dev/null 2>"$TMP/a2.err"
echo "a: resume exit $?"
[ "$sum" = "$(sha256sum <"$TMP/a/parts/gatecheck/result.json")" ] && echo "a: complete part untouched"
grep -q 'kept gatecheck' "$TMP/a2.err" && echo "a: gatecheck kept, not run again"
grep -q 'overhead.*slot(s) were done before' "$TMP/a/run.log" && echo "a: overhead continued from its checkpoint"
tail -n +2 "$TMP/a/parts/overhead/samples.csv" | sort | comm -23 "$TMP/a.partial" - | wc -l | sed 's/^ */a: samples lost: /'
check "$TMP/a" a

# 2. kill -9 start and its bench executable together (nothing gets to write a partial result)
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/b" >/dev/null 2>"$TMP/b1.err" &
pid=$!
wait_part "$TMP/b" gatecheck || exit 9
wait_slots "$TMP/b" overhead 2 || exit 9
child=$(cat "$TMP/b/parts/overhead/.lock")
kill -9 "$pid" "$child"; wait "$pid" 2>/dev/null
sum=$(sha256sum <"$TMP/b/parts/gatecheck/result.json")
"$BENCHGATE" start --resume="$TMP/b" --no-ui >/dev/null 2>"$TMP/b2.err"
echo "b: resume exit $?"
[ "$sum" = "$(sha256sum <"$TMP/b/parts/gatecheck/result.json")" ] && echo "b: complete part untouched"
grep -q 'overhead.*slot(s) were done before' "$TMP/b/run.log" && echo "b: overhead continued from its checkpoint"
check "$TMP/b" b
"$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('history:', c.execute('pragma integrity_check').fetchone()[0], c.execute('select count(*) from runs where complete=1').fetchone()[0], 'complete run(s)')" "$TMP/history.sqlite"
