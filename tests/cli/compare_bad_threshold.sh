#!/usr/bin/env bash
# compare_bad_threshold
"$BENCHGATE" compare --threshold=lots a b
