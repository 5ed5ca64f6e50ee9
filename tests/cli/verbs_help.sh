#!/usr/bin/env bash
# verbs_help: every verb listed by `benchgate --help` answers --help (and -h) with its usage, exit 0,
# and the man page renders and names every verb
verbs=$("$BENCHGATE" --help | awk '/^verbs:/{on=1; next} on && NF {print $1} !NF && on {exit}')
bad=0
for v in $verbs; do
    out=$("$BENCHGATE" "$v" --help 2>&1)
    rc=$?
    if [ "$rc" != 0 ] || ! printf '%s' "$out" | grep -qi "usage"; then
        echo "verb $v: --help exit $rc without a usage line"
        bad=1
    fi
    short=$("$BENCHGATE" "$v" -h 2>&1)
    if [ "$short" != "$out" ]; then
        echo "verb $v: -h is not --help"
        bad=1
    fi
    if ! grep -qx "\.B $v" "$SRC/docs/benchgate.1"; then
        echo "verb $v: missing from docs/benchgate.1"
        bad=1
    fi
done
MANWIDTH=80 man -l "$SRC/docs/benchgate.1" 2>/dev/null | grep -q "EXIT STATUS" || { echo "man page does not render"; bad=1; }
echo "checked $(echo "$verbs" | wc -w | tr -d ' ') verbs"
exit $bad
