#!/usr/bin/env bash
# export_csv: one row per benchmark x metric, with the error message of failed metrics
"$BENCHGATE" export --format=csv "$SRC/fixtures/results/mixed" >"$TMP/mixed.csv" || exit $?
cat "$TMP/mixed.csv"
"$PY" - "$TMP/mixed.csv" "$SRC/fixtures/results/mixed/result.json" <<'PYEOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
doc = json.load(open(sys.argv[2]))
metrics = sum(len(b["metrics"]) for b in doc["benchmarks"])
cols = len(next(csv.reader(open(sys.argv[1], newline=""))))
print("rows=%d metrics=%d columns=%d" % (len(rows), metrics, cols))
PYEOF
