#!/usr/bin/env bash
# verify_flipped_byte
# one flipped byte: verify names the file and fails
mkdir -p "$TMP/ds/baseline" && cp "$SRC/datasets/datasets.yaml" "$TMP/ds/" && cp -R "$SRC/datasets/baseline/digits-v1" "$TMP/ds/baseline/" && chmod 0444 "$TMP"/ds/baseline/digits-v1/* || exit 9
flip() { chmod u+w "$1" && printf "\\377" | dd of="$1" bs=1 seek="${2:-10}" conv=notrunc 2>/dev/null && chmod 0444 "$1"; }
flip "$TMP/ds/baseline/digits-v1/train.csv" 1000
"$BENCHGATE" verify --dataset --root="$TMP/ds"
