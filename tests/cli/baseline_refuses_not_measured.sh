#!/usr/bin/env bash
# baseline_refuses_not_measured: over a good stored baseline, a run that is not a measurement
# (schema-invalid, unparsable, incomplete, failed, skipped or unmeasured where the baseline has
# it ok, empty, a benchmark missing) is refused with --force too: exit 2, the run, benchmark and
# problem named, the stored file byte-identical (cmp)
list=$("$PY" "$SRC/tests/cli/broken_results.py" "$SRC/fixtures/results/small/result.json" "$TMP") || exit 9
mkdir -p "$TMP/run" && cp "$TMP/good.json" "$TMP/run/result.json"
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 >/dev/null || exit 9
stored="$TMP/bl/c1/benchgate.json"
cp "$stored" "$TMP/before"
for bad in $list incomplete error skipped metric_skipped empty one_missing; do
    cp "$TMP/$bad.json" "$TMP/run/result.json"
    "$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 --force >"$TMP/out" 2>>"$TMP/err"
    rc=$?
    if cmp -s "$TMP/before" "$stored"; then kept=kept; else kept=CHANGED; fi
    grep -q '^wrote' "$TMP/out" && kept="$kept, but says wrote"
    echo "$bad: exit $rc, baseline $kept"
done
cat "$TMP/err" >&2
# and the good run is still accepted (the refusals are not of everything)
cp "$TMP/good.json" "$TMP/run/result.json"
"$BENCHGATE" baseline --run="$TMP/run" --dir="$TMP/bl" --class=c1 >/dev/null
echo "good again: exit $?"
