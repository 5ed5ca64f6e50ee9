#!/usr/bin/env bash
# baseline_drop: a benchmark leaves a baseline only by --drop=REGEX (shown as "dropped"); a first
# baseline may hold skipped instances, never failed ones, and is never empty
"$PY" "$SRC/tests/cli/broken_results.py" "$SRC/fixtures/results/small/result.json" "$TMP" >/dev/null || exit 9
use() { mkdir -p "$TMP/run" && cp "$TMP/$1.json" "$TMP/run/result.json"; }
use good
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 >/dev/null || exit 9
stored="$TMP/bl/c1/benchgate.json"
use one_missing
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 --drop='(' >/dev/null
echo "drop not a regex: exit $?"
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 --drop='^triad/'
echo "drop triad: exit $?"
echo "triad left in the baseline: $(grep -c '"triad/' "$stored")"
echo "overhead left in the baseline: $(grep -c '"overhead/cpu"' "$stored")"
use good
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 --drop='^triad/' >/dev/null
echo "drop from the run too: exit $?, triad in the baseline: $(grep -c '"triad/' "$stored")"
# a first baseline
for first in error empty incomplete skipped; do
    use "$first"
    "$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/first-$first" --class=c1 >/dev/null
    echo "first baseline from $first: exit $?, files: $(find "$TMP/first-$first" -name '*.json' | wc -l)"
done
use good
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/first-all" --class=c1 --drop=. >/dev/null
echo "first baseline with everything dropped: exit $?"
