#!/usr/bin/env bash
# fetch_bad_attempts
"$BENCHGATE" fetch --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --root="$TMP/r" --attempts=0
