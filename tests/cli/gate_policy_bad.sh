#!/usr/bin/env bash
# gate_policy_bad: broken values of the gate's settings are refused by name (exit 2), nothing written
"$BUILD/benches/bench_gatecheck" --fail-on-no-baseline=maybe --output-dir="$TMP/a"
echo "flag: exit $?"
BENCH_FAIL_ON_NO_BASELINE=perhaps "$BUILD/benches/bench_gatecheck" --output-dir="$TMP/b"
echo "env: exit $?"
"$BUILD/benches/bench_gatecheck" --metric-threshold=ratio=fast --output-dir="$TMP/c"
echo "metric: exit $?"
"$BUILD/benches/bench_gatecheck" --metric-threshold='bad name=5' --output-dir="$TMP/d"
echo "name: exit $?"
printf 'version: 1\nthresholds:\n  ratio: [1, 2]\n' >"$TMP/bench.yaml"
"$BUILD/benches/bench_gatecheck" --config="$TMP/bench.yaml" --output-dir="$TMP/e"
echo "yaml: exit $?"
n=0
for d in a b c d e; do [ -e "$TMP/$d" ] && n=$((n + 1)); done
echo "$n"
