#!/usr/bin/env bash
# bench_unknown_flag
"$BUILD/benches/bench_overhead" --frobnicate --output-dir="$TMP/o"; rc=$?; test ! -e "$TMP/o" || exit 9; exit $rc
