#!/usr/bin/env bash
# config_family_typo: a family under benchmarks: one or two edits from a real one is refused
# (its settings would silently not apply); other executables' families are let through.
printf 'version: 1\nbenchmarks:\n  tirad:\n    max_time: 0.6\n  mlp:\n    max_time: 1\n' >"$TMP/bench.yaml"
"$BUILD/benches/bench_triad" --config="$TMP/bench.yaml" --output-dir="$TMP/run" --min-time=0.01
echo "typo: exit $? $(test -e "$TMP/run" && echo written || echo nothing written)"
printf 'version: 1\nbenchmarks:\n  triad:\n    max_time: 0.6\n  mlp:\n    max_time: 1\n' >"$TMP/ok.yaml"
"$BUILD/benches/bench_triad" --config="$TMP/ok.yaml" --dry-run >/dev/null
echo "right: exit $?"
