#!/usr/bin/env bash
# report_bad_result: a file that is not a result is refused, named
"$BENCHGATE" report --html "$SRC/fixtures/results/mixed/verdict.json"
