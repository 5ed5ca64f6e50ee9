#!/usr/bin/env bash
# bench_help
"$BUILD/benches/bench_overhead" --help
