#!/usr/bin/env bash
# report_pair_three: at most two results (a baseline and a run); a third is named; nothing is
# written
cp -R "$SRC/fixtures/results/small" "$TMP/a" && cp -R "$SRC/fixtures/results/mixed" "$TMP/b" || exit 1
"$BENCHGATE" report --html "$TMP/a" "$TMP/b" "$TMP/a"
rc=$?
ls "$TMP"/a/report.html "$TMP"/b/report.html 2>/dev/null && echo "a report was written"
exit $rc
