#!/usr/bin/env bash
# upload_bad_attempts: --attempts must be 1 to 100
"$BENCHGATE" upload --attempts=0 https://bench.example.test "$SRC/fixtures/results/small"
