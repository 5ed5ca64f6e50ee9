#!/usr/bin/env bash
# datasets_list
"$BENCHGATE" datasets list --manifest="$SRC/datasets/datasets.yaml"
