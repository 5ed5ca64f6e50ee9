#!/usr/bin/env bash
# start_bench_regex: --bench is checked as --filter is (a valid regex, no runaway quantifiers)
# before any bench is listed or run; before, a broken one said "no benchmark matches".
"$BENCHGATE" start --build-dir="$BUILD" --bench="(" --output-dir="$TMP/run"
echo "unbalanced: exit $? $(test -e "$TMP/run" && echo written || echo nothing written)"
"$BENCHGATE" start --build-dir="$BUILD" --bench="^tri++++++++++++++++++++v" --dry-run
echo "blow-up: exit $?"
"$BENCHGATE" start --build-dir="$BUILD" --bench="^(triad|reduce)\$" --dry-run | grep -c '^would run'
exit 0
