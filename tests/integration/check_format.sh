#!/usr/bin/env bash
# check_format.sh - every C source and header of the tree is as .clang-format says
# (clang-format --dry-run --Werror); the CUDA sources are left to their authors (clang-format
# breaks <<<...>>> launches across lines).
# Usage: check_format.sh SOURCE_DIR   Exit: 0 formatted, 1 not (each file named), 77 no clang-format.
set -u
src=${1:?usage: check_format.sh SOURCE_DIR}
command -v clang-format >/dev/null 2>&1 || { echo "SKIP: clang-format not installed"; exit 77; }
cd "$src" || exit 1
files=()
while IFS= read -r f; do files+=("$f"); done < <(find src include tests benches kernels tools \
    plugins emulator -type f \( -name '*.c' -o -name '*.h' \) -not -path 'tests/fuzz/corpus/*' \
    2>/dev/null | sort)
[ ${#files[@]} -gt 0 ] || { echo "FAIL: no C files found under $src"; exit 1; }
bad=$(clang-format --dry-run --Werror "${files[@]}" 2>&1 | grep -o '^[^:]*:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u)
if [ -n "$bad" ]; then
    echo "FAIL: not formatted (clang-format -i FILE):"
    echo "$bad"
    exit 1
fi
echo "ok: ${#files[@]} files formatted as .clang-format says ($(clang-format --version | head -n 1))"
