#!/usr/bin/env bash
# get_dataset_digits
# scripts/get_dataset.sh on a copy of the committed digits dataset: the files present are kept
# (and made read-only), a missing one comes from a file:// mirror and is checked
mkdir -p "$TMP/ds/baseline" && cp "$SRC/datasets/datasets.yaml" "$SRC/datasets/datasets.index" "$TMP/ds/" && cp -R "$SRC/datasets/baseline/digits-v1" "$TMP/ds/baseline/" && chmod 0644 "$TMP"/ds/baseline/digits-v1/* || exit 9
rm -f "$TMP/ds/baseline/digits-v1/train.csv"
env -u BENCH_DATASET_MIRROR bash "$SRC/scripts/get_dataset.sh" digits --root="$TMP/ds" --mirror="file://$SRC/datasets" --attempts=1 || exit $?
stat -c "%a %n" "$TMP"/ds/baseline/digits-v1/* | sed "s|$TMP/ds/||"
"$BENCHGATE" verify --dataset=digits --root="$TMP/ds" | tail -n 1
