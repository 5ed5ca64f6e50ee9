#!/usr/bin/env bash
# export_junit: errors and the "regression" verdict of verdict.json become failures, skipped
# benchmarks <skipped>; the XML parses and its counts match (check_junit.py)
check="$SRC/tests/integration/check_junit.py"
"$BENCHGATE" export --format=junit "$SRC/fixtures/results/mixed" >"$TMP/mixed.xml" || exit $?
cat "$TMP/mixed.xml"
"$PY" "$check" --tests=3 --failures=2 --skipped=1 --errors=0 --failed=triad/cpu/n=1024 \
    --failed=triad/cpu/n=x1 --skipped-case=triad/cuda/n=1024 "$TMP/mixed.xml" || exit $?
"$BENCHGATE" export --format=junit --output="$TMP/small.xml" "$SRC/fixtures/results/small" || exit $?
"$PY" "$check" --tests=2 --failures=0 --skipped=0 "$TMP/small.xml"
