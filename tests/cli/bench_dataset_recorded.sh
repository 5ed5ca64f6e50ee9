#!/usr/bin/env bash
# bench_dataset_recorded
# a bench whose benchmark declares .dataset verifies it first and records it in result.json
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/tiny" run --output-dir="$TMP/o" || exit $?
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); [print(\"dataset %s v%s %s %s\" % (e[\"name\"], e[\"version\"], e[\"path\"], e[\"sha256\"])) for e in d[\"datasets\"]]; print(\"datasets: %d\" % len(d[\"datasets\"]))" "$TMP/o/result.json"
