/* empty_bench.c - a benchmark whose loop body the compiler deletes (nothing reaches
 * bg_do_not_optimize): the harness must say so at once, not calibrate to 2^40 iterations and
 * sample for minutes (tests/cli/bench_deleted_body). */
#include <benchgate/benchgate.h>

static void deleted(bg_state *s) {
    unsigned x = 0;
    BG_LOOP(s) {
        x += 3; /* dead: never used */
    }
    (void)x;
}
BG_BENCHMARK(deleted)
