#!/usr/bin/env bash
# bench_ctest_measurement
BENCHGATE_CTEST=1 "$BUILD/benches/bench_overhead" --no-ui --min-time=0.01 --max-time=0.02 --repetitions=1 --output-dir="$TMP/o"
