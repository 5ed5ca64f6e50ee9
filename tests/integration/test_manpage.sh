#!/usr/bin/env bash
# test_manpage.sh BENCHGATE BENCH_EXE SOURCE_DIR - docs/benchgate.1 is what the programs do:
# groff reads it without a warning; it has EXAMPLES; every verb of `benchgate --help`, every run
# flag of `BENCH_EXE --help` and every format of `benchgate export --help` is in it.
set -u
benchgate=$1 bench=$2 src=$3
page=$src/docs/benchgate.1
fail=0
if command -v groff >/dev/null 2>&1; then
    warnings=$(groff -man -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || { echo "FAIL: groff warns about $page:"; echo "$warnings"; fail=1; }
else
    echo "note: groff not found (apt-get install groff-base): the page is not linted"
fi
grep -q '^\.SH EXAMPLES' "$page" || { echo "FAIL: $page has no EXAMPLES section"; fail=1; }
# man escapes a dash as \-: compare the page with its dashes unescaped
text=$(sed 's/\\-/-/g' "$page")
verbs=$("$benchgate" --help 2>&1 | sed -n '/^verbs:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
[ -n "$verbs" ] || { echo "FAIL: benchgate --help lists no verbs"; fail=1; }
for verb in $verbs; do
    printf '%s\n' "$text" | grep -qx "\.B $verb" || { echo "FAIL: verb $verb is not in VERBS of $page"; fail=1; }
done
flags=$("$bench" --help 2>&1 | grep -oE '^  --[a-z-]+' | sed 's/^  //')
[ "$(printf '%s\n' "$flags" | wc -l)" -gt 30 ] || { echo "FAIL: $bench --help lists few flags"; fail=1; }
for flag in $flags; do
    printf '%s\n' "$text" | grep -qE -- "^\.BR $flag([=, ]|$)" || { echo "FAIL: run flag $flag is not in RUN FLAGS of $page"; fail=1; }
done
formats=$("$benchgate" export --help 2>&1 | grep -oE 'csv\|[a-z|-]+' | head -n 1 | tr '|' ' ')
[ -n "$formats" ] || { echo "FAIL: benchgate export --help names no formats"; fail=1; }
export_entry=$(printf '%s\n' "$text" | sed -n '/^\.B export$/,/^\.TP$/p')
for format in $formats; do
    printf '%s\n' "$export_entry" | grep -qw "$format" || { echo "FAIL: export format $format is not in $page"; fail=1; }
done
[ "$fail" = 0 ] && echo "PASS: $page: $(echo "$verbs" | wc -w) verbs, $(echo "$flags" | wc -w) run flags, formats $formats, EXAMPLES"
exit "$fail"
