#!/usr/bin/env bash
# bench_yaml_error
"$BUILD/benches/bench_overhead" --config="$SRC/fixtures/cli/bad.yaml" --output-dir="$TMP/o"; rc=$?; test ! -e "$TMP/o" || exit 9; exit $rc
