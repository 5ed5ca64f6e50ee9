#!/usr/bin/env bash
# start_merges_datasets: benchgate start merges the parts' "datasets" entries, each file once
cp -R "$SRC/fixtures/datasets/tiny" "$TMP/tiny" && chmod 0444 "$TMP"/tiny/tiny-v1/*.csv || exit 9
mkdir -p "$TMP/b/benchgate/manifest.d"
# two parts, one dataset; each part's benchmark has its own name (names are unique in a run)
for n in one:values two:labels; do
    printf '%s\t%s\tcpu\t--filter=tiny_sum --axis=file=%s --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui\n' \
        "${n%%:*}" "$BUILD/tests/test_dataset_bench" "${n#*:}" >"$TMP/b/benchgate/manifest.d/${n%%:*}.tsv"
done
BENCH_DATASET_PATH="$TMP/tiny" "$BENCHGATE" start --build-dir="$TMP/b" --baseline=off --output-dir="$TMP/run" >/dev/null || exit $?
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print('benchmarks=%d datasets=%d' % (len(d['benchmarks']), len(d['datasets']))); [print(e['name'], e['version'], e['path']) for e in d['datasets']]" "$TMP/run/result.json"
