#!/usr/bin/env bash
# bench_dataset_missing_file
# a missing dataset file stops the run, naming the file
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
chmod u+w "$TMP/tiny/tiny-v1/labels.csv" && rm "$TMP/tiny/tiny-v1/labels.csv"
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/tiny" run --output-dir="$TMP/o"; rc=$?; test ! -e "$TMP/o" || exit 9; exit $rc
