#!/usr/bin/env bash
# verdicts_bad: a bad flag, a folder that is no build tree: exit 2, named; a corrupt gate.json
# or another document: an error row "no verdict" naming the file, exit 3 (under --ctest, 0)
"$BENCHGATE" verdicts --colour
echo "flag: exit $?"
"$BENCHGATE" verdicts --build-dir="$TMP/nothing"
echo "no build: exit $?"
mkdir -p "$TMP/b/benchgate/manifest.d" "$TMP/b/bench-results/x"
printf 'x\tx\tbench\t\n' >"$TMP/b/benchgate/manifest.d/x.tsv"
printf '{"schema": "benchgate.gate/1",' >"$TMP/b/bench-results/x/gate.json"
"$BENCHGATE" verdicts --build-dir="$TMP/b"
echo "corrupt: exit $?"
"$BENCHGATE" verdicts --build-dir="$TMP/b" --ctest
echo "corrupt under ctest: exit $?"
printf '{"schema": "benchgate.result/1"}' >"$TMP/b/bench-results/x/gate.json"
"$BENCHGATE" verdicts --build-dir="$TMP/b"
echo "another document: exit $?"
printf '{"schema": "benchgate.gate/1",' >"$TMP/b/bench-results/x/gate.json"
"$BENCHGATE" verdicts --build-dir="$TMP/b" | tr -s ' \n' '  ' | grep -o 'gate.json:1:31: not valid JSON (byte 30)'
