#!/usr/bin/env bash
# get_dataset_unknown
mkdir "$TMP/r" && cp "$SRC/datasets/datasets.index" "$TMP/r/" && bash "$SRC/scripts/get_dataset.sh" nope --root="$TMP/r"
