#!/usr/bin/env bash
# gate_corrupt_baseline: a corrupt baseline is exit 2, named, and never rewritten
export BENCHGATE_MACHINE_CLASS=ci-class
mkdir -p "$TMP/bl/ci-class"
printf '{"schema": "benchgate.result/1", "benchmarks": [' > "$TMP/bl/ci-class/gatecheck.json"
cp "$TMP/bl/ci-class/gatecheck.json" "$TMP/before"
"$BUILD/benches/bench_gatecheck" --no-ui --filter=^gatecheck/ --measure=instructions --baseline="$TMP/bl" --output-dir="$TMP/a"
rc=$?
"$BENCHGATE" baseline --run="$TMP/a" --dir="$TMP/bl" --force
echo "baseline verb: exit $?"
cmp -s "$TMP/before" "$TMP/bl/ci-class/gatecheck.json" && echo "baseline unchanged"
exit $rc
