#!/usr/bin/env bash
# fetch_no_url
# a file without URLs needs a mirror; nothing is left behind
env -u BENCH_DATASET_MIRROR "$BENCHGATE" fetch tiny --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --root="$TMP/r" --attempts=1; rc=$?
echo "left: $(find "$TMP/r" -type f | wc -l)"; exit $rc
