#!/usr/bin/env bash
# history_summary_db: two runs of benchgate start are recorded in the run history; benchgate
# history lists them, and summary --db gives, per benchmark, exactly the medians of the result
# files and the same median over runs as benchgate summary of the run directories.
Q=(--build-dir="$BUILD" "--filter=^(overhead/cpu|gatecheck/.*)\$" --min-time=0.01 --max-time=0.05 --repetitions=2 --baseline=off --no-ui --history="$TMP/h.sqlite")
for r in a b; do "$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/$r" >/dev/null 2>&1 || exit 9; done
"$BENCHGATE" history --db="$TMP/h.sqlite" --last=5 || exit 9
"$BENCHGATE" history --db="$TMP/h.sqlite" --format=json >"$TMP/runs.json" || exit 9
"$BENCHGATE" summary --db="$TMP/h.sqlite" --last=2 || exit 9
"$BENCHGATE" summary --db="$TMP/h.sqlite" --last=2 --format=json >"$TMP/db.json" || exit 9
"$BENCHGATE" summary --format=json "$TMP/a" "$TMP/b" >"$TMP/files.json" || exit 9
"$BENCHGATE" summary --db="$TMP/h.sqlite" --filter='^gatecheck' --format=csv | cut -d, -f1,5
"$PY" - "$TMP" <<'PYEOF'
import json, sqlite3, sys
tmp = sys.argv[1]
listed = json.load(open(tmp + "/runs.json"))
runs = listed["runs"]
print("history schema: %s" % listed["schema"])
print("history lists %d runs, complete: %s" % (len(runs), all(r["complete"] for r in runs)))
db = {r["benchmark"]: r for r in json.load(open(tmp + "/db.json"))["rows"]}
files = {r["benchmark"]: r for r in json.load(open(tmp + "/files.json"))["rows"] if r["kind"] == "primary"}
for name in sorted(files):
    per_run = []
    for run in ("a", "b"):
        doc = json.load(open("%s/%s/result.json" % (tmp, run)))
        per_run += [b["metrics"]["time_ns"]["median"] for b in doc["benchmarks"] if b["name"] == name]
    values = [v["value"] for v in db[name]["values"]]
    print("%s: values match the files: %s; median matches summary: %s" % (
        name, values == per_run, db[name]["median"] == files[name]["median"]))
c = sqlite3.connect(tmp + "/h.sqlite")
print("integrity:", c.execute("pragma integrity_check").fetchone()[0],
      "schema version:", c.execute("pragma user_version").fetchone()[0],
      "samples:", c.execute("select count(*) > 0 from samples").fetchone()[0])
PYEOF
