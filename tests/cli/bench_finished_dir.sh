#!/usr/bin/env bash
# bench_finished_dir: a bench executable run into a finished run's folder (a complete
# result.json) refuses as benchgate start does (exit 2) and leaves that run as it was; --resume
# and the folder of a bench's CTest test (BENCHGATE_CTEST=1) may go on
bench() { "$BUILD/tests/test_dataset_bench" --filter=plain --min-time=0.01 --max-time=0.02 \
    --repetitions=1 --skip-warmup --no-ui --baseline=off --output-dir="$TMP/run"; }
bench >/dev/null 2>&1 || exit 9
before=$(sha256sum "$TMP/run/result.json")
bench >/dev/null
echo "again: exit $?"
[ "$before" = "$(sha256sum "$TMP/run/result.json")" ] && echo "the finished run is as it was"
BENCHGATE_CTEST=1 bench >/dev/null 2>&1
echo "under ctest: exit $?"
