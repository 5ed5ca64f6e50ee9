#!/usr/bin/env bash
# start_bad_value: a bad run-flag value is refused with the flag, key and problem named
"$BENCHGATE" start --build-dir="$BUILD" --min-time=soon --output-dir="$TMP/run"
rc=$?
test ! -e "$TMP/run" || { echo "bad flags created $TMP/run"; exit 9; }
exit "$rc"
