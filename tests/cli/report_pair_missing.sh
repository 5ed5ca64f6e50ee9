#!/usr/bin/env bash
# report_pair_missing: a missing second result is bad input, named; no report.html is written
cp -R "$SRC/fixtures/results/small" "$TMP/a" || exit 1
"$BENCHGATE" report --html "$TMP/a" "$TMP/nope"
rc=$?
ls "$TMP"/report.html "$TMP"/a/report.html "$TMP"/nope 2>/dev/null && echo "a report was written"
exit $rc
