#!/usr/bin/env bash
# bench_baseline_fifo: --baseline naming a FIFO or a device is bad input (exit 2, named), not
# "not gated", and nothing is run or written
mkfifo "$TMP/fifo" || exit 9
for b in "$TMP/fifo" /dev/null; do
    "$BUILD/tests/test_dataset_bench" --filter=plain --min-time=0.01 --max-time=0.02 \
        --repetitions=1 --no-ui --baseline="$b" --output-dir="$TMP/run" >/dev/null
    echo "exit $?"
done
BENCH_BASELINE="$TMP/fifo" "$BUILD/tests/test_dataset_bench" --filter=plain --no-ui \
    --output-dir="$TMP/run" >/dev/null
echo "from the environment: exit $?"
[ -e "$TMP/run" ] && echo "run folder written"
exit 0
