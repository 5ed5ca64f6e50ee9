#!/usr/bin/env bash
# bench_dataset_tampered
# a tampered dataset stops the run before anything is measured or written
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
flip() { chmod u+w "$1" && printf "\\377" | dd of="$1" bs=1 seek="${2:-10}" conv=notrunc 2>/dev/null && chmod 0444 "$1"; }
flip "$TMP/tiny/tiny-v1/values.csv" 2
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/tiny" run --output-dir="$TMP/o"; rc=$?
test ! -e "$TMP/o" || { echo "$TMP/o was created"; exit 9; }
exit $rc
