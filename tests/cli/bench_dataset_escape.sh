#!/usr/bin/env bash
# bench_dataset_escape
# bg_dataset_file() refuses '..', absolute paths and symlinks out of the root, and any file
# that datasets.yaml does not list (the manifest, a folder, a file planted beside the dataset)
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
ln -s /etc/hostname "$TMP/tiny/tiny-v1/link.csv"
printf '1\n2\n' >"$TMP/tiny/tiny-v1/evil.csv"
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
for f in escape absolute link unlisted manifest folder; do
    BENCH_DATASET_PATH="$TMP/tiny" run --axis=file=$f --output-dir="$TMP/o-$f"
    echo "$f: exit $?"
done
