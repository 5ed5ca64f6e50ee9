/* sgemm.c - single-precision matrix product, 2 n^3 FLOP per iteration: naive and cache-blocked on
 * the CPU; a shared-memory tiled kernel and cuBLAS on the GPU. The error against a
 * double-precision reference (sampled entries) is a metric. */
#include <benchgate/benchgate.h>
#include <string.h>

#include "kernels/cpu/sgemm.h"
#if BENCHGATE_HAVE_CUDA
#include <benchgate/cuda.h>
#include <cublas_v2.h>

#include "kernels/cuda/kernels.h"
#endif

#define TOLERANCE 1e-5

static void inputs(bg_state *s, size_t n, float **a, float **b, float **c) {
    *a = bg_alloc(s, n * n * sizeof **a);
    *b = bg_alloc(s, n * n * sizeof **b);
    *c = bg_alloc(s, n * n * sizeof **c);
    sgemm_fill(*a, n * n, bg_seed(s));
    sgemm_fill(*b, n * n, bg_seed(s) + 1);
    bg_set_flops_per_iter(s, 2.0 * (double)n * (double)n * (double)n);
}

static void sgemm(bg_state *s) {
    size_t n = (size_t)bg_axis_int(s, "n");
    int blocked = strcmp(bg_axis_str(s, "impl"), "blocked") == 0;
    float *a, *b, *c;
    inputs(s, n, &a, &b, &c);
    BG_LOOP(s) {
        if (blocked)
            sgemm_blocked(n, n, n, a, b, c);
        else
            sgemm_naive(n, n, n, a, b, c);
        bg_do_not_optimize(c);
    }
    bg_report_error(s, "rel_err", sgemm_check(n, n, n, a, b, c, 256, bg_seed(s)), TOLERANCE);
}
BG_BENCHMARK(sgemm, .axes = "impl=naive,blocked;n=128,256");

#if BENCHGATE_HAVE_CUDA
/* Row-major C = A B is column-major C^T = B^T A^T: cuBLAS gets B first. */
static void gpu_product(bg_state *s, cublasHandle_t h, int cublas, int n, const float *a,
                        const float *b, float *c) {
    const float one = 1, zero = 0;
    if (cublas)
        cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, b, n, a, n, &zero, c, n);
    else
        sgemm_tiled_cuda(n, n, n, a, b, c, bg_cuda_stream(s));
}

static void gpu_sgemm_run(bg_state *s) {
    int n = (int)bg_axis_int(s, "n"), cublas = strcmp(bg_axis_str(s, "impl"), "cublas") == 0;
    float *a, *b, *c;
    inputs(s, (size_t)n, &a, &b, &c);
    size_t bytes = (size_t)n * n * sizeof(float);
    float *da = bg_cuda_alloc(s, bytes), *db = bg_cuda_alloc(s, bytes),
          *dc = bg_cuda_alloc(s, bytes);
    bg_cuda_check(s, cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice), "upload");
    bg_cuda_check(s, cudaMemcpy(db, b, bytes, cudaMemcpyHostToDevice), "upload");
    cublasHandle_t h = NULL;
    if (cublas && cublasCreate(&h) != CUBLAS_STATUS_SUCCESS)
        bg_fail(s, "cublasCreate failed");
    if (h) {
        cublasSetStream(h, bg_cuda_stream(s));
        cublasSetMathMode(h, CUBLAS_DEFAULT_MATH); /* FP32, not TF32 */
    }
    bg_cuda_begin(s);
    BG_LOOP(s) {
        gpu_product(s, h, cublas, n, da, db, dc);
    }
    bg_cuda_sync(s, cublas ? "cublasSgemm" : "sgemm_tiled");
    if (h)
        cublasDestroy(h);
    bg_cuda_check(s, cudaMemcpy(c, dc, bytes, cudaMemcpyDeviceToHost), "download");
    bg_report_error(s, "rel_err",
                    sgemm_check((size_t)n, (size_t)n, (size_t)n, a, b, c, 256, bg_seed(s)),
                    TOLERANCE);
}
#endif

static void gpu_sgemm(bg_state *s) {
#if BENCHGATE_HAVE_CUDA
    gpu_sgemm_run(s);
#else
    bg_skip(s, "no GPU: benchgate was built without CUDA");
#endif
}
BG_BENCHMARK(gpu_sgemm, .device = "cuda", .axes = "impl=tiled,cublas;n=1024,4096");
