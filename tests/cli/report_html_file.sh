#!/usr/bin/env bash
# report_html_file: the default output is report.html in the run directory
cp -R "$SRC/fixtures/results/small" "$TMP/run" && "$BENCHGATE" report --html "$TMP/run" && grep -c "<h2>" "$TMP/run/report.html"
