#!/usr/bin/env bash
# verify_manifest_syntax
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/syntax.yaml" --root="$TMP"
