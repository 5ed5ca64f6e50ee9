#!/usr/bin/env bash
# compare_one_arg
"$BENCHGATE" compare a.json
