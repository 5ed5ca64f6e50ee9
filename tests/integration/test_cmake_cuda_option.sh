#!/usr/bin/env bash
# test_cmake_cuda_option.sh SOURCE_DIR - configuring with a BENCHGATE_CUDA value CMake does not
# know fails, names the option and the value, and generates no build files.
set -u
src=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/cuda_option.XXXXXX")
trap 'rm -rf "$work"' EXIT
if cmake -S "$src" -B "$work/b" -DBENCHGATE_CUDA=MAYBE >"$work/log" 2>&1; then
    echo "FAIL: configure accepted BENCHGATE_CUDA=MAYBE"
    exit 1
fi
grep -F "BENCHGATE_CUDA must be AUTO, ON, OFF or EMULATE (got 'MAYBE')" "$work/log" ||
    { echo "FAIL: no message naming the option:"; cat "$work/log"; exit 1; }
if [ -e "$work/b/build.ninja" ] || [ -e "$work/b/Makefile" ]; then
    echo "FAIL: build files were generated"
    exit 1
fi
echo "PASS: BENCHGATE_CUDA=MAYBE refused with the option named"
