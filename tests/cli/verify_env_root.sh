#!/usr/bin/env bash
# verify_env_root
# BENCH_DATASET_PATH is the default root (and so the default manifest's folder)
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
BENCH_DATASET_PATH="$TMP/tiny" "$BENCHGATE" verify --dataset=tiny
