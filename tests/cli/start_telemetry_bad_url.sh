#!/usr/bin/env bash
# start_telemetry_bad_url: benchgate start checks the telemetry URL like every setting, before it
# runs a bench (exit 2, no run directory)
"$BENCHGATE" start --build-dir="$BUILD" --telemetry-url=ftp://pgw.example.test \
    --output-dir="$TMP/run"
rc=$?
[ -e "$TMP/run" ] && { echo "a run directory was made" >&2; exit 9; }
exit $rc
