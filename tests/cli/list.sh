#!/usr/bin/env bash
# list
"$BENCHGATE" list --build-dir="$BUILD" | sed "s/\\/.*//"
