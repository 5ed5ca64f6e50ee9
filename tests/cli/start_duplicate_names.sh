#!/usr/bin/env bash
# start_duplicate_names: two bench executables of one project that both have a benchmark
# 'plain/cpu': benchgate start refuses the merge (exit 2), names both and the benchmark, writes
# no result.json (its own reader would refuse it) and keeps both parts
mkdir -p "$TMP/b/benchgate/manifest.d"
for n in one two; do
    printf '%s\t%s\tcpu\t--filter=plain --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup --no-ui\n' \
        "$n" "$BUILD/tests/test_dataset_bench" >"$TMP/b/benchgate/manifest.d/$n.tsv"
done
"$BENCHGATE" start --build-dir="$TMP/b" --baseline=off --output-dir="$TMP/run" \
    --history="$TMP/h.sqlite" >/dev/null
rc=$?
[ -e "$TMP/run/result.json" ] && echo "result.json written"
[ -e "$TMP/h.sqlite" ] && echo "history written"
for n in one two; do [ -f "$TMP/run/parts/$n/result.json" ] && echo "kept part $n"; done
exit "$rc"
