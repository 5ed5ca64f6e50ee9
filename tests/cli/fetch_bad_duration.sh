#!/usr/bin/env bash
# fetch_bad_duration
"$BENCHGATE" fetch --manifest="$SRC/fixtures/datasets/tiny/datasets.yaml" --backoff=soon
