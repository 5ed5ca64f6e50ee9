#!/usr/bin/env bash
# push_no_url: push without a telemetry URL is a usage error
unset BENCH_TELEMETRY_URL; "$BENCHGATE" push "$SRC/fixtures/results/small"
