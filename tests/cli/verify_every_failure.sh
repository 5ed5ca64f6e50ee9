#!/usr/bin/env bash
# verify_every_failure
# every failing file is named, not only the first
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
flip() { chmod u+w "$1" && printf "\\377" | dd of="$1" bs=1 seek="${2:-10}" conv=notrunc 2>/dev/null && chmod 0444 "$1"; }
flip "$TMP/tiny/tiny-v1/values.csv" 3
chmod u+w "$TMP/tiny/tiny-v1/labels.csv" && rm "$TMP/tiny/tiny-v1/labels.csv"
"$BENCHGATE" verify --dataset=tiny --root="$TMP/tiny"
