#!/usr/bin/env bash
# compare_missing
"$BENCHGATE" compare "$TMP/missing.json" "$TMP/missing.json"
