#!/usr/bin/env bash
# bench_deleted_body: a loop body the compiler removed ends the instance at once with an error
# naming bg_do_not_optimize (it used to calibrate to 2^40 iterations and sample for minutes)
timeout 60 "$BUILD/tests/test_empty_bench" --no-ui --format=json --output-dir="$TMP/run"
echo "exit $?"
grep -c '"status":[[:space:]]*"error"' "$TMP/run/result.json"
timeout 60 "$BUILD/tests/test_empty_bench" --no-ui --max-time=0.1 --min-time=0.5 --output-dir="$TMP/t"
echo "max below min: exit $? $(test -e "$TMP/t" && echo written || echo nothing written)"
