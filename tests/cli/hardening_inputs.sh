#!/usr/bin/env bash
# hardening_inputs: inputs that used to hang, blow up or pass unseen are refused by name (exit 2)
# within seconds: a regex with stacked quantifiers, control characters in an axis value, a FIFO
# as --config, YAML nested 100000 deep, a duplicate threshold under a family, a full stdout;
# and a telemetry token is never sent over plain http:// (tests/cli/push_token_http too)
g="$BUILD/benches/bench_gatecheck"
timeout 20 "$g" --filter='^gat++++++++++++++++++++v' --list
echo "stacked quantifiers: exit $?"
timeout 20 "$g" --filter='^((((((((((((((((((((t+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+v' --list
echo "nested quantifiers: exit $?"
timeout 20 "$g" --axis=steps=$'40\e[31m96' --list
echo "control character in an axis: exit $?"
mkfifo "$TMP/fifo.yaml"
timeout 20 "$g" --config="$TMP/fifo.yaml" --list
echo "FIFO as --config: exit $?"
"$PY" -c 'import sys; sys.stdout.write("version: 1\nrun:\n  axis: " + "[" * 100000 + "]" * 100000 + "\n")' >"$TMP/deep.yaml"
timeout 20 "$g" --config="$TMP/deep.yaml" --list
echo "nested 100000 deep: exit $?"
printf 'version: 1\nbenchmarks:\n  gatecheck:\n    thresholds:\n      time: 5%%\n      time: 50%%\n' >"$TMP/dup.yaml"
"$g" --config="$TMP/dup.yaml" --list
echo "duplicate family threshold: exit $?"
"$BENCHGATE" list --build-dir="$BUILD" >/dev/full
echo "list to a full disk: exit $?"
"$BENCHGATE" compare "$SRC/fixtures/results/small/result.json" "$SRC/fixtures/results/small/result.json" >/dev/full
echo "compare to a full disk: exit $?"
mkdir "$TMP/run" && cp "$SRC/fixtures/results/small/result.json" "$TMP/run/"
BENCHGATE_TELEMETRY_TOKEN=s3cret timeout 20 "$BENCHGATE" push "$TMP/run" \
    --telemetry-url=http://127.0.0.1:9 --telemetry-timeout=2 2>"$TMP/push.err"
echo "token over http: exit $?"
grep -c 'TOKEN over http://127.0.0.1:9: refused, nothing sent' "$TMP/push.err"
grep -c s3cret "$TMP/push.err" || true
