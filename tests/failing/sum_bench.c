/* sum_bench.c - a sum whose correctness check fails when DROP=1 drops the last element. */
#include <benchgate/benchgate.h>
#include <stdlib.h>

static long sum(const int *v, size_t n) {
    long t = 0;
    for (size_t i = 0; i < n; i++)
        t += v[i];
    return t;
}

static void sum_ints(bg_state *s) {
    size_t n = 4096, used = getenv("DROP") ? n - 1 : n;
    int *v = bg_alloc(s, n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = 1;
    long r = 0;
    BG_LOOP(s) {
        r = sum(v, used);
        bg_do_not_optimize(&r);
    }
    bg_report_error(s, "abs_err", labs(r - (long)n), 0);
}
BG_BENCHMARK(sum_ints);
