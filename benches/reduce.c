/* reduce.c - the sum of a float array on the CPU and the GPU; the error against a long double
 * reference is a metric. */
#include <benchgate/benchgate.h>
#include <float.h>
#include <math.h>

#include "kernels/cpu/reduce.h"
#if BENCHGATE_HAVE_CUDA
#include <benchgate/cuda.h>
#include <cuda_runtime_api.h>

#include "kernels/cuda/kernels.h"
#endif

/* The tolerance follows the error bound of the summation at this n: recursive summation of
 * n/8 + 8 terms (8 lanes, then the lanes), probabilistic form (Higham and Mary, 2019): with
 * positive data the relative error is below lambda * sqrt(m) * u with high probability,
 * u = FLT_EPSILON / 2, lambda = 6. A fixed 1e-5 failed at n = 256M (3.2e-5) while the sum was
 * right; a real bug (a dropped tail, a lane lost) is far beyond it. The tree sum of the GPU
 * has a smaller bound, so the same tolerance holds there. */
static double sum_tolerance(size_t n) {
    double m = (double)n / 8.0 + 8.0;
    return fmax(1e-6, 6.0 * sqrt(m) * (FLT_EPSILON / 2.0));
}

static double relative(float got, long double want) {
    return (double)(fabsl((long double)got - want) / (fabsl(want) > 0 ? fabsl(want) : 1));
}

static void reduce_on_cpu(bg_state *s, const float *x, size_t n, long double want) {
    float sum = 0;
    BG_LOOP(s) {
        sum = reduce_sum(x, n);
        bg_do_not_optimize(&sum);
    }
    bg_report_error(s, "rel_err", relative(sum, want), sum_tolerance(n));
}

#if BENCHGATE_HAVE_CUDA
static void reduce_on_gpu(bg_state *s, const float *x, size_t n, long double want) {
    float *dx = bg_cuda_alloc(s, n * sizeof *dx), *dsum = bg_cuda_alloc(s, sizeof *dsum), sum;
    cudaStream_t st = bg_cuda_stream(s);
    bg_cuda_check(s, cudaMemcpyAsync(dx, x, n * sizeof *x, cudaMemcpyHostToDevice, st), "upload");
    bg_cuda_sync(s, "upload");
    bg_cuda_begin(s);
    BG_LOOP(s) {
        reduce_cuda(dx, n, dsum, st);
    }
    bg_cuda_check(s, cudaMemcpyAsync(&sum, dsum, sizeof sum, cudaMemcpyDeviceToHost, st), "read");
    bg_cuda_sync(s, "reduce");
    bg_report_error(s, "rel_err", relative(sum, want), sum_tolerance(n));
}
#endif

static void reduce(bg_state *s) {
    size_t n = (size_t)bg_axis_int(s, "n");
    float *x = bg_alloc(s, n * sizeof *x);
    reduce_fill(x, n, bg_seed(s));
    long double want = reduce_reference(x, n);
    bg_set_bytes_per_iter(s, (double)n * sizeof *x);
    bg_set_flops_per_iter(s, (double)n);
    if (bg_device(s)[1] == 'p') /* "cpu" */
        reduce_on_cpu(s, x, n, want);
#if BENCHGATE_HAVE_CUDA
    else
        reduce_on_gpu(s, x, n, want);
#endif
}
BG_BENCHMARK(reduce, .axes = "device=cpu,cuda;n=1M,16M");
