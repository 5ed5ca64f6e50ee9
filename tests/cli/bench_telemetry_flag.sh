#!/usr/bin/env bash
# bench_telemetry_flag: --telemetry-url given to a bench executable is refused (exit 2) with a
# message that names benchgate start; the same setting in the environment is not an error
BENCH_TELEMETRY_URL=http://127.0.0.1:9 "$BUILD/benches/bench_triad" --list >/dev/null || exit 9
"$BUILD/benches/bench_triad" --telemetry-url=http://127.0.0.1:9 --list
