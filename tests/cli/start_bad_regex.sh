#!/usr/bin/env bash
# start_bad_regex: benchgate start checks its flags before anything runs: a bad --filter regex
# is refused (exit 2) and no run directory is made
"$BENCHGATE" start --build-dir="$BUILD" --filter="(" --output-dir="$TMP/run"
rc=$?
test ! -e "$TMP/run" || { echo "bad flags created $TMP/run"; exit 9; }
exit "$rc"
