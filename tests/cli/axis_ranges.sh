#!/usr/bin/env bash
# axis_ranges: ranges in axis values - a family's .axes (n=1<<10..1<<16:*4;m=0..20:+10, their
# product listed), --axis and bench.yaml's axis replacing one with a range of more than 64
# values; each broken range is exit 2 naming the setting, the axis and the problem, before any
# run directory is written.
R="$BUILD/tests/test_range_bench"
"$R" --list
echo "list exit $?"
"$R" --list --axis='m=0..99:+1' | wc -l | sed 's/^ */m over 100 values: /'
"$R" --list --axis='m=0..99:+1' | tail -n 1
printf 'run:\n  axis:\n    - "n=1..8:*2"\n' >"$TMP/bench.yaml"
"$R" --list --config="$TMP/bench.yaml" --axis=m=5 | tr '\n' ' '
echo
for bad in 'n=0..10:+0' 'n=1..10:*1' 'n=10..1:+1' 'n=1<<64..1<<65:*2' 'n=1.5<<2..64:*2' \
    'n=0..10' 'n=0..2000000:+1'; do
    "$R" --list --axis="$bad" --output-dir="$TMP/never" >/dev/null 2>"$TMP/err"
    echo "$bad: exit $? $(tr '\n' ' ' <"$TMP/err" | tr -s ' ')"
done
"$R" --list --axis=n=1..1000:+1 --axis=m=0..1000:+1 >/dev/null 2>"$TMP/err"
echo "product: exit $? $(tr '\n' ' ' <"$TMP/err" | tr -s ' ')"
BENCH_AXIS='n=1..4:*0' "$R" --list >/dev/null 2>"$TMP/err"
echo "env: exit $? $(tr '\n' ' ' <"$TMP/err" | tr -s ' ')"
printf 'run:\n  axis: ["n=8..1:*2"]\n' >"$TMP/bad.yaml"
"$R" --list --config="$TMP/bad.yaml" >/dev/null 2>"$TMP/err"
echo "yaml: exit $? $(tr '\n' ' ' <"$TMP/err" | tr -s ' ')"
[ -e "$TMP/never" ] || echo "no run directory was written"
