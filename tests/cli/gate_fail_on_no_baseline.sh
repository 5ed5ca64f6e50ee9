#!/usr/bin/env bash
# gate_fail_on_no_baseline: with fail_on_no_baseline a missing baseline fails (exit 1), said so
export BENCHGATE_MACHINE_CLASS=ci-class
"$BUILD/benches/bench_gatecheck" --no-ui --measure=instructions --baseline="$TMP/none" \
    --fail-on-no-baseline --output-dir="$TMP/run"
rc=$?
grep -q '"outcome":[[:space:]]*"not gated"' "$TMP/run/gate.json" || exit 9
exit $rc
