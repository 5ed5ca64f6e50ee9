#!/usr/bin/env bash
# test_get_dataset_lint.sh SOURCE_DIR - scripts/get_dataset.sh is shellcheck-clean and uses no
# Bash 4 features (it must run on macOS's Bash 3.2). Exit 0 pass, 1 fail, 77 no shellcheck.
set -u
script=$1/scripts/get_dataset.sh
bash -n "$script" || exit 1
# Bash 4+: associative arrays, mapfile, case conversion, ;& and ;;&, &>>, [[ -v ]], ${x@Q}, |&
if grep -nE 'declare -A|local -A|mapfile|readarray|\$\{[A-Za-z_]+(,,|\^\^)|;;&|;&$|&>>|\[\[ -v |@[QEPAa]\}|\|&' "$script"; then
    echo "FAIL: $script uses a Bash 4 feature (above)"
    exit 1
fi
command -v shellcheck >/dev/null 2>&1 || { echo "skip: shellcheck is not installed"; exit 77; }
shellcheck --shell=bash "$script" || exit 1
echo "PASS: $script is shellcheck-clean and Bash 3.2-compatible"
