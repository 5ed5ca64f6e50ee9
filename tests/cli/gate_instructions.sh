#!/usr/bin/env bash
# gate_instructions: capture a baseline, pass on the same code, catch 1% more instructions
export BENCHGATE_MACHINE_CLASS=ci-class
q=(--no-ui --filter=^gatecheck/ --measure=instructions)
bench="$BUILD/benches/bench_gatecheck"
"$bench" "${q[@]}" --baseline=off --output-dir="$TMP/a" >/dev/null 2>&1 || exit 9
"$BENCHGATE" baseline --run="$TMP/a" --dir="$TMP/bl" || exit 9
cp "$TMP/bl/ci-class/gatecheck.json" "$TMP/before.json"
"$bench" "${q[@]}" --baseline="$TMP/bl" --output-dir="$TMP/b" 2>/dev/null
echo "same code: exit $?"
BENCHGATE_EXTRA_WORK_PCT=1 "$bench" "${q[@]}" --baseline="$TMP/bl" --output-dir="$TMP/c" 2>/dev/null
echo "1% more work: exit $?"
"$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["rows"][0]; print("verdict=%s" % r["verdict"])' "$TMP/c/verdict.json"
cmp -s "$TMP/before.json" "$TMP/bl/ci-class/gatecheck.json" && echo "baseline unchanged"
