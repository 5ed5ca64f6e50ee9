/* good_bench.c - a benchmark that never fails. */
#include <benchgate/benchgate.h>

static void count_up(bg_state *s) {
    volatile int x = 0;
    BG_LOOP(s) {
        x++;
    }
}
BG_BENCHMARK(count_up);
