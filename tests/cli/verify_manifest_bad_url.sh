#!/usr/bin/env bash
# verify_manifest_bad_url
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/bad_url.yaml" --root="$TMP"
