#!/usr/bin/env bash
# gate_no_baseline: no baseline for this class: exit 77 with the capture command; results kept
export BENCHGATE_MACHINE_CLASS=ci-class
mkdir "$TMP/none"
"$BUILD/benches/bench_gatecheck" --no-ui --filter=^gatecheck/ --measure=instructions --baseline="$TMP/none" --output-dir="$TMP/run"
rc=$?; test -s "$TMP/run/result.json" || exit 9; exit $rc
