/* emu_kernels.cpp - the CUDA kernels, unchanged, compiled for the CPU emulator. */
#include "cuda_emu.h"

#include "kernels/cuda/mlp.cu"
#include "kernels/cuda/reduce.cu"
#include "kernels/cuda/sgemm.cu"
#include "kernels/cuda/triad.cu"
