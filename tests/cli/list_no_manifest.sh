#!/usr/bin/env bash
# list_no_manifest
"$BENCHGATE" list --build-dir="$TMP/nothing-here"
