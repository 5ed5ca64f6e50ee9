#!/usr/bin/env bash
# start_bench_refuses: a bench that exits non-zero on --list (flags it does not take, a crash)
# stops benchgate start before anything runs: exit 2, the bench and its own message shown, no
# run directory
mkdir -p "$TMP/b/benchgate/manifest.d" || exit 9
printf '#!/bin/sh\necho "odd: unknown flag" >&2\nexit 3\n' >"$TMP/odd" && chmod +x "$TMP/odd" || exit 9
printf 'odd\t%s\tbench,cpu\t--no-ui\n' "$TMP/odd" >"$TMP/b/benchgate/manifest.d/odd.tsv"
"$BENCHGATE" start --build-dir="$TMP/b" --baseline=off --output-dir="$TMP/run" >/dev/null
rc=$?
[ -e "$TMP/run" ] && { echo "a run directory was made" >&2; exit 9; }
exit "$rc"
