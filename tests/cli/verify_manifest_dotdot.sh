#!/usr/bin/env bash
# verify_manifest_dotdot
"$BENCHGATE" verify --dataset --manifest="$SRC/fixtures/datasets/bad/dotdot.yaml" --root="$TMP"
