#!/usr/bin/env bash
# fetch_insecure_warns
"$BENCHGATE" fetch --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --root="$TMP/r" --mirror="file://$SRC/fixtures/datasets/tiny" --insecure
