/* kernels.h - the CUDA kernels measured by the GPU benchmarks (a C API; no harness headers).
 * Every launcher is asynchronous on `stream` and returns the launch error. */
#ifndef KERNELS_CUDA_KERNELS_H
#define KERNELS_CUDA_KERNELS_H

#include <cuda_runtime_api.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** a[i] = b[i] + s * c[i], grid-stride; 16-byte vectors when all three arrays are aligned. */
cudaError_t triad_cuda(float *a, const float *b, const float *c, float s, size_t n,
                       cudaStream_t stream);

/** *out = sum of x[0..n) (out is zeroed first, on the stream). */
cudaError_t reduce_cuda(const float *x, size_t n, float *out, cudaStream_t stream);

/** C = A * B, row-major, m, n multiples of 128 and k of 8: shared-memory tiles with 8x8
 * register blocking per thread and vectorised loads. */
cudaError_t sgemm_tiled_cuda(int m, int n, int k, const float *a, const float *b, float *c,
                             cudaStream_t stream);

/** out[r][o] = act(b[o] + sum_i w[o][i] in[r][i]), bias and ReLU fused; products and sums are
 * rounded separately (no FMA), in the CPU's order, so results equal the CPU reference. */
cudaError_t dense_cuda(const float *in, int rows, int n_in, const float *w, const float *b,
                       int n_out, int relu, float *out, cudaStream_t stream);

/** x[r][o] = act(x[r][o] + b[o]): the bias and ReLU after a cuBLAS product. */
cudaError_t bias_act_cuda(float *x, int rows, int cols, const float *b, int relu,
                          cudaStream_t stream);

/** Fills x with reproducible values in [0, 1) (seeded, on the device). */
cudaError_t fill_cuda(float *x, size_t n, unsigned long long seed, cudaStream_t stream);

#ifdef __cplusplus
}
#endif

#endif /* KERNELS_CUDA_KERNELS_H */
