/* sgemm.cu - tiled SGEMM: 128x128 block tiles through shared memory (A stored transposed),
 * K steps of 8, each of the 256 threads computing an 8x8 register block, float4 loads. */
#include "kernels.h"
#include "launch.h"

enum { BM = 128, BN = 128, BK = 8, TM = 8, TN = 8, THREADS = (BM / TM) * (BN / TN) };

static __global__ void __launch_bounds__(THREADS)
    sgemm_tiled(int m, int n, int k, const float *__restrict__ a, const float *__restrict__ b,
                float *__restrict__ c) {
    __shared__ __align__(16) float as[BK * BM]; /* float4 stores need 16-byte alignment */
    __shared__ __align__(16) float bs[BK * BN];
    const int thread_col = threadIdx.x % (BN / TN), thread_row = threadIdx.x / (BN / TN);
    const int a_row = threadIdx.x / (BK / 4), a_col = threadIdx.x % (BK / 4);
    const int b_row = threadIdx.x / (BN / 4), b_col = threadIdx.x % (BN / 4);
    a += (size_t)blockIdx.y * BM * k;
    b += (size_t)blockIdx.x * BN;
    c += (size_t)blockIdx.y * BM * n + (size_t)blockIdx.x * BN;
    float acc[TM * TN] = {0}, reg_m[TM], reg_n[TN];
    for (int kb = 0; kb < k; kb += BK) {
        float4 t = *reinterpret_cast<const float4 *>(&a[(size_t)a_row * k + a_col * 4]);
        as[(a_col * 4 + 0) * BM + a_row] = t.x;
        as[(a_col * 4 + 1) * BM + a_row] = t.y;
        as[(a_col * 4 + 2) * BM + a_row] = t.z;
        as[(a_col * 4 + 3) * BM + a_row] = t.w;
        *reinterpret_cast<float4 *>(&bs[b_row * BN + b_col * 4]) =
            *reinterpret_cast<const float4 *>(&b[(size_t)b_row * n + b_col * 4]);
        __syncthreads();
        a += BK;
        b += (size_t)BK * n;
#pragma unroll
        for (int d = 0; d < BK; d++) {
#pragma unroll
            for (int i = 0; i < TM; i++)
                reg_m[i] = as[d * BM + thread_row * TM + i];
#pragma unroll
            for (int j = 0; j < TN; j++)
                reg_n[j] = bs[d * BN + thread_col * TN + j];
#pragma unroll
            for (int i = 0; i < TM; i++)
#pragma unroll
                for (int j = 0; j < TN; j++)
                    acc[i * TN + j] += reg_m[i] * reg_n[j];
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < TM; i++)
#pragma unroll
        for (int j = 0; j < TN; j += 4)
            *reinterpret_cast<float4 *>(
                &c[(size_t)(thread_row * TM + i) * n + thread_col * TN + j]) =
                make_float4(acc[i * TN + j], acc[i * TN + j + 1], acc[i * TN + j + 2],
                            acc[i * TN + j + 3]);
}

extern "C" cudaError_t sgemm_tiled_cuda(int m, int n, int k, const float *a, const float *b,
                                        float *c, cudaStream_t stream) {
    if (m % BM || n % BN || k % BK)
        return cudaErrorInvalidValue;
    dim3 grid((unsigned)(n / BN), (unsigned)(m / BM));
    BG_LAUNCH(sgemm_tiled, grid, THREADS, stream, m, n, k, a, b, c);
    return cudaGetLastError();
}
