#!/usr/bin/env bash
# write_run_dir_link: the run folder (--output-dir) is never a symbolic link: a bench executable
# and benchgate start both refuse one (exit 2) and write nothing where it points
mkdir "$TMP/elsewhere" && ln -s "$TMP/elsewhere" "$TMP/link" || exit 9
bench() { "$BUILD/tests/test_dataset_bench" --filter=plain --min-time=0.01 --max-time=0.02 \
    --repetitions=1 --skip-warmup --no-ui --baseline=off "$@"; }
bench --output-dir="$TMP/link" >/dev/null
echo "bench: exit $?"
bench --output-dir="$TMP/link/" >/dev/null
echo "bench, trailing slash: exit $?"
"$BENCHGATE" start --build-dir="$BUILD" --bench='^gatecheck$' --no-ui --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --history=off --output-dir="$TMP/link" \
    >/dev/null
echo "start: exit $?"
echo "files where the link points: $(find "$TMP/elsewhere" -mindepth 1 | wc -l)"
bench --output-dir="$TMP/elsewhere/run" >/dev/null 2>&1
echo "a real folder: exit $?"
