#!/usr/bin/env bash
# unknown_verb
"$BENCHGATE" frobnicate
