/* gatecheck.c - a kernel with a tunable amount of extra work, to show which slowdowns the gate
 * catches: BENCHGATE_EXTRA_WORK_PCT=1 makes each iteration do 1% more steps (scripts/aa_check.sh).
 */
#include <benchgate/benchgate.h>
#include <stdlib.h>

#include "kernels/cpu/spin.h"

static void gatecheck(bg_state *s) {
    const char *extra = getenv("BENCHGATE_EXTRA_WORK_PCT");
    double pct = extra ? atof(extra) : 0.0;
    if (pct < 0 || pct > 1000)
        bg_fail(s, "BENCHGATE_EXTRA_WORK_PCT=%s: expected 0 to 1000", extra);
    uint64_t steps = (uint64_t)((double)bg_axis_int(s, "steps") * (1.0 + pct / 100.0));
    uint64_t seed = bg_seed(s), out = 0;
    bg_set_items_per_iter(s, (double)steps);
    BG_LOOP(s) {
        out = spin_chain(seed, steps);
        bg_do_not_optimize(&out);
    }
    bg_report_error(s, "mismatch", out == spin_reference(seed, steps) ? 0.0 : 1.0, 0.0);
}
BG_BENCHMARK(gatecheck, .axes = "steps=4096");
