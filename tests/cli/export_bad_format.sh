#!/usr/bin/env bash
# export_bad_format: an unknown format is refused with the list of formats
"$BENCHGATE" export --format=xml "$SRC/fixtures/results/small"
