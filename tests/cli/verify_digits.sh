#!/usr/bin/env bash
# verify_digits
# a copy of the committed digits dataset verifies
mkdir -p "$TMP/ds/baseline" && cp "$SRC/datasets/datasets.yaml" "$TMP/ds/" && cp -R "$SRC/datasets/baseline/digits-v1" "$TMP/ds/baseline/" && chmod 0444 "$TMP"/ds/baseline/digits-v1/* || exit 9
"$BENCHGATE" verify --dataset=digits --root="$TMP/ds"
