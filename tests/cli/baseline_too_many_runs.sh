#!/usr/bin/env bash
# baseline_too_many_runs: more --run than it can hold is refused by name, and nothing is written
args=()
for i in $(seq 1 33); do args+=("--run=$TMP/run$i"); done
"$BENCHGATE" baseline "${args[@]}" --dir="$TMP/baselines"
rc=$?
[ -e "$TMP/baselines" ] && echo "baselines written"
exit "$rc"
