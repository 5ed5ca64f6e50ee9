/* triad.cu - the STREAM triad and a seeded fill, grid-stride. */
#include "kernels.h"

static __global__ void triad_kernel(float *a, const float *b, const float *c, float s, size_t n) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        a[i] = b[i] + s * c[i];
}

static __global__ void fill_kernel(float *x, size_t n, unsigned long long seed) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        unsigned long long z = seed + i * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        x[i] = (float)((z ^ (z >> 31)) >> 40) / 16777216.0f;
    }
}

static unsigned blocks_for(size_t n) {
    size_t b = (n + 255) / 256;
    return (unsigned)(b < 132 * 32 ? (b ? b : 1) : 132 * 32);
}

extern "C" cudaError_t triad_cuda(float *a, const float *b, const float *c, float s, size_t n,
                                  cudaStream_t stream) {
    triad_kernel<<<blocks_for(n), 256, 0, stream>>>(a, b, c, s, n);
    return cudaGetLastError();
}

extern "C" cudaError_t fill_cuda(float *x, size_t n, unsigned long long seed,
                                 cudaStream_t stream) {
    fill_kernel<<<blocks_for(n), 256, 0, stream>>>(x, n, seed);
    return cudaGetLastError();
}
