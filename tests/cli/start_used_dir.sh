#!/usr/bin/env bash
# start_used_dir: a new run into a folder that holds a finished run (or a stopped one) is refused
# with exit 2 before anything is written, and the old run's files stay as they were; --resume
# of the stopped one is the way on.
Q=(--build-dir="$BUILD" "--filter=^overhead/cpu\$" --min-time=0.01 --max-time=0.02 --repetitions=1 --baseline=off --history=off --no-ui)
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/run" >/dev/null 2>&1 || exit 9
snapshot() { (cd "$1" && find . -type f ! -name .lock -exec sha256sum {} + | sort); }
before=$(snapshot "$TMP/run")
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/run" >/dev/null
echo "finished run: exit $?"
[ "$before" = "$(snapshot "$TMP/run")" ] && echo "finished run unchanged"
# a stopped run: its state file is there, its result.json is not complete
mkdir -p "$TMP/stopped/parts"
"$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/stopped" >/dev/null
echo "stopped run: exit $?"
[ -z "$(ls -A "$TMP/stopped/parts")" ] && [ ! -e "$TMP/stopped/.benchgate-start" ] && echo "stopped run untouched"
exit 0
