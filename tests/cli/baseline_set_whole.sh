#!/usr/bin/env bash
# baseline_set_whole: a baseline set is replaced whole or not at all: a regression in one bench
# writes none; a killed capture's staging folder is removed by the next; captures at the same
# time are serialised, so the set always comes from one run
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, os, sys
src, tmp = sys.argv[1], sys.argv[2]
for run, slow in (("A", 1), ("B", 10), ("C", 1), ("D", 1), ("E", 1)):
    for bench in ("alpha", "beta"):
        d = json.load(open(src))
        d["run"]["run_id"] = "run-" + run
        for b in d["benchmarks"]:  # peak memory: a deterministic figure, gated at 10% and 2 MiB
            b["metrics"]["peak_rss_mb"] = {"status": "ok", "unit": "MiB", "better": "lower",
                                           "value": 130.0 if bench == "beta" and slow != 1 else 100.0}
        os.makedirs("%s/run%s/parts/%s" % (tmp, run, bench))
        json.dump(d, open("%s/run%s/parts/%s/result.json" % (tmp, run, bench), "w"))
PY
ids() { grep -ho '"run_id":[[:space:]]*"[^"]*"' "$TMP"/bl/c1/*.json | sed 's/.*"\(run-.\)"/\1/' | sort | uniq -c | tr -s ' ' | tr '\n' ';'; echo; }
"$BENCHGATE" baseline --run="$TMP/runA" --dir="$TMP/bl" --class=c1 >/dev/null
echo "capture A: exit $?: $(ids)"
"$BENCHGATE" baseline --run="$TMP/runB" --dir="$TMP/bl" --class=c1 >/dev/null
echo "capture B (beta regressed): exit $?: $(ids)"
mkdir "$TMP/bl/.c1.new.999" && echo x >"$TMP/bl/.c1.new.999/alpha.json"
"$BENCHGATE" baseline --run="$TMP/runC" --dir="$TMP/bl" --class=c1 >/dev/null
echo "capture C: exit $?: $(ids)"
find "$TMP/bl" -maxdepth 1 -name '.c1*' | wc -l | tr -d ' '
pids=""
for r in C D E C D E; do
    "$BENCHGATE" baseline --run="$TMP/run$r" --dir="$TMP/bl" --class=c1 >"$TMP/par-$r.$RANDOM" 2>&1 &
    pids="$pids $!"
done
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
echo "6 at once: $failed failed; one run's set: $(ids | grep -cE '^ 2 run-.;$')"
"$BENCHGATE" baseline --run="$TMP/runA" --dir="$TMP/bl" --class=$'bad\nclass' >/dev/null
echo "class with a newline: exit $?"
"$BENCHGATE" baseline --run="$TMP/runA" --dir="$TMP/bl" --class=.hidden >/dev/null
echo "hidden class: exit $?"
