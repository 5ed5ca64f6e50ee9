#!/usr/bin/env bash
# datasets_split_reproducible
# scripts/split_digits.py re-makes the committed digits-v1 files byte for byte
"$PY" "$SRC/scripts/split_digits.py" --source="$SRC/datasets/baseline/digits-v1" --out="$TMP/out" || exit $?
for f in digits.csv.gz digits.rst train.csv test.csv; do
    cmp "$TMP/out/$f" "$SRC/datasets/baseline/digits-v1/$f" || { echo "$f differs"; exit 1; }
    echo "same $f mode $(stat -c %a "$TMP/out/$f")"
done
