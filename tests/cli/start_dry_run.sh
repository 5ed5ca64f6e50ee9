#!/usr/bin/env bash
# start_dry_run
"$BENCHGATE" start --build-dir="$BUILD" --dry-run --output-dir="$TMP/run"
test ! -e "$TMP/run" || { echo "dry run created $TMP/run"; exit 9; }
