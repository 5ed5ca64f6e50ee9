#!/usr/bin/env bash
# report_needs_html: benchgate report without --html is a usage error
"$BENCHGATE" report "$SRC/fixtures/results/mixed"
