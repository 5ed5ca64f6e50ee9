#!/usr/bin/env bash
# start_notify_bad_command: benchgate start checks its own settings before it runs anything:
# a notify command with an unclosed quote is refused up front (exit 2), even in a dry run
"$BENCHGATE" start --build-dir="$BUILD" --output-dir="$TMP/run" --dry-run \
    --notify-command="echo 'unclosed"
rc=$?
[ -e "$TMP/run" ] && { echo "a run directory was made" >&2; exit 9; }
exit $rc
