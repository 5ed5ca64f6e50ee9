#!/usr/bin/env bash
# check_man_flags.sh [--write] BENCHGATE PAGE - the section of PAGE (docs/benchgate.1) between
# the lines '.\" BEGIN GENERATED FLAGS' and '.\" END GENERATED FLAGS' is what
# `benchgate help --man` prints from the flag table; --write puts that output there instead.
# Then the page renders with man (MANWIDTH=100) without a warning.
set -u
write=0
[ "${1-}" = --write ] && { write=1; shift; }
benchgate=$1 page=$2
begin='^\.\\" BEGIN GENERATED FLAGS'
end='^\.\\" END GENERATED FLAGS'
tmp=$(mktemp -d "${TMPDIR:-/tmp}/man_flags.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$benchgate" help --man >"$tmp/want" || { echo "FAIL: benchgate help --man exited $?"; exit 1; }
if [ "$(grep -c "$begin" "$page")" != 1 ] || [ "$(grep -c "$end" "$page")" != 1 ]; then
    echo "FAIL: $page needs one BEGIN and one END GENERATED FLAGS line"
    exit 1
fi
if [ "$write" = 1 ]; then
    { sed -n "1,/$begin/p" "$page"; cat "$tmp/want"; sed -n "/$end/,\$p" "$page"; } >"$tmp/page"
    cp "$tmp/page" "$page" && echo "wrote the flags of $page from benchgate help --man"
    exit 0
fi
sed -n "/$begin/,/$end/p" "$page" | sed '1d;$d' >"$tmp/have"
fail=0
if ! cmp -s "$tmp/have" "$tmp/want"; then
    echo "FAIL: the FLAGS OF THE VERBS of $page are not what benchgate help --man prints"
    diff "$tmp/have" "$tmp/want" | sed -n '1,20p'
    echo "(rewrite them: bash $0 --write $benchgate $page)"
    fail=1
fi
if command -v man >/dev/null 2>&1; then
    MANWIDTH=100 man --warnings -l "$page" >"$tmp/out" 2>"$tmp/err"
    [ -s "$tmp/err" ] && { echo "FAIL: man --warnings -l $page:"; sed -n '1,10p' "$tmp/err"; fail=1; }
    grep -q 'FLAGS OF THE VERBS' "$tmp/out" || { echo "FAIL: man shows no FLAGS OF THE VERBS"; fail=1; }
else
    echo "note: man not found: the page is not rendered"
fi
[ "$fail" = 0 ] && echo "PASS: $page has the flags of $(grep -c '^\.SS' "$tmp/want") verbs as the table gives them"
exit "$fail"
