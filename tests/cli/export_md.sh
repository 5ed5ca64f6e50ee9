#!/usr/bin/env bash
# export_md: the Markdown export (default format) of a run directory, one table per family
"$BENCHGATE" export "$SRC/fixtures/results/mixed" || exit $?
"$BENCHGATE" export --format=md "$SRC/fixtures/results/small/result.json"
