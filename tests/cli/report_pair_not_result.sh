#!/usr/bin/env bash
# report_pair_not_result: a JSON file that is not a result, as A or as B, is refused, named;
# no report.html is written
cp -R "$SRC/fixtures/results/mixed" "$TMP/b" && rm -f "$TMP/b/report.html" || exit 1
"$BENCHGATE" report --html "$TMP/b/verdict.json" "$TMP/b"
a=$?
"$BENCHGATE" report --html "$TMP/b" "$TMP/b/verdict.json"
b=$?
ls "$TMP"/b/report.html "$TMP"/report.html 2>/dev/null && echo "a report was written"
echo "exits $a $b"
exit $b
