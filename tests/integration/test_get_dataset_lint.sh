#!/usr/bin/env bash
# test_get_dataset_lint.sh SOURCE_DIR - scripts/get_dataset.sh parses and is shellcheck-clean (it
# must run on macOS's Bash 3.2; integration.bash32_lint checks for newer features). Exit 0 pass,
# 1 fail, 77 no shellcheck.
set -u
script=$1/scripts/get_dataset.sh
bash -n "$script" || exit 1
# Bash 4 features: integration.bash32_lint checks every script, this one included.
command -v shellcheck >/dev/null 2>&1 || { echo "skip: shellcheck is not installed"; exit 77; }
shellcheck --shell=bash "$script" || exit 1
echo "PASS: $script parses and is shellcheck-clean"
