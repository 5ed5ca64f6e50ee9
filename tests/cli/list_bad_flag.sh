#!/usr/bin/env bash
# list_bad_flag
"$BENCHGATE" list --colour
