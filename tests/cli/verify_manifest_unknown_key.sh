#!/usr/bin/env bash
# verify_manifest_unknown_key
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/unknown_key.yaml" --root="$TMP"
