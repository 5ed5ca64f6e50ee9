#!/usr/bin/env bash
# push_bad_exit: --exit must be an exit code
"$BENCHGATE" push --exit=300 "$SRC/fixtures/results/small"
