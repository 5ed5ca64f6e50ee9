#!/usr/bin/env bash
# export_csv: one row per benchmark x metric, the columns of result.csv (one layout), with the
# error message of failed metrics and, on every row, the benchmark's status and error_message
# (fixtures/results/hostile: a message with quotes, commas, | and a newline reads back exactly
# with Python's csv module); on a real run, the export read with the same code as the
# run's result.csv gives the same rows (numbers equal but for JSON's last-digit rounding).
"$BENCHGATE" export --format=csv "$SRC/fixtures/results/mixed" >"$TMP/mixed.csv" || exit $?
cat "$TMP/mixed.csv"
"$BENCHGATE" export --format=csv "$SRC/fixtures/results/hostile" >"$TMP/hostile.csv" || exit $?
"$PY" - "$TMP/hostile.csv" "$SRC/fixtures/results/hostile/result.json" <<'PYEOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
doc = json.load(open(sys.argv[2]))
bad = 0
for b in doc["benchmarks"]:
    mine = [r for r in rows if r["benchmark"] == b["name"]]
    bad += len(mine) != len(b["metrics"])
    bad += sum(r["benchmark_status"] != b["status"] or r["error_message"] != (b["error_message"] or "")
               for r in mine)
    print("%s: %d rows, each benchmark_status %s" % (b["status"], len(mine), b["status"]))
print("hostile: rows carrying another status or message: %d" % bad)
PYEOF
"$BUILD/benches/bench_triad" --filter='n=1024$' --repetitions=2 --min-time=0.01 --max-time=0.02 \
    --no-ui --baseline=off --history=off --output-dir="$TMP/run" >/dev/null 2>&1 || exit 9
"$BENCHGATE" export --format=csv --output="$TMP/run/export.csv" "$TMP/run" || exit 9
"$PY" - "$TMP/mixed.csv" "$SRC/fixtures/results/mixed/result.json" "$TMP/run" <<'PYEOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
doc = json.load(open(sys.argv[2]))
metrics = sum(len(b["metrics"]) for b in doc["benchmarks"])
cols = len(next(csv.reader(open(sys.argv[1], newline=""))))
print("rows=%d metrics=%d columns=%d" % (len(rows), metrics, cols))
def read(path):
    return list(csv.DictReader(open(path, newline="")))
run, export = read(sys.argv[3] + "/result.csv"), read(sys.argv[3] + "/export.csv")
def same(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return abs(x - y) <= 1e-12 * max(abs(x), abs(y))
diff = [(r["metric"], k) for r, e in zip(run, export) for k in r if not same(r[k], e[k])]
print("export vs result.csv: %d rows each, same header: %s, differing cells: %s" % (
    len(run), list(run[0]) == list(export[0]) and len(run) == len(export), diff or "none"))
PYEOF
