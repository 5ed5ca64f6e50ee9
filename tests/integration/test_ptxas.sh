#!/usr/bin/env bash
# test_ptxas.sh NVCC SOURCE_DIR - what the compiler says of the CUDA kernels for Hopper (sm_90),
# checked without a GPU: no kernel spills registers to local memory, and the tiled SGEMM keeps
# to 128 registers per thread, so two of its 256-thread blocks fit on one SM (65536 registers).
set -u
nvcc=$1 src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/ptxas.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for cu in "$src"/kernels/cuda/*.cu; do
    if ! "$nvcc" -arch=sm_90 -O3 -Xptxas -v -c "$cu" -o "$work/k.o" >"$work/log" 2>&1; then
        echo "FAIL: nvcc could not compile $cu:"
        cat "$work/log"
        exit 1
    fi
    kernels=$(grep -c "Compiling entry function" "$work/log")
    spills=$(grep -E "[1-9][0-9]* bytes spill (stores|loads)" "$work/log")
    echo "$(basename "$cu"): $kernels kernel(s); $(grep -o "Used [0-9]* registers" "$work/log" | tr '\n' ' ')"
    if [ "$kernels" -lt 1 ]; then
        echo "FAIL: $cu: ptxas reported no kernel"
        status=1
    fi
    if [ -n "$spills" ]; then
        echo "FAIL: $cu spills registers: $spills"
        status=1
    fi
    if [ "$(basename "$cu")" = sgemm.cu ]; then
        regs=$(grep -A3 "entry function '.*sgemm_tiled" "$work/log" | grep -o "Used [0-9]* registers" | grep -o "[0-9]*")
        if [ -z "$regs" ] || [ "$regs" -gt 128 ]; then
            echo "FAIL: sgemm_tiled uses ${regs:-?} registers per thread (at most 128 for two blocks per SM)"
            status=1
        fi
    fi
done
[ "$status" = 0 ] && echo "ptxas: every kernel compiles for sm_90 without spills"
exit "$status"
