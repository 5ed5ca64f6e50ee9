#!/usr/bin/env bash
# export_html: export --format=html gives the report's page
"$BENCHGATE" export --format=html "$SRC/fixtures/results/small"
