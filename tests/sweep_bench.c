/* sweep_bench.c - a family of tiny instances for the large-sweep figures and tests
 * (scripts/sweep_figures.sh, tests/cli/sweep_*): its axes i, j and k are widened with --axis to
 * give 200, 1,000 or 10,000 instances, each a few nanoseconds of work. */
#include <benchgate/benchgate.h>

static void tiny(bg_state *s) {
    long x = bg_axis_int(s, "i") + bg_axis_int(s, "j") + bg_axis_int(s, "k");
    BG_LOOP(s) {
        x = x * 3 + 1;
        bg_do_not_optimize(&x);
    }
}
BG_BENCHMARK(tiny, .axes = "i=0;j=0;k=0")
