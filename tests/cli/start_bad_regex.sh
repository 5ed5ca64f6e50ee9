#!/usr/bin/env bash
# start_bad_regex: the flags are checked by every bench executable before anything runs
"$BENCHGATE" start --build-dir="$BUILD" --filter="(" --output-dir="$TMP/run"
rc=$?
test ! -e "$TMP/run" || { echo "bad flags created $TMP/run"; exit 9; }
exit "$rc"
