/* gpu_triad.c - the STREAM triad on the GPU (float): 1M elements (12 MiB, fits in L2: hot and
 * cold differ), 16M, and 256M (3 GiB, the memory bandwidth). Run with --cold for L2 flushes. */
#include <benchgate/benchgate.h>
#if BENCHGATE_HAVE_CUDA
#include <benchgate/cuda.h>

#include "kernels/cuda/kernels.h"

static double check(bg_state *s, const float *da, const float *db, const float *dc, size_t n) {
    size_t k = n < 4096 ? n : 4096;
    float *a = bg_alloc(s, k * sizeof *a), *b = bg_alloc(s, k * sizeof *b);
    float *c = bg_alloc(s, k * sizeof *c);
    bg_cuda_check(s, cudaMemcpy(a, da + n - k, k * 4, cudaMemcpyDeviceToHost), "read a");
    bg_cuda_check(s, cudaMemcpy(b, db + n - k, k * 4, cudaMemcpyDeviceToHost), "read b");
    bg_cuda_check(s, cudaMemcpy(c, dc + n - k, k * 4, cudaMemcpyDeviceToHost), "read c");
    double worst = 0;
    for (size_t i = 0; i < k; i++) {
        double want = (double)b[i] + 3.0 * (double)c[i], err = (a[i] - want) / (want ? want : 1);
        worst = err < 0 ? (-err > worst ? -err : worst) : (err > worst ? err : worst);
    }
    return worst;
}
#endif

static void gpu_triad(bg_state *s) {
#if BENCHGATE_HAVE_CUDA
    size_t n = (size_t)bg_axis_int(s, "n");
    float *a = bg_cuda_alloc(s, n * 4), *b = bg_cuda_alloc(s, n * 4), *c = bg_cuda_alloc(s, n * 4);
    cudaStream_t st = bg_cuda_stream(s);
    bg_cuda_check(s, fill_cuda(b, n, bg_seed(s), st), "fill");
    bg_cuda_check(s, fill_cuda(c, n, bg_seed(s) + 1, st), "fill");
    bg_cuda_sync(s, "fill");
    bg_set_bytes_per_iter(s, 3.0 * (double)n * sizeof(float));
    bg_set_flops_per_iter(s, 2.0 * (double)n);
    bg_cuda_begin(s);
    BG_LOOP(s) {
        triad_cuda(a, b, c, 3.0f, n, st);
    }
    bg_cuda_sync(s, "triad");
    bg_report_error(s, "max_rel_err", check(s, a, b, c, n), 1e-6);
#else
    bg_skip(s, "no GPU: benchgate was built without CUDA");
#endif
}
BG_BENCHMARK(gpu_triad, .device = "cuda", .axes = "n=1M,16M,256M");
