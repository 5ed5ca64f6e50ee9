#!/usr/bin/env bash
# summary_no_args: nothing to summarise is bad usage
"$BENCHGATE" summary --format=md
