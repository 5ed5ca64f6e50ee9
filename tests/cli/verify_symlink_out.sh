#!/usr/bin/env bash
# verify_symlink_out
# a symlink that points out of the root is refused, even to identical bytes
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
cp "$SRC/fixtures/datasets/tiny/tiny-v1/labels.csv" "$TMP/outside.csv" && chmod 0444 "$TMP/outside.csv"
chmod u+w "$TMP/tiny/tiny-v1/labels.csv" && rm "$TMP/tiny/tiny-v1/labels.csv"
ln -s ../../outside.csv "$TMP/tiny/tiny-v1/labels.csv"
"$BENCHGATE" verify --dataset=tiny --root="$TMP/tiny"
