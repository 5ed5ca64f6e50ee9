#!/usr/bin/env bash
# test_flag_forms.sh BENCHGATE SOURCE_DIR - every flag that a verb's --help lists as --NAME=VALUE
# may also be given as "--NAME VALUE", with the same effect: both forms of each, with a value
# the verb must refuse, give the same exit code and the same message; two real uses give the
# same output. Verbs that measure the machine (calibrate) are left out of the refusals.
set -u
benchgate=$1 src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/flag_forms.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/none"
fail=0 pairs=0
verbs=$("$benchgate" --help | sed -n '/^verbs:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
for verb in $verbs; do
    [ "$verb" = calibrate ] && continue
    flags=$("$benchgate" "$verb" --help 2>&1 | sed -n '/^flags:/,$p' | grep -oE -- '^  --[a-z-]+=' | tr -d '= ' | sort -u)
    for flag in $flags; do
        pairs=$((pairs + 1))
        for form in joined spaced; do
            if [ "$form" = joined ]; then set -- "$flag=bogus-value"; else set -- "$flag" bogus-value; fi
            (cd "$work" && BENCHGATE_BUILD_DIR="$work/none" HOME="$work" timeout 20 "$benchgate" "$verb" "$@" \
                >"$work/$form.out" 2>"$work/$form.err")
            echo "exit $?" >>"$work/$form.err"
        done
        if ! cmp -s "$work/joined.err" "$work/spaced.err"; then
            echo "FAIL: benchgate $verb: '$flag=bogus-value' and '$flag bogus-value' differ:"
            diff "$work/joined.err" "$work/spaced.err" | sed -n '1,6p'
            fail=1
        fi
    done
done
[ "$pairs" -gt 60 ] || { echo "FAIL: only $pairs flags found in the verbs' --help"; fail=1; }
# two real uses: the spaced form gives the same output as the joined one
small=$src/fixtures/results/small
"$benchgate" export --format=csv "$small" >"$work/a.csv"
"$benchgate" export --format csv "$small" >"$work/b.csv"
if ! cmp -s "$work/a.csv" "$work/b.csv" || ! grep -q ',' "$work/a.csv"; then
    echo "FAIL: export --format csv differs from --format=csv"
    fail=1
fi
"$benchgate" compare "$small" "$small" --format md >"$work/a.md"
"$benchgate" compare "$small" "$small" --format=md >"$work/b.md"
if ! cmp -s "$work/a.md" "$work/b.md" || ! grep -q '^| benchmark |' "$work/a.md"; then
    echo "FAIL: compare --format md differs from --format=md"
    fail=1
fi
# a value that looks like a flag is not taken as the value
"$benchgate" export --format --output=x "$small" >/dev/null 2>"$work/err"
grep -q -- 'export: --format needs a value' "$work/err" || { echo "FAIL: export --format --output=x: $(cat "$work/err")"; fail=1; }
[ "$fail" = 0 ] && echo "PASS: $pairs flags take '--NAME VALUE' as '--NAME=VALUE'; export and compare outputs agree"
exit "$fail"
