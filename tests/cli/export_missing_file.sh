#!/usr/bin/env bash
# export_missing_file: a missing result (file or run directory) is named in the error
mkdir -p "$TMP/empty-run"
"$BENCHGATE" export "$TMP/empty-run"
rc=$?
[ "$rc" = 2 ] || { echo "empty run directory: exit $rc"; exit 9; }
"$BENCHGATE" export --format=csv "$TMP/nowhere/result.json"
