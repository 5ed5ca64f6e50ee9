#!/usr/bin/env bash
# counters_kill_resume: kill -9 a sweep with --counters in the middle; --resume takes over the
# journal's complete entries with their counters' figures, so each counter's statistics cover
# every sample of the result (the restored and the new), and a counter this machine cannot count
# (cycles without a PMU) stays skipped with the kernel's reason, not a 0 that reads "ok".
# shellcheck disable=SC2054 # the commas are axis values
B=("$BUILD/tests/test_sweep_bench" --min-time=0.001 --max-time=0.002 --skip-warmup --repetitions=2
   --baseline=off --no-ui --no-cache --format=json --output-dir="$TMP/o"
   --counters=task-clock,page-faults,cycles --axis=i=0,1,2,3,4,5,6,7,8,9 --axis=j=0,1,2,3,4,5,6,7)
J="$TMP/o/checkpoint.jsonl"
# shellcheck source=tests/cli/journal_kill.bash
. "$SRC/tests/cli/journal_kill.bash"
kill_at_entries 40 "$J" "${B[@]}"
cp "$J" "$TMP/journal"
"${B[@]}" --resume >/dev/null 2>"$TMP/resume.err"
echo "resume exit $?"
"$PY" - "$TMP" <<'PYEOF'
import json, sys
tmp = sys.argv[1]
log = open(tmp + "/resume.err").read()
print("slots taken over: %s" % ("some" if "slot(s) were done before" in log else "none"))
lines = open(tmp + "/journal").read().split("\n")
rows = [len(r) for l in lines[1:] if l.strip() for r in json.loads(l)["state"]["samples"]]
print("journal rows: %s" % ("the sample's 6 figures and 3 counters" if rows and set(rows) == {9}
                            else sorted(set(rows))))
d = json.load(open(tmp + "/o/result.json"))
bad = []
for b in d["benchmarks"]:
    m = b["metrics"]
    n = m["time_ns"]["n"]
    for c in ("perf_task_clock", "perf_page_faults"):
        if m[c]["status"] != "ok" or m[c]["n"] != n or len(m[c]["repetition_medians"]) != 2:
            bad.append((b["name"], c, m[c].get("n"), n))
    cyc = m["perf_cycles"]
    if not ((cyc["status"] == "skipped" and cyc["error_message"].startswith("perf_event_open: "))
            or (cyc["status"] == "ok" and cyc["n"] == n)):
        bad.append((b["name"], "perf_cycles", cyc["status"]))
print("counters over every sample: %s" % ("yes, %d benchmarks" % len(d["benchmarks"]) if not bad
                                          else bad[:3]))
PYEOF
