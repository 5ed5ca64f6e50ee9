/* triad.c - STREAM triad from L1-resident to DRAM-resident sizes, in bytes per second. */
#include <benchgate/benchgate.h>
#include <float.h>

#include "kernels/cpu/triad.h"

static void triad(bg_state *s) {
    size_t n = (size_t)bg_axis_int(s, "n");
    double *a = bg_alloc(s, n * sizeof *a);
    double *b = bg_alloc(s, n * sizeof *b);
    double *c = bg_alloc(s, n * sizeof *c);
    triad_fill(b, c, n, bg_seed(s));
    bg_set_bytes_per_iter(s, 3.0 * (double)n * sizeof(double));
    bg_set_flops_per_iter(s, 2.0 * (double)n);
    BG_LOOP(s) {
        triad_cpu(a, b, c, 3.0, n);
        bg_do_not_optimize(a);
    }
    /* two roundings (multiply, add): at most 2 ulp from the exact result */
    bg_report_error(s, "max_rel_err", triad_check(a, b, c, 3.0, n), 2.0 * DBL_EPSILON);
}
/* 1024 doubles x 3 = 24 KiB (L1), 32768 = 768 KiB (L2), 1M = 24 MiB (LLC), 8M = 192 MiB (DRAM) */
BG_BENCHMARK(triad, .axes = "n=1024,32768,1048576,8388608");
