#!/usr/bin/env bash
# fetch_file_mirror
# fetch from a file:// mirror: files land read-only and verify; a second fetch downloads nothing
"$BENCHGATE" fetch tiny --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --root="$TMP/r" --mirror="file://$SRC/fixtures/datasets/tiny" --attempts=1 || exit $?
stat -c '%a %n' "$TMP"/r/tiny-v1/* | sed "s|$TMP/||"
"$BENCHGATE" fetch --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --root="$TMP/r" --attempts=1 || exit $?
cp "$SRC/fixtures/datasets/tiny/datasets.yaml" "$TMP/r/"
"$BENCHGATE" verify --dataset=tiny --root="$TMP/r" | tail -n 1
# shellcheck disable=SC2012 # the test made these names: plain ASCII
ls -A "$TMP/r/tiny-v1" | tr '\n' ' '; echo
