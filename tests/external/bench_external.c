/* bench_external.c - sums an array of ints; the benchmark of the find_package test project. */
#include <benchgate/benchgate.h>
#include <stdint.h>

static int64_t sum_ints(const int *v, size_t n) {
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i];
    return total;
}

static void sum(bg_state *s) {
    size_t n = (size_t)bg_axis_int(s, "n");
    int *v = bg_alloc(s, n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (int)(i % 100) - 49; /* -49..50: sums of 100 consecutive items are 50 */
    bg_set_bytes_per_iter(s, (double)(n * sizeof *v));
    bg_set_items_per_iter(s, (double)n);
    int64_t total = 0;
    BG_LOOP(s) {
        total = sum_ints(v, n);
        bg_do_not_optimize(&total);
    }
    /* closed form: each full block of 100 sums to 50; a last partial block of r items to
       r(r-1)/2 - 49r */
    int64_t r = (int64_t)(n % 100);
    int64_t expected = 50 * (int64_t)(n / 100) + r * (r - 1) / 2 - 49 * r;
    bg_report_error(s, "abs_err", (double)(total > expected ? total - expected : expected - total),
                    0.0);
}
BG_BENCHMARK(sum, .axes = "n=1000,4000");
