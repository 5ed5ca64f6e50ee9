#!/usr/bin/env bash
# gate_refuses_invalid_baseline: a baseline that breaks the schema (each field of
# broken_results.py) is refused by compare and by the bench's own gate (--baseline=FILE): exit
# 2, the file, the key and the problem named
export BENCHGATE_MACHINE_CLASS=ci-class
q=(--no-ui --min-time=0.01 --max-time=0.1 --repetitions=1 --skip-warmup)
"$BUILD/benches/bench_gatecheck" "${q[@]}" --baseline=off --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
list=$("$PY" "$SRC/tests/cli/broken_results.py" "$TMP/a/result.json" "$TMP") || exit 9
for bad in $list; do
    "$BENCHGATE" compare "$TMP/$bad.json" "$TMP/a/result.json" >/dev/null 2>>"$TMP/err"
    c=$?
    "$BUILD/benches/bench_gatecheck" "${q[@]}" --baseline="$TMP/$bad.json" --output-dir="$TMP/g-$bad" >/dev/null 2>>"$TMP/err"
    echo "$bad: compare exit $c, gate exit $?"
done
"$BUILD/benches/bench_gatecheck" "${q[@]}" --baseline="$TMP/good.json" --output-dir="$TMP/g-good" >/dev/null 2>&1
[ $? -ne 2 ] && echo "good: the gate compares (not exit 2)"
cat "$TMP/err" >&2
