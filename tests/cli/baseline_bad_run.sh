#!/usr/bin/env bash
# baseline_bad_run
"$BENCHGATE" baseline --run="$TMP/nothing"
