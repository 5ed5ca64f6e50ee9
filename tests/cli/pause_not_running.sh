#!/usr/bin/env bash
# pause_not_running: pause needs a running start; resume of a finished run has nothing to do;
# resume of a folder that benchgate start did not write is refused
"$BENCHGATE" start --build-dir="$BUILD" "--filter=^overhead/cpu\$" --min-time=0.01 --max-time=0.02 --repetitions=1 --baseline=off --history=off --no-ui --output-dir="$TMP/done" >/dev/null 2>&1 || exit 9
"$BENCHGATE" pause "$TMP/done"; echo "pause finished run: exit $?"
"$BENCHGATE" resume "$TMP/done"; echo "resume finished run: exit $?"
mkdir -p "$TMP/other"
"$BENCHGATE" resume "$TMP/other"; echo "resume other folder: exit $?"
"$BENCHGATE" start --resume="$TMP/done" --repetitions=3; echo "resume with flags: exit $?"
"$BENCHGATE" pause --wait=soon "$TMP/done"; echo "bad wait: exit $?"
