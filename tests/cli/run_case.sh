#!/usr/bin/env bash
# run_case.sh CASE_DIR NAME BUILD_DIR SOURCE_DIR BENCHGATE
# Runs one golden CLI case NAME.sh and checks its exit code (NAME.exit) and that every line of
# NAME.stdout.exp / NAME.stderr.exp appears in its stdout / stderr ("$TMP" in them is expanded).
set -u
dir=$1 name=$2
BUILD=$3 SRC=$4 BENCHGATE=$5
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bg-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
export BUILD SRC BENCHGATE TMP PY
unset BENCH_OUTPUT_DIR BENCH_CONFIG
# Lines are not wrapped here (the wrap of a line that holds a path moves with the length of the
# checkout's path): a case checks what is said; integration.widths checks that it fits.
export COLUMNS=1000
export LC_ALL=C.UTF-8 # figures for people say µs (docs/reporting.md#figures): one spelling

(cd "$TMP" && bash "$dir/$name.sh") >"$TMP/.stdout" 2>"$TMP/.stderr"
rc=$?
want=$(cat "$dir/$name.exit")
fail=0
if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"
    fail=1
fi
for stream in stdout stderr; do
    exp="$dir/$name.$stream.exp"
    [ -f "$exp" ] || continue
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line//\$TMP/$TMP}
        if ! grep -qF -- "$line" "$TMP/.$stream"; then
            echo "FAIL $name: $stream lacks: $line"
            fail=1
        fi
    done <"$exp"
done
if [ "$fail" != 0 ]; then
    echo "--- stdout"; cat "$TMP/.stdout"; echo "--- stderr"; cat "$TMP/.stderr"
    exit 1
fi
echo "ok $name"
