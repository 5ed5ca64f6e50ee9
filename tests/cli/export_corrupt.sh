#!/usr/bin/env bash
# export_corrupt: a truncated result, another schema and a non-finite number are refused
head -c 300 "$SRC/fixtures/results/small/result.json" >"$TMP/truncated.json"
sed 's#benchgate.result/1#benchgate.result/9#' "$SRC/fixtures/results/small/result.json" >"$TMP/other.json"
sed '0,/"median":[^,]*/s//"median": 1e999/' "$SRC/fixtures/results/small/result.json" >"$TMP/inf.json"
for f in truncated other; do
    "$BENCHGATE" export --format=gbench "$TMP/$f.json"
    rc=$?
    [ "$rc" = 2 ] || { echo "$f.json: exit $rc, expected 2"; exit 9; }
done
"$BENCHGATE" export --format=json "$TMP/inf.json"
