#!/usr/bin/env bash
# baseline_drop_repeated: --drop is repeatable, a benchmark any of them matches is dropped (both
# here: nothing is left, refused); patterns too long together are refused; nothing is written
"$PY" "$SRC/tests/cli/broken_results.py" "$SRC/fixtures/results/small/result.json" "$TMP" >/dev/null || exit 9
mkdir -p "$TMP/run" && cp "$TMP/good.json" "$TMP/run/result.json"
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 >/dev/null || exit 9
before=$(cksum <"$TMP/bl/c1/benchgate.json")
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 --drop='^triad/' --drop '^overhead/' >/dev/null
echo "two drops: exit $?"
long=$(printf '%02100d' 0)
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 --drop="$long" --drop="$long" >/dev/null
echo "too long together: exit $?"
[ "$(cksum <"$TMP/bl/c1/benchgate.json")" = "$before" ] && echo "baseline unchanged"
