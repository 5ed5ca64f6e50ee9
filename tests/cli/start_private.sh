#!/usr/bin/env bash
# start_private: --private makes every folder and file of the run this user's only: the run
# directory 0700, its files 0600, the history 0600
umask 022
"$BENCHGATE" start --build-dir="$BUILD" --bench='^gatecheck$' --private --no-ui --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --output-dir="$TMP/run" \
    --history="$TMP/hist/h.sqlite" >/dev/null 2>&1
echo "exit $?"
find "$TMP/run" "$TMP/hist" -type d ! -perm 700 >&2
find "$TMP/run" "$TMP/hist" -type f ! -perm 600 >&2
echo "folders not 0700: $(find "$TMP/run" "$TMP/hist" -type d ! -perm 700 | wc -l)"
echo "files not 0600: $(find "$TMP/run" "$TMP/hist" -type f ! -perm 600 | wc -l)"
for f in run/result.json run/summary.md run/run.log hist/h.sqlite; do [ -f "$TMP/$f" ] && echo "has $f"; done
