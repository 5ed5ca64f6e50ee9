#!/usr/bin/env bash
# push_print: the Prometheus text of a run (--print), with the exit code
"$BENCHGATE" push --print --exit=1 "$SRC/fixtures/results/mixed"
