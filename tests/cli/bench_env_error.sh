#!/usr/bin/env bash
# bench_env_error
BENCH_REPETITIONS=many "$BUILD/benches/bench_overhead" --output-dir="$TMP/o"; rc=$?; test ! -e "$TMP/o" || exit 9; exit $rc
