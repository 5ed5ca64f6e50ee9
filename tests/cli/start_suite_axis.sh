#!/usr/bin/env bash
# start_suite_axis: --batch-size (and BENCH_BATCH_SIZE) in a suite run applies to the benches
# that have the axis and says which skipped it; an axis no bench has is refused before any run.
"$BENCHGATE" start --build-dir="$BUILD" --dry-run --batch-size=32 --output-dir="$TMP/run"
echo "flag: exit $?"
BENCH_BATCH_SIZE=32 "$BENCHGATE" start --build-dir="$BUILD" --dry-run --output-dir="$TMP/run"
echo "env: exit $?"
"$BENCHGATE" start --build-dir="$BUILD" --dry-run --axis=nosuch=1 --output-dir="$TMP/run"
echo "no such axis: exit $? $(test -e "$TMP/run" && echo written || echo nothing written)"
# the executable alone: its own flag is refused, the environment's is a note
"$BUILD/benches/bench_triad" --batch-size=32 --dry-run >/dev/null
echo "own flag: exit $?"
BENCH_BATCH_SIZE=32 "$BUILD/benches/bench_triad" --dry-run >/dev/null
echo "own env: exit $?"
