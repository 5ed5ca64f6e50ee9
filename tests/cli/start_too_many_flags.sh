#!/usr/bin/env bash
# start_too_many_flags: more run flags than start hands on are refused before anything runs
args=()
for _ in $(seq 1 300); do args+=(--min-time=0.01); done
"$BENCHGATE" start --build-dir="$BUILD" --output-dir="$TMP/out" "${args[@]}"
echo "exit $?"
if [ -e "$TMP/out" ]; then echo "written"; else echo "nothing written"; fi
exit 0
