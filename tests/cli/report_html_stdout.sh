#!/usr/bin/env bash
# report_html_stdout: the HTML report of a run with a regression, printed (--output=-)
"$BENCHGATE" report --html --output=- "$SRC/fixtures/results/mixed"
