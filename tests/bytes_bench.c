/* bytes_bench.c - a benchmark whose message holds bytes that are not UTF-8 and a terminal
 * escape, for tests/cli/export_broken_bytes: every output must still be valid UTF-8. */
#include <benchgate/benchgate.h>

static void broken_bytes(bg_state *s) {
    bg_fail(s, "kernel said: %s", "caf\xe9 \xff \x1b[31mred\xe2\x82");
}
BG_BENCHMARK(broken_bytes)

static void fine(bg_state *s) {
    BG_LOOP(s) {
        int x = 1;
        bg_do_not_optimize(&x);
    }
}
BG_BENCHMARK(fine)
