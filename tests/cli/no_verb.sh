#!/usr/bin/env bash
# no_verb
"$BENCHGATE"
