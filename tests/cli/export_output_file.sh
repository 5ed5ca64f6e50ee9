#!/usr/bin/env bash
# export_output_file: --output replaces FILE through a temporary name; nothing else is left
mkdir "$TMP/out"
echo old >"$TMP/out/summary.md"
"$BENCHGATE" export --output="$TMP/out/summary.md" "$SRC/fixtures/results/small" || exit $?
echo "files: $(find "$TMP/out" -mindepth 1 -printf '%f ')"
head -n 1 "$TMP/out/summary.md"
"$BENCHGATE" export --output="$TMP/no-such-dir/x.md" "$SRC/fixtures/results/small"
rc=$?
[ "$rc" = 2 ] || { echo "unwritable output: exit $rc, expected 2"; exit 9; }
echo "files after a failed write: $(find "$TMP/out" -mindepth 1 -printf '%f ')"
