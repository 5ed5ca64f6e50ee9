#!/usr/bin/env bash
# sweep_kill_resume: kill -9 a sweep of 300 tiny instances (600 slots) in the middle, with the
# last journal entry cut short as a kill during its write leaves it; --resume takes over every
# complete entry of checkpoint.jsonl (their samples unchanged), measures the rest once, and
# writes one complete result with every instance.
# shellcheck disable=SC2054 # the commas are axis values
B=("$BUILD/tests/test_sweep_bench" --min-time=0.001 --max-time=0.002 --skip-warmup --repetitions=2
   --baseline=off --no-ui --no-cache --format=json,csv --output-dir="$TMP/o"
   --axis=i=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19 --axis=j=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14)
J="$TMP/o/checkpoint.jsonl"
# shellcheck source=tests/cli/journal_kill.bash
. "$SRC/tests/cli/journal_kill.bash"
kill_at_entries 100 "$J" "${B[@]}"
[ -f "$TMP/o/result.json" ] && echo "a result was written before the kill"
printf '{"inst":299,"reps":[1],"state":{"name":"tiny/cpu/i=19/j=14","samp' >>"$J"
done_before=$(journal_entries "$J")
cp "$J" "$TMP/journal"
"${B[@]}" --resume >/dev/null 2>"$TMP/resume.err"
echo "resume exit $?"
"$PY" - "$TMP" "$done_before" <<'PYEOF'
import csv, json, sys
tmp, before = sys.argv[1], int(sys.argv[2])
log = open(tmp + "/resume.err").read()
said = [l for l in log.splitlines() if "slot(s) were done before" in l]
n = int(said[0].split("resuming run ")[1].split(": ")[1].split(" of ")[0]) if said else -1
print("slots taken over: %s" % ("all complete entries" if n == before - 1 + 0 and n >= 100 else n))
measured = sum(1 for l in log.splitlines() if l.startswith("["))
print("measured after resume: %s" % ("the other slots, once" if measured == 600 - n else measured))
lines = open(tmp + "/journal").read().split("\n")
states = {}
for l in lines[1:-1]:
    e = json.loads(l)
    states[e["state"]["name"]] = e["state"]
rows = {}
for r in csv.DictReader(open(tmp + "/o/samples.csv")):
    rows.setdefault(r["benchmark"], []).append(float(r["time_ns"]))
same = all(sorted(rows[k]) == sorted(s[2] for s in v["samples"]) for k, v in states.items()
           if v["reps_done"] == 2)
print("samples of the instances done before: %s" % ("unchanged" if same else "CHANGED"))
d = json.load(open(tmp + "/o/result.json"))
names = [b["name"] for b in d["benchmarks"]]
print("complete=%s benchmarks=%d distinct=%d" % (d["complete"], len(names), len(set(names))))
PYEOF
[ -f "$J" ] || echo "the journal is gone once the run is complete"
