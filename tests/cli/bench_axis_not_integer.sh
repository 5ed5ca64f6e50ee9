#!/usr/bin/env bash
# bench_axis_not_integer: an integer axis given a value that is not one (negative, too large,
# a word) is refused at --dry-run and before a run directory is written, not mid-run.
for v in -1 99999999999999999999T ten; do
    "$BUILD/benches/bench_triad" --axis=n="$v" --dry-run >/dev/null
    echo "dry run n=$v: exit $?"
done
"$BUILD/benches/bench_triad" --axis=n=-1 --output-dir="$TMP/run" >/dev/null
echo "run: exit $? $(test -e "$TMP/run" && echo written || echo nothing written)"
"$BUILD/benches/bench_triad" --axis=n=4K,1Mi --dry-run >/dev/null
echo "suffixes: exit $?"
