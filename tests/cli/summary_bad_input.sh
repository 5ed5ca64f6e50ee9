#!/usr/bin/env bash
# summary_bad_input: a corrupt or missing run among good ones is named; --db without a history
# database yet is named too
printf '{"schema": "benchgate.result/1", "benchmarks": [' >"$TMP/corrupt.json"
"$BENCHGATE" summary "$SRC/fixtures/results/small" "$TMP/corrupt.json"
rc=$?
[ "$rc" = 2 ] || { echo "corrupt input: exit $rc, expected 2"; exit 9; }
"$BENCHGATE" summary --db
rc=$?
[ "$rc" = 2 ] || { echo "--db: exit $rc, expected 2"; exit 9; }
"$BENCHGATE" summary "$SRC/fixtures/results/small" "$TMP/missing-run"
