#!/usr/bin/env bash
# bench_dataset_not_listed
# a dataset the manifest does not list: exit 2
mkdir "$TMP/root" && printf 'version: 1\ndatasets:\n  other:\n    version: 1\n    license: x\n    source: y\n    files:\n      - {path: a, size: 0, sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, urls: []}\n' >"$TMP/root/datasets.yaml"
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/root" run --output-dir="$TMP/o"
