/* triad.cu - the STREAM triad (float4 when the arrays allow) and a seeded fill, grid-stride. */
#include "kernels.h"
#include "launch.h"

/* Scalar, for any alignment and the tail of the vector version. */
static __global__ void triad_kernel(float *a, const float *b, const float *c, float s, size_t n) {
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        a[i] = b[i] + s * c[i];
}

/* 16-byte loads and stores (fewer memory instructions per byte), n4 = n / 4 vectors; the last
 * n % 4 elements are done by the first threads of the grid. */
static __global__ void triad4_kernel(float4 *a, const float4 *b, const float4 *c, float s,
                                     size_t n4, float *tail_a, const float *tail_b,
                                     const float *tail_c, unsigned tail) {
    size_t first = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = first; i < n4; i += stride) {
        float4 x = b[i], y = c[i];
        a[i] = make_float4(x.x + s * y.x, x.y + s * y.y, x.z + s * y.z, x.w + s * y.w);
    }
    if (first < tail)
        tail_a[first] = tail_b[first] + s * tail_c[first];
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

static int aligned16(const void *p) {
    return ((size_t)p & 15) == 0;
}

extern "C" cudaError_t triad_cuda(float *a, const float *b, const float *c, float s, size_t n,
                                  cudaStream_t stream) {
    if (!aligned16(a) || !aligned16(b) || !aligned16(c)) {
        BG_LAUNCH(triad_kernel, blocks_for(n), 256, stream, a, b, c, s, n);
        return cudaGetLastError();
    }
    size_t n4 = n / 4, done = n4 * 4;
    BG_LAUNCH(triad4_kernel, blocks_for(n4 > 0 ? n4 : 1), 256, stream, (float4 *)a,
              (const float4 *)b, (const float4 *)c, s, n4, a + done, b + done, c + done,
              (unsigned)(n - done));
    return cudaGetLastError();
}

extern "C" cudaError_t fill_cuda(float *x, size_t n, unsigned long long seed, cudaStream_t stream) {
    BG_LAUNCH(fill_kernel, blocks_for(n), 256, stream, x, n, seed);
    return cudaGetLastError();
}
