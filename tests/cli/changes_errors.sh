#!/usr/bin/env bash
# changes_errors: every broken input of benchgate changes exits 2 with a message that names the
# input and the problem, and writes nothing on stdout.
"$PY" "$SRC/scripts/changes_synth.py" --out="$TMP/set" --commits=50 --per-kind=1 >/dev/null || exit 9
for r in "$TMP"/set/runs/*; do "$BENCHGATE" history --db="$TMP/h.sqlite" --record="$r" >/dev/null || exit 9; done
try() {
    "$BENCHGATE" changes "$@" >"$TMP/out" 2>>"$TMP/err"
    echo "exit $? stdout $(wc -c <"$TMP/out"): ${*#--db="$TMP"/}"
}
try --db="$TMP/h.sqlite" --format=xml
try --db="$TMP/h.sqlite" --method=magic
try --db="$TMP/h.sqlite" --fail-on=improvement
try --db="$TMP/h.sqlite" --since=zz-top
try --db="$TMP/h.sqlite" --since=abcdef0123
try --db="$TMP/h.sqlite" --filter='a**'
try --db="$TMP/h.sqlite" --filter='('
try --db="$TMP/missing.sqlite"
printf 'not a database at all, but text long enough to be read as one' >"$TMP/text.sqlite"
try --db="$TMP/text.sqlite"
try --db="$TMP/h.sqlite" --bogus
try --db=
cat "$TMP/err" >&2
"$BENCHGATE" changes --db="$TMP/h.sqlite" --machine-class=no-such-class
