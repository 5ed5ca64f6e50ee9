/* range_bench.c - a family whose axes are ranges in its BG_BENCHMARK .axes: n geometric
 * (1<<10..1<<16:*4) and m linear (0..20:+10), their product as Google Benchmark's ArgsProduct
 * of a Range and a DenseRange (tests/cli/axis_ranges). */
#include <benchgate/benchgate.h>

static void ranged(bg_state *s) {
    long x = (long)(bg_axis_int(s, "n") + bg_axis_int(s, "m"));
    BG_LOOP(s) {
        x = x * 3 + 1;
        bg_do_not_optimize(&x);
    }
}
BG_BENCHMARK(ranged, .axes = "n=1<<10..1<<16:*4;m=0..20:+10")
