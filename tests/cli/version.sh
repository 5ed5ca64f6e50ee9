#!/usr/bin/env bash
# version
"$BENCHGATE" --version
