#!/usr/bin/env bash
# verify_manifest_negative_size
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/negative_size.yaml" --root="$TMP"
