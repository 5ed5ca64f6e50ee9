#!/usr/bin/env bash
# get_dataset_bad_usage
bash "$SRC/scripts/get_dataset.sh" --attempts=0 --root="$TMP"
