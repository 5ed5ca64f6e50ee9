#!/usr/bin/env bash
# summary_two_runs: two real runs of bench_overhead and bench_triad summarised: runs=2 each
for run in a b; do
    "$BENCHGATE" start --build-dir="$BUILD" --filter='^(overhead/cpu|triad/cpu/n=1024)$' \
        --min-time=0.01 --max-time=0.02 --repetitions=2 --baseline=off \
        --output-dir="$TMP/$run" >/dev/null || exit $?
done
"$BENCHGATE" summary "$TMP/a" "$TMP/b/result.json" || exit $?
"$BENCHGATE" summary --format=json "$TMP/a" "$TMP/b" >"$TMP/summary.json" || exit $?
"$PY" - "$TMP/summary.json" <<'PYEOF'
import json, sys
def strict(name):
    raise ValueError("not strict JSON: " + name)
doc = json.load(open(sys.argv[1]), parse_constant=strict)
for r in doc["rows"]:
    ordered = r["min"] <= r["median"] <= r["max"]
    print("%s %s runs=%d ordered=%s machines=%d" % (r["benchmark"], r["metric"], r["runs"],
                                                   ordered, len(r["machines"])))
PYEOF
"$BENCHGATE" summary --format=csv "$TMP/a" "$TMP/b" | head -n 1
