#!/usr/bin/env bash
# history_concurrent_first_use: eight runs recorded at once into a history that does not exist
# yet: every one succeeds (the schema is created once, under a write lock) and all are listed
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, os, sys
src, tmp = sys.argv[1], sys.argv[2]
for i in range(8):
    d = json.load(open(src))
    d["run"]["run_id"] = "20260101-00000%d-%d" % (i, 1000 + i)
    os.makedirs("%s/run%d" % (tmp, i))
    json.dump(d, open("%s/run%d/result.json" % (tmp, i), "w"))
PY
for round in 1 2 3; do
    rm -f "$TMP"/h.sqlite*
    pids=""
    for i in 0 1 2 3 4 5 6 7; do
        "$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/run$i" >"$TMP/out$i" 2>&1 &
        pids="$pids $!"
    done
    failed=0
    for p in $pids; do wait "$p" || failed=$((failed + 1)); done
    listed=$("$BENCHGATE" history --db="$TMP/h.sqlite" --last=100 | grep -c '^20260101-')
    echo "round $round: $failed failed, $listed listed"
    [ "$failed" = 0 ] || cat "$TMP"/out* >&2
done
