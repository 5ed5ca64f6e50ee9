#!/usr/bin/env bash
# baseline_needs_run
"$BENCHGATE" baseline
