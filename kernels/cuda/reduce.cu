/* reduce.cu - a float sum: grid-stride partial sums, warp shuffles, one atomic per block. */
#include "kernels.h"
#include "launch.h"

static __global__ void reduce_kernel(const float *x, size_t n, float *out) {
    float acc = 0;
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        acc += x[i];
    for (int off = 16; off > 0; off >>= 1)
        acc += __shfl_down_sync(0xffffffffu, acc, off);
    __shared__ float warp_sums[32];
    if ((threadIdx.x & 31) == 0)
        warp_sums[threadIdx.x >> 5] = acc;
    __syncthreads();
    if (threadIdx.x < 32) {
        acc = threadIdx.x < (blockDim.x >> 5) ? warp_sums[threadIdx.x] : 0.0f;
        for (int off = 16; off > 0; off >>= 1)
            acc += __shfl_down_sync(0xffffffffu, acc, off);
        if (threadIdx.x == 0)
            atomicAdd(out, acc);
    }
}

extern "C" cudaError_t reduce_cuda(const float *x, size_t n, float *out, cudaStream_t stream) {
    cudaError_t err = cudaMemsetAsync(out, 0, sizeof *out, stream);
    if (err != cudaSuccess)
        return err;
    size_t blocks = (n + 1023) / 1024;
    unsigned grid = (unsigned)(blocks < 132 * 8 ? (blocks ? blocks : 1) : 132 * 8);
    BG_LAUNCH(reduce_kernel, grid, 1024, stream, x, n, out);
    return cudaGetLastError();
}
