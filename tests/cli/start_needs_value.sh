#!/usr/bin/env bash
# start_needs_value
"$BENCHGATE" start --output-dir=
