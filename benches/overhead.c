/* overhead.c - the harness's own cost per iteration: an empty counted loop. */
#include <benchgate/benchgate.h>

static void overhead(bg_state *s) {
    BG_LOOP(s) {
        bg_clobber_memory();
    }
}
BG_BENCHMARK(overhead);
