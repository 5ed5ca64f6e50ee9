#!/usr/bin/env bash
# report_html_chart_width: each family's chart spans the main column: the SVG is 100% wide
# (its height follows the viewBox), drawn at the column's width, its label column sized to
# the labels
"$BENCHGATE" report --html --output=- "$SRC/fixtures/results/small" >"$TMP/page.html" || exit 1
grep -o '<svg[^>]*>' "$TMP/page.html" | grep -c 'class="chart" width="100%" height="[0-9]*" viewBox="0 0 1116 '
grep -o '\.chart{display:block;box-sizing:border-box;width:100%;height:auto' "$TMP/page.html"
grep -o 'font-family="monospace" fill="#1f2933" text-anchor="end">[^<]*<' "$TMP/page.html"
# the first gridline of each chart: where its bars start, after its labels (cpu; cpu/n=1024)
awk '/<svg/ {first = 1} first && /<line x1=/ {v = substr($2, 5); sub(/"/, "", v); print "first gridline at x=" v; first = 0}' "$TMP/page.html"
