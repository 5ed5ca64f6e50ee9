#!/usr/bin/env bash
# start_positional
"$BENCHGATE" start extra
