#!/usr/bin/env bash
# notify_nothing: notify with nothing configured is a usage error
"$BENCHGATE" notify "$SRC/fixtures/results/small"
