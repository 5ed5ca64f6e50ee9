#!/usr/bin/env bash
# verify_needs_dataset
"$BENCHGATE" verify --root="$TMP"
