#!/usr/bin/env bash
# start_no_match
"$BENCHGATE" start --build-dir="$BUILD" --bench="^nothing$"
