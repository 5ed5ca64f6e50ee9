#!/usr/bin/env bash
# baseline_refuses_regression: capturing a slower run over a baseline needs --force
export BENCHGATE_MACHINE_CLASS=ci-class
q=(--no-ui --filter=^gatecheck/ --measure=instructions --baseline=off)
"$BUILD/benches/bench_gatecheck" "${q[@]}" --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
BENCHGATE_EXTRA_WORK_PCT=5 "$BUILD/benches/bench_gatecheck" "${q[@]}" --output-dir="$TMP/slow" >/dev/null 2>&1 || exit 9
"$BENCHGATE" baseline --run="$TMP/a" --dir="$TMP/bl" >/dev/null || exit 9
cp "$TMP/bl/ci-class/gatecheck.json" "$TMP/before"
"$BENCHGATE" baseline --run="$TMP/slow" --dir="$TMP/bl"
echo "without --force: exit $?"
cmp -s "$TMP/before" "$TMP/bl/ci-class/gatecheck.json" && echo "baseline unchanged"
"$BENCHGATE" baseline --run="$TMP/slow" --dir="$TMP/bl" --force >/dev/null
echo "with --force: exit $?"
cmp -s "$TMP/before" "$TMP/bl/ci-class/gatecheck.json" || echo "baseline replaced"
