#!/usr/bin/env bash
# fetch_unknown_dataset
"$BENCHGATE" fetch nope --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --root="$TMP/r"
