#!/usr/bin/env bash
# verify_manifest_absolute
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/absolute.yaml" --root="$TMP"
