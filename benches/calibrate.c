/* calibrate.c - this machine's ceilings, for `benchgate calibrate`: CPU bandwidth of each memory
 * level (a triad over half of L1d, L2, L3, and 384 MiB) and arithmetic throughput (independent
 * multiply-add chains), GPU device-to-device copy bandwidth and cuBLAS FP32 SGEMM at 8192^3. Not
 * part of the suite. */
#include <benchgate/benchgate.h>
#include <benchgate/system.h>
#include <string.h>

#include "kernels/cpu/triad.h"
#if BENCHGATE_HAVE_CUDA
#include <benchgate/cuda.h>
#include <cublas_v2.h>
#endif

/* The bytes of the three triad arrays for a memory level: half of one core's L1d or L2, half
 * of L3 (at least 4x L2, so not L2's), and 384 MiB (at least 8x L3) for DRAM. */
static size_t level_bytes(bg_state *s, const char *level) {
    size_t l1 = bg_cache_size(1), l2 = bg_cache_size(2), l3 = bg_cache_size(3);
    if (strcmp(level, "DRAM") == 0)
        return l3 * 8 > ((size_t)384 << 20) ? l3 * 8 : (size_t)384 << 20;
    size_t size = strcmp(level, "L1") == 0 ? l1 : strcmp(level, "L2") == 0 ? l2 : l3;
    if (size == 0)
        bg_skip(s, "the %s cache size of this machine is unknown", level);
    if (strcmp(level, "L3") == 0 && size / 2 < 4 * l2)
        bg_skip(s, "L3 (%zu KiB) is not larger than 8x L2: no separate level", size >> 10);
    return size / 2;
}

static void ceiling_cpu_bandwidth(bg_state *s) {
    size_t n = level_bytes(s, bg_axis_str(s, "level")) / 24 / 8 * 8;
    double *a = bg_alloc(s, n * 8), *b = bg_alloc(s, n * 8), *c = bg_alloc(s, n * 8);
    triad_fill(b, c, n, bg_seed(s));
    bg_set_bytes_per_iter(s, 3.0 * (double)n * 8);
    BG_LOOP(s) {
        triad_cpu(a, b, c, 3.0, n);
        bg_do_not_optimize(a);
    }
}
BG_BENCHMARK(ceiling_cpu_bandwidth, .axes = "level=L1,L2,L3,DRAM");

#define LANES 64
#define STEPS 4096

static void ceiling_cpu_flops(bg_state *s) {
    float acc[LANES];
    for (int k = 0; k < LANES; k++)
        acc[k] = (float)k;
    bg_set_flops_per_iter(s, 2.0 * LANES * STEPS);
    BG_LOOP(s) {
        for (int t = 0; t < STEPS; t++)
            for (int k = 0; k < LANES; k++)
                acc[k] = acc[k] * 0.999999f + 1e-7f;
        bg_do_not_optimize(acc);
    }
}
BG_BENCHMARK(ceiling_cpu_flops);

static void ceiling_gpu_copy(bg_state *s) {
#if BENCHGATE_HAVE_CUDA
    size_t bytes = (size_t)bg_axis_int(s, "mib") << 20;
    void *src = bg_cuda_alloc(s, bytes), *dst = bg_cuda_alloc(s, bytes);
    bg_set_bytes_per_iter(s, 2.0 * (double)bytes); /* read + written */
    bg_cuda_begin(s);
    BG_LOOP(s) {
        cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToDevice, bg_cuda_stream(s));
    }
    bg_cuda_sync(s, "copy");
#else
    bg_skip(s, "no GPU: benchgate was built without CUDA");
#endif
}
BG_BENCHMARK(ceiling_gpu_copy, .device = "cuda", .axes = "mib=1024");

static void ceiling_gpu_sgemm(bg_state *s) {
#if BENCHGATE_HAVE_CUDA
    int n = (int)bg_axis_int(s, "n");
    size_t bytes = (size_t)n * n * sizeof(float);
    float *a = bg_cuda_alloc(s, bytes), *b = bg_cuda_alloc(s, bytes), *c = bg_cuda_alloc(s, bytes);
    cudaMemset(a, 0, bytes);
    cudaMemset(b, 0, bytes);
    cublasHandle_t h;
    if (cublasCreate(&h) != CUBLAS_STATUS_SUCCESS)
        bg_fail(s, "cublasCreate failed");
    cublasSetStream(h, bg_cuda_stream(s));
    cublasSetMathMode(h, CUBLAS_DEFAULT_MATH);
    const float one = 1, zero = 0;
    bg_set_flops_per_iter(s, 2.0 * n * (double)n * n);
    bg_cuda_begin(s);
    BG_LOOP(s) {
        cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, a, n, b, n, &zero, c, n);
    }
    bg_cuda_sync(s, "cublasSgemm");
    cublasDestroy(h);
#else
    bg_skip(s, "no GPU: benchgate was built without CUDA");
#endif
}
BG_BENCHMARK(ceiling_gpu_sgemm, .device = "cuda", .axes = "n=8192");
