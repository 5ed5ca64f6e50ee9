#!/usr/bin/env bash
# datasets_bad_action
"$BENCHGATE" datasets frobnicate
