#!/usr/bin/env bash
# bench_dataset_root_missing
# BENCH_DATASET_PATH naming no directory: exit 2, naming the variable
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/nowhere" run --output-dir="$TMP/o"; rc=$?; test ! -e "$TMP/o" || exit 9; exit $rc
