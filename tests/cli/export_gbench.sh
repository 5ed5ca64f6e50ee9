#!/usr/bin/env bash
# export_gbench: Google Benchmark JSON as github-action-benchmark (googlecpp), Bencher
# (cpp_google) and compare.py read it (check_gbench.py): one entry per repetition and
# aggregates; one entry and no aggregates without repetition_medians; ok benchmarks and the
# failed one (error_occurred, its message), not the skipped one
check="$SRC/tests/integration/check_gbench.py"
fx="$SRC/fixtures/results"
for run in small no_reps mixed; do
    "$BENCHGATE" export --format=gbench --output="$TMP/$run.json" "$fx/$run" || exit $?
done
"$PY" "$check" --runs=2 --aggregates=yes "$TMP/small.json" || exit $?
"$PY" "$check" --runs=2 --aggregates=no "$TMP/no_reps.json" || exit $?
"$PY" "$check" --runs=2 --aggregates=yes "$TMP/mixed.json" || exit $?
grep -F '"error_message":' "$TMP/mixed.json"
grep -F '"library_build_type":' "$TMP/small.json"
