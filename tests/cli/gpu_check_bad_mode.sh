#!/usr/bin/env bash
# gpu_check_bad_mode: scripts/gpu_check.sh refuses a mode it does not know (exit 2), before it
# configures or builds anything
BUILD_DIR="$TMP/build-gpu" bash "$SRC/scripts/gpu_check.sh" turbo
rc=$?
[ -e "$TMP/build-gpu" ] && echo "build folder created"
exit "$rc"
