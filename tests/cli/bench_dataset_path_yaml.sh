#!/usr/bin/env bash
# bench_dataset_path_yaml
# dataset_path in bench.yaml sets the root; BENCH_DATASET_PATH overrides it
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
printf 'version: 1\nrun:\n  dataset_path: %s\n' "$TMP/nowhere" >"$TMP/bench.yaml"
run() { "$BUILD/tests/test_dataset_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --format=json "$@"; }
BENCH_DATASET_PATH="$TMP/tiny" run --config="$TMP/bench.yaml" --output-dir="$TMP/o" || exit $?
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); [print(\"dataset %s v%s %s %s\" % (e[\"name\"], e[\"version\"], e[\"path\"], e[\"sha256\"])) for e in d[\"datasets\"]]; print(\"datasets: %d\" % len(d[\"datasets\"]))" "$TMP/o/result.json"
run --config="$TMP/bench.yaml" --output-dir="$TMP/o2"; echo "yaml root missing: exit $?"
