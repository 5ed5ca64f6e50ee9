#!/usr/bin/env bash
# verify_manifest_bad_sha
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/bad_sha.yaml" --root="$TMP"
