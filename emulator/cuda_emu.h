/* cuda_emu.h - a CPU emulator for benchgate's CUDA code (force-included before each .cu compiled
 * as C++; BENCHGATE_CUDA=EMULATE builds every .cu this way). Each thread of a block is a host
 * thread, so __syncthreads and warp shuffles are real barriers; blocks run one after another.
 * The runtime (cudart_emu.cpp) and cuBLAS (cublas_emu.cpp) run synchronously on the host. It
 * checks what a GPU-less machine can check: indexing, bounds and tails (with AddressSanitizer),
 * barriers and shared-memory races (with ThreadSanitizer), and the harness's GPU path. It says
 * nothing about speed. */
#ifndef EMULATOR_CUDA_EMU_H
#define EMULATOR_CUDA_EMU_H

#define BG_CUDA_EMULATOR 1
/* Defined first, so the toolkit's host_defines.h leaves them alone. */
#define __global__
#define __device__
#define __host__
#define __shared__ static

#include <cuda_runtime_api.h>
#include <vector_functions.h>

#undef __launch_bounds__
#define __launch_bounds__(...)

#ifdef __cplusplus
#include <functional>

extern thread_local uint3 threadIdx, blockIdx;
extern dim3 blockDim, gridDim;

/** Runs fn once per thread of every block (blocks in order, the threads of a block at once). */
void bg_emu_launch(dim3 grid, dim3 block, cudaStream_t stream, const std::function<void()> &fn);

/** Sets what cudaGetLastError returns next (the runtime side, cudart_emu.cpp). */
void bg_emu_set_error(cudaError_t err);

void __syncthreads(void);
float __shfl_down_sync(unsigned mask, float value, int delta);
float atomicAdd(float *address, float value);

/* Separately rounded: the translation unit is built with -ffp-contract=off. */
static inline float __fadd_rn(float x, float y) {
    return x + y;
}
static inline float __fmul_rn(float x, float y) {
    return x * y;
}
#endif

#endif /* EMULATOR_CUDA_EMU_H */
