#!/usr/bin/env bash
# bench_dataset_not_selected
# no selected benchmark declares a dataset: nothing is verified, datasets is empty
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/nowhere" run --filter=plain --output-dir="$TMP/o" || exit $?
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); [print(\"dataset %s v%s %s %s\" % (e[\"name\"], e[\"version\"], e[\"path\"], e[\"sha256\"])) for e in d[\"datasets\"]]; print(\"datasets: %d\" % len(d[\"datasets\"]))" "$TMP/o/result.json"
