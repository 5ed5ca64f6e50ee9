#!/usr/bin/env bash
# verify_unknown_dataset
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
"$BENCHGATE" verify --dataset=digits --root="$TMP/tiny"
