#!/usr/bin/env bash
# verify_not_read_only
# a writable dataset file fails (the checksum is still right)
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
chmod 0644 "$TMP/tiny/tiny-v1/labels.csv"
"$BENCHGATE" verify --dataset=tiny --root="$TMP/tiny"
