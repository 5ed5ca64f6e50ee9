/* features_bench.c - threads and complexity from an installed benchgate. */
#include <benchgate/benchgate.h>
#include <stdatomic.h>
#include <stdint.h>

static atomic_uint_least64_t shared_hits;

/* Every thread adds to one shared counter; thread indexes are reported as a check. */
static void shared_add(bg_state *s) {
    int me = bg_thread_index(s), count = bg_thread_count(s);
    double adds = 0;
    BG_LOOP(s) {
        atomic_fetch_add_explicit(&shared_hits, 1, memory_order_relaxed);
        adds += 1;
    }
    /* Google Benchmark's counter flags: adds per iteration (1), and per second of all threads */
    bg_report_counter(s, "adds_per_iter", adds, BG_COUNTER_AVG_ITERATIONS, BG_NEITHER);
    bg_report_counter(s, "adds_rate", adds, BG_COUNTER_RATE | BG_COUNTER_1024, BG_HIGHER_IS_BETTER);
    if (me == count - 1) /* the last thread says how many there were */
        bg_report_metric(s, "threads_seen", "count", (double)count, BG_NEITHER);
    bg_report_error(s, "index_out_of_range", me >= 0 && me < count ? 0.0 : 1.0, 0.0);
}
BG_BENCHMARK(shared_add, .threads = "1,2");

/* Every pair of n values: O(N^2). */
static void pairs(bg_state *s) {
    int64_t n = bg_axis_int(s, "n");
    uint32_t *v = bg_alloc(s, (size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++)
        v[i] = (uint32_t)(i * 2654435761u);
    bg_set_complexity_n(s, n);
    uint32_t acc = 0;
    BG_LOOP(s) {
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                acc += v[i] ^ v[j];
        bg_do_not_optimize(&acc);
    }
}
BG_BENCHMARK(pairs, .axes = "n=64,128,256,512,1024", .complexity = "auto");
