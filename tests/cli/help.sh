#!/usr/bin/env bash
# help
"$BENCHGATE" --help
